/**
 * Start-up: a real `kizuna serve` process from cold to /readyz, on an empty PGlite folder and on an
 * empty PostgreSQL database (first start: migrations and the demo directory included), the time the
 * demo load took inside that start, a warm restart, and the resident memory once ready.
 * Targets (issue 2): ready < 3 s on PGlite, < 1 s on PostgreSQL; < 250 MB resident.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { serveKizuna } from '../../src/test/process.js';
import { figure, postgresUrl, quick, scratchDatabase } from '../lib.js';

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

async function measure(store: string, env: Record<string, string>) {
  const env2 = {
    ...env,
    KIZUNA_ADMIN_EMAIL: 'bench@kizuna.example',
    KIZUNA_ADMIN_PASSWORD: 'bench passphrase long',
    KIZUNA_LOG_LEVEL: 'warn',
  };
  const t0 = performance.now();
  const cold = await serveKizuna(env2);
  const coldMs = performance.now() - t0;
  const demoMs = Number(/Demo directory loaded in (\d+) ms/.exec(cold.output())?.[1] ?? Number.NaN);
  await new Promise((r) => setTimeout(r, 1000));
  const rss = rssMb(cold.child.pid as number);
  await cold.stop();
  const runs = quick ? 1 : 3;
  const warm: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t1 = performance.now();
    const node = await serveKizuna(env2);
    warm.push(performance.now() - t1);
    await node.stop();
  }
  figure('startup', 'ready_ms', coldMs, store, { start: 'cold, empty store' });
  figure('startup', 'ready_warm_ms', Math.min(...warm), store, { start: 'existing store' });
  figure('startup', 'demo_load_ms', demoMs, store);
  figure('startup', 'rss_mb', rss, store);
}

const dir = await mkdtemp(path.join(os.tmpdir(), 'kizuna-bench-startup-'));
try {
  await measure('pglite', { KIZUNA_DATA_DIR: path.join(dir, 'data') });
  const url = await postgresUrl();
  if (url) {
    const scratch = await scratchDatabase(url, 'kizuna_bench_startup');
    try {
      await measure('postgres', { DATABASE_URL: scratch.url });
    } finally {
      await scratch.drop();
    }
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}
