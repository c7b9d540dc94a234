/**
 * The drill worker: the exercise clock and outbound deliveries, as a loop over the database.
 * Any number of workers (inside `kizuna serve` or alone as `kizuna worker`) share one database:
 * - due injects are claimed FOR UPDATE SKIP LOCKED and fired in one transaction (fire.ts), so each
 *   fires once however many workers run and whichever of them dies;
 * - e-mail and webhook sends are claimed with a lease; a dead worker's claims lapse and are taken
 *   over (send/sender.ts);
 * - it sleeps until the next due time but never longer than `pollMs` (≤ 200 ms), and wakes at once
 *   on NOTIFY kizuna_drill_wake (clock commands, live injects), so injects fire well within a second;
 * - it also starts exercises at their planned start, and plays the simulated teams of rehearsals.
 */
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { Db } from '../../db/index.js';
import { systemActor } from '../identity/actor.js';
import * as deliveries from './deliveries.store.js';
import { WAKE_CHANNEL } from './events.js';
import * as exercises from './exercises.store.js';
import { applyTo } from './clock.service.js';
import { exercisesWithDueInjects, fireDueIn, nextDueInMs } from './fire.js';
import { finishRehearsals, simulateTeams } from './rehearsal/simulate.js';
import { createMailer, type EmailSettings, emailSettingsFromEnv } from './send/email.js';
import { sendDue } from './send/sender.js';

export interface WorkerLog {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface WorkerOptions {
  id?: string;
  /** Longest sleep between looks at the database (default 200 ms). */
  pollMs?: number;
  /** Injects fired per transaction. */
  batch?: number;
  leaseMs?: number;
  maxAttempts?: number;
  retryBaseMs?: number;
  retryMaxMs?: number;
  httpTimeoutMs?: number;
  email?: EmailSettings;
  log?: WorkerLog;
  /** Called after each fired batch (benchmarks measure lateness with it). */
  onFired?: (r: { exerciseId: string; fired: number; lateness: number[] }) => void;
}

export interface Worker {
  id: string;
  stop(): Promise<void>;
  /** Resolves after the next complete pass of the loop (tests use it to wait for quiescence). */
  tick(): Promise<void>;
}

const silent: WorkerLog = { info() {}, warn() {}, error() {} };

export async function startWorker(db: Db, options: WorkerOptions = {}): Promise<Worker> {
  const o = {
    id: options.id ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`,
    pollMs: Math.min(options.pollMs ?? 200, 200),
    batch: options.batch ?? 200,
    leaseMs: options.leaseMs ?? 30_000,
    maxAttempts: options.maxAttempts ?? 8,
    retryBaseMs: options.retryBaseMs ?? 2_000,
    retryMaxMs: options.retryMaxMs ?? 10 * 60_000,
    httpTimeoutMs: options.httpTimeoutMs ?? 10_000,
    log: options.log ?? silent,
  };
  const email = options.email ?? emailSettingsFromEnv();
  const mailer = email ? createMailer(email) : undefined;
  const sender = { ...o, workerId: o.id, mailer, mailFrom: email?.from ?? '', batch: 50 };

  let stopping = false;
  let wake: (() => void) | null = null;
  let waiters: (() => void)[] = [];
  const unlisten = await db.listen(WAKE_CHANNEL, () => wake?.());

  async function pass(): Promise<boolean> {
    let busy = false;
    for (const id of await exercises.dueToStart(db)) {
      await db
        .transaction(async (tx) => {
          const ex = await exercises.get(tx, id, 'update');
          if (ex?.status === 'scheduled') await applyTo(tx, ex, 'start', undefined, systemActor('drill-clock'));
        })
        .catch((err) => o.log.warn({ err, exercise: id }, 'planned start failed'));
    }
    for (const exerciseId of await exercisesWithDueInjects(db)) {
      const r = await fireDueIn(db, exerciseId, o.batch);
      if (r.fired) options.onFired?.({ exerciseId, fired: r.fired, lateness: r.lateness });
      if (r.fired >= o.batch) busy = true;
    }
    if ((await sendDue(db, sender)) >= sender.batch) busy = true;
    await simulateTeams(db);
    await finishRehearsals(db);
    return busy;
  }

  async function sleepMs(): Promise<number> {
    const [a, b] = await Promise.all([nextDueInMs(db), deliveries.nextSendInMs(db)]);
    const next = Math.min(a ?? Number.POSITIVE_INFINITY, b ?? Number.POSITIVE_INFINITY);
    return Math.max(0, Math.min(o.pollMs, next));
  }

  const loop = (async () => {
    while (!stopping) {
      let busy = false;
      try {
        busy = await pass();
      } catch (err) {
        o.log.error({ err }, 'drill worker pass failed');
      }
      const done = waiters;
      waiters = [];
      for (const w of done) w();
      if (busy || stopping) continue;
      const ms = await sleepMs().catch(() => o.pollMs);
      if (ms > 0) {
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, ms);
          wake = () => {
            clearTimeout(t);
            resolve();
          };
        });
        wake = null;
      }
    }
  })();

  o.log.info({ worker: o.id }, 'drill worker started');
  return {
    id: o.id,
    tick: () => new Promise<void>((resolve) => waiters.push(resolve)),
    async stop() {
      stopping = true;
      wake?.();
      await loop;
      await unlisten();
      mailer?.close();
      for (const w of waiters) w();
    },
  };
}
