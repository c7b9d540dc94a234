/**
 * Starts a real Kizuna node for a browser test: `node bin/kizuna.mjs serve` on a free port with a
 * fresh store (PGlite in a temp folder, or a fresh database on E2E_DATABASE_URL's server) and a
 * known first admin, then waits until /readyz answers.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

export interface Node {
  url: string;
  adminEmail: string;
  adminPassword: string;
  /** Everything the node printed, for a failing test's message. */
  output(): string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => resolve(typeof addr === 'object' && addr ? addr.port : 0));
    });
  });
}

/** The parent's environment minus anything that would point the node at another store or config. */
function baseEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (k.startsWith('KIZUNA_') || k === 'DATABASE_URL' || k.startsWith('VITEST') || k === 'NODE_ENV') continue;
    env[k] = v;
  }
  return env;
}

/** A database of its own on the PostgreSQL server, so runs never see each other's data. */
async function freshDatabase(serverUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const pg = (await import('pg')).default;
  const name = `kizuna_e2e_${Date.now()}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export async function startNode(timeoutMs = 90_000): Promise<Node> {
  const port = await freePort();
  const adminEmail = 'admin@kizuna.example';
  const adminPassword = `e2e-${randomBytes(12).toString('base64url')}`;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'kizuna-e2e-'));
  const database = process.env.E2E_DATABASE_URL ? await freshDatabase(process.env.E2E_DATABASE_URL) : null;

  const env: NodeJS.ProcessEnv = {
    ...baseEnv(),
    PORT: String(port),
    HOST: '127.0.0.1',
    KIZUNA_ADMIN_EMAIL: adminEmail,
    KIZUNA_ADMIN_PASSWORD: adminPassword,
    KIZUNA_LOG_LEVEL: 'warn',
    ...(database ? { DATABASE_URL: database.url } : { KIZUNA_DATA_DIR: dataDir }),
  };
  const child: ChildProcess = spawn(process.execPath, [path.join(root, 'bin', 'kizuna.mjs'), 'serve'], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d) => {
    out += d;
  });
  child.stderr?.on('data', (d) => {
    out += d;
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const cleanup = async () => {
    rmSync(dataDir, { recursive: true, force: true });
    await database?.drop().catch(() => {});
  };
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    }
    await cleanup();
  };

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) {
      await cleanup();
      throw new Error(`kizuna serve exited with ${child.exitCode} before it was ready:\n${out}`);
    }
    try {
      if ((await fetch(`${url}/readyz`)).status === 200) break;
    } catch {
      // Not listening yet: the first start builds the console and loads the demo directory.
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`kizuna serve was not ready within ${timeoutMs} ms:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }

  return { url, adminEmail, adminPassword, output: () => out, stop };
}
