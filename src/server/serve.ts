/**
 * `kizuna serve`: opens the node, serves HTTP(S), the control socket for local commands, and shuts
 * down gracefully on SIGTERM/SIGINT (in-flight requests finish, then the database closes).
 */
import pino from 'pino';
import type { Config } from '../config.js';
import { startWorker } from '../modules/drills/worker.js';
import { buildApp } from './app.js';
import { startControlServer } from './control.js';
import { openNode } from './node.js';

export async function serve(config: Config): Promise<void> {
  const log = pino({ level: config.logLevel, base: { service: 'kizuna' } });
  const started = performance.now();
  const node = await openNode(config);
  const app = await buildApp({ db: node.db, config, homeOrganisationId: node.homeOrganisationId, logger: log });
  const stopControl = config.databaseUrl ? undefined : await startControlServer(node.db, config.dataDir);
  await app.listen({ port: config.port, host: config.host });
  // The drill worker (exercise clock, deliveries) runs here unless KIZUNA_NO_WORKER=1 leaves it to
  // `kizuna worker` processes.
  const worker = process.env.KIZUNA_NO_WORKER === '1' ? undefined : await startWorker(node.db, { log });

  const store = config.databaseUrl ? 'PostgreSQL' : `PGlite in ${config.dataDir}`;
  const lines = [`Kizuna is serving ${config.publicUrl} (store: ${store}, ready in ${Math.round(performance.now() - started)} ms)`];
  if (node.demo)
    lines.push(
      `Demo directory loaded in ${Math.round(node.timings.demoMs)} ms: ${node.demo.organisations} organisations, ${node.demo.sites} sites, ${node.demo.communities} communities.`,
    );
  switch (node.firstAdmin.kind) {
    case 'created':
      lines.push(`First node admin created from KIZUNA_ADMIN_EMAIL: log in at ${config.publicUrl}/login as ${node.firstAdmin.email}.`);
      break;
    case 'setup_link':
      lines.push(
        'No user exists yet and KIZUNA_ADMIN_EMAIL/KIZUNA_ADMIN_PASSWORD are not set.',
        `Create the first node admin within ${node.firstAdmin.expiresInMinutes} minutes at this one-time link:`,
        `  ${config.publicUrl}/setup?token=${node.firstAdmin.token}`,
      );
      break;
    case 'exists':
      lines.push(`Log in at ${config.publicUrl}/login`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    log.info({ signal }, 'shutting down');
    await app.close();
    await worker?.stop();
    await stopControl?.();
    await node.db.close();
    log.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}
