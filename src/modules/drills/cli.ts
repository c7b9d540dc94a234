/**
 * The drill commands of `kizuna`: `worker` (the clock and deliveries without HTTP, beside any
 * number of `kizuna serve` processes on one PostgreSQL) and `drill rehearse` (a built-in scenario
 * with simulated teams, end to end, printing progress). On PGlite only one process may open the
 * data folder: the worker then runs inside `kizuna serve`, and a rehearsal is handed to the running
 * node over its control socket (or, when no node runs, played in this process).
 */
import pino from 'pino';
import type { Config } from '../../config.js';
import type { Db } from '../../db/index.js';
import { migrate } from '../../db/migrate.js';
import { sendToRunningNode } from '../../server/control.js';
import { openNode, openStore } from '../../server/node.js';
import { describeTemperaments, type Progress, progress, type RehearsalStarted, startRehearsal } from './rehearsal/rehearse.js';
import { drillSettings } from './settings.js';
import { startWorker } from './worker.js';

export const PGLITE_WORKER_MESSAGE =
  'kizuna worker needs PostgreSQL (set DATABASE_URL).\n' +
  'With embedded PGlite only one process can open the data folder, so the worker cannot run beside `kizuna serve`:\n' +
  'there, `kizuna serve` runs the drill worker itself (unless KIZUNA_NO_WORKER=1).\n';

export async function workerCommand(config: Config): Promise<void> {
  if (!config.databaseUrl) {
    process.stderr.write(PGLITE_WORKER_MESSAGE);
    process.exit(2);
  }
  const log = pino({ level: config.logLevel, base: { service: 'kizuna-worker' } });
  drillSettings.publicUrl = config.publicUrl;
  const { db } = await openStore(config);
  await migrate(db);
  // Lease and retry timings can be shortened for tests of crash recovery.
  const ms = (name: string) => (process.env[name] ? Number(process.env[name]) : undefined);
  const worker = await startWorker(db, { log, leaseMs: ms('KIZUNA_DRILL_LEASE_MS'), retryBaseMs: ms('KIZUNA_DRILL_RETRY_MS') });
  process.stdout.write(`Drill worker ${worker.id} is running against PostgreSQL\n`);
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    log.info({ signal }, 'stopping the drill worker');
    await worker.stop();
    await db.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function watch(next: () => Promise<Progress>, out: (line: string) => void): Promise<Progress> {
  let last = '';
  for (;;) {
    const p = await next();
    if (p.line !== last) out(p.line);
    last = p.line;
    if (p.done) return p;
    await sleep(1000);
  }
}

export async function rehearseCommand(config: Config, scenario: string, speed: number): Promise<number> {
  const out = (line: string) => process.stdout.write(`${line}\n`);
  drillSettings.publicUrl = config.publicUrl;
  if (!config.databaseUrl) {
    const started = await sendToRunningNode(config.dataDir, 'drillRehearseStart', { scenario, speed });
    if (started) {
      if (started.exitCode) {
        process.stderr.write(started.output);
        return started.exitCode;
      }
      const info = JSON.parse(started.output) as RehearsalStarted;
      announce(out, config, info);
      await watch(async () => {
        const r = await sendToRunningNode(config.dataDir, 'drillRehearseProgress', { exerciseId: info.exerciseId });
        if (!r || r.exitCode) throw new Error(r?.output ?? 'The node stopped answering');
        return JSON.parse(r.output) as Progress;
      }, out);
      out('Rehearsal finished.');
      return 0;
    }
  }
  // PostgreSQL, or a PGlite folder no node holds: open the node as serve would (a fresh store gets
  // the demo directory the simulated teams come from) and play the rehearsal with a worker of our own.
  const { db } = await openNode(config);
  try {
    return await rehearseHere(db, config, scenario, speed, out);
  } finally {
    await db.close();
  }
}

async function rehearseHere(db: Db, config: Config, scenario: string, speed: number, out: (l: string) => void): Promise<number> {
  const worker = await startWorker(db);
  try {
    const info = await startRehearsal(db, { scenario, speed });
    announce(out, config, info);
    await watch(() => progress(db, info.exerciseId), out);
    out('Rehearsal finished.');
    return 0;
  } finally {
    await worker.stop();
  }
}

function announce(out: (l: string) => void, config: Config, info: RehearsalStarted) {
  out(`${info.name}`);
  out(
    `exercise ${info.exerciseId}: ${info.injects} injects, ${info.teams} simulated teams — watch it at ${config.publicUrl}/drills/${info.exerciseId}`,
  );
  if (info.temperaments) out(describeTemperaments(info.temperaments));
}
