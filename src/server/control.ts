/**
 * The local control socket. PGlite lets only one process open its files, so while a node runs on
 * PGlite the `kizuna` commands (user add, token create, audit verify…) are carried out by the
 * running node: the command sends its operation over a Unix socket in the data folder (mode 0600,
 * so only the node's own account can use it) and prints what comes back.
 *
 * Protocol: one JSON request line; the node answers with zero or more `{"progress": {...}}` lines
 * (long operations such as `import`) and ends with one result line `{"exitCode", "output"}`.
 */
import { createHash } from 'node:crypto';
import { chmod, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Db } from '../db/index.js';
import { type OpName, runOperation } from '../cli/operations.js';

export function controlSocketPath(dataDir: string): string {
  const inside = path.join(dataDir, 'kizuna.sock');
  // Unix socket paths are limited to ~107 bytes; deep data folders get a stable path in /tmp.
  if (Buffer.byteLength(inside) < 100) return inside;
  return path.join(os.tmpdir(), `kizuna-${createHash('sha256').update(dataDir).digest('hex').slice(0, 16)}.sock`);
}

interface Request {
  op: OpName;
  args: Record<string, unknown>;
}

export async function startControlServer(db: Db, dataDir: string): Promise<() => Promise<void>> {
  const socketPath = controlSocketPath(dataDir);
  await rm(socketPath, { force: true });
  const server = net.createServer((socket) => {
    let buffer = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk) => {
      buffer += chunk;
      if (buffer.length > 1_000_000) socket.destroy();
      const nl = buffer.indexOf('\n');
      if (nl < 0) return;
      const line = buffer.slice(0, nl);
      buffer = '';
      void (async () => {
        try {
          const req = JSON.parse(line) as Request;
          // Progress lines are best effort: a client that went away only stops receiving them.
          const onProgress = (progress: unknown) => {
            if (!socket.destroyed) socket.write(`${JSON.stringify({ progress })}\n`);
          };
          const result = await runOperation(db, req.op, req.args, { onProgress });
          socket.end(`${JSON.stringify(result)}\n`);
        } catch (err) {
          socket.end(`${JSON.stringify({ exitCode: 1, output: `error: ${(err as Error).message}\n` })}\n`);
        }
      })();
    });
    socket.on('error', () => {});
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socketPath, () => resolve());
  });
  await chmod(socketPath, 0o600);
  return async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await rm(socketPath, { force: true });
  };
}

/**
 * Sends one operation to a running node; undefined when no node answers on the socket. Progress
 * lines the node sends before its result go to `onProgress`.
 */
export async function sendToRunningNode(
  dataDir: string,
  op: OpName,
  args: Record<string, unknown>,
  onProgress?: (progress: { done: number; total: number }) => void,
): Promise<{ exitCode: number; output: string } | undefined> {
  const socketPath = controlSocketPath(dataDir);
  return new Promise((resolve, reject) => {
    const socket = net.connect(socketPath);
    let data = '';
    let connected = false;
    socket.setEncoding('utf8');
    socket.on('connect', () => {
      connected = true;
      socket.write(`${JSON.stringify({ op, args })}\n`);
    });
    let result: { exitCode: number; output: string } | undefined;
    let unreadable = false;
    const take = (line: string) => {
      if (!line.trim()) return;
      try {
        const message = JSON.parse(line);
        if (message && typeof message === 'object' && 'progress' in message) onProgress?.(message.progress);
        else result = message;
      } catch {
        unreadable = true;
      }
    };
    socket.on('data', (chunk) => {
      data += chunk;
      for (let nl = data.indexOf('\n'); nl >= 0; nl = data.indexOf('\n')) {
        take(data.slice(0, nl));
        data = data.slice(nl + 1);
      }
    });
    socket.on('end', () => {
      take(data);
      if (result && !unreadable) resolve(result);
      else reject(new Error('The running node gave an unreadable answer'));
    });
    socket.on('error', (err: NodeJS.ErrnoException) => {
      if (!connected && (err.code === 'ENOENT' || err.code === 'ECONNREFUSED')) resolve(undefined);
      else reject(err);
    });
  });
}
