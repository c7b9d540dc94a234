/** Runs the real `kizuna` command as a child process, as an operator would. */
import { type ChildProcess, spawn } from 'node:child_process';
import { get as httpGet } from 'node:http';
import { get as httpsGet } from 'node:https';
import { createServer } from 'node:net';
import { fromRoot } from '../lib/paths.js';

export const kizunaBin = fromRoot('bin', 'kizuna.mjs');

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function runKizuna(args: string[], env: Record<string, string>, input?: string): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [kizunaBin, ...args], { env: { ...cleanEnv(), ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(input ?? '');
  });
}

/** The environment without the test runner's database settings, so each child gets only what we pass. */
export function cleanEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v === undefined || k.startsWith('KIZUNA_') || k === 'DATABASE_URL' || k.startsWith('VITEST') || k === 'NODE_ENV') continue;
    env[k] = v;
  }
  return env;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => resolve(typeof addr === 'object' && addr ? addr.port : 0));
    });
  });
}

export interface Served {
  child: ChildProcess;
  url: string;
  output: () => string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Starts `kizuna serve` and waits for /readyz. */
export async function serveKizuna(env: Record<string, string>, timeoutMs = 90_000, scheme: 'http' | 'https' = 'http'): Promise<Served> {
  const port = await freePort();
  const child = spawn(process.execPath, [kizunaBin, 'serve'], {
    env: { ...cleanEnv(), KIZUNA_LOG_LEVEL: 'warn', KIZUNA_NO_WEB_BUILD: '1', ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d) => {
    out += d;
  });
  child.stderr?.on('data', (d) => {
    out += d;
  });
  const url = `${scheme}://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`kizuna serve exited with ${child.exitCode}:\n${out}`);
    try {
      if ((await probe(`${url}/readyz`)) === 200) break;
    } catch {}
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`kizuna serve not ready after ${timeoutMs} ms:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    child,
    url,
    output: () => out,
    stop(signal = 'SIGTERM') {
      return new Promise((resolve) => {
        if (child.exitCode !== null) return resolve(child.exitCode);
        child.once('exit', (code) => resolve(code));
        child.kill(signal);
      });
    },
  };
}

/** GET that accepts the throwaway certificates tests make. */
function probe(url: string): Promise<number> {
  const mod = url.startsWith('https:') ? httpsGet : httpGet;
  return new Promise((resolve, reject) => {
    const req = mod(url, { rejectUnauthorized: false }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
  });
}
