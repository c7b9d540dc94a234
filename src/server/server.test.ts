/**
 * The HTTP server as a whole: health and readiness, the OpenAPI document and docs page, security
 * headers and request ids, HTTPS with a throwaway certificate (Secure session cookie), and a
 * graceful SIGTERM that lets an in-flight request finish.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request as httpsRequest } from 'node:https';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestDb, freshDb, storeKind } from '../test/db.js';
import { type TestNode, startTestNode } from '../test/http.js';
import { serveKizuna } from '../test/process.js';

let node: TestNode;
let dir: string;
beforeAll(async () => {
  node = await startTestNode();
  dir = await mkdtemp(path.join(os.tmpdir(), 'kizuna-server-'));
});
afterAll(async () => {
  await node?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('http server', () => {
  it('answers health, readiness and the OpenAPI document', async () => {
    expect((await fetch(`${node.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${node.url}/readyz`);
    expect(ready.status).toBe(200);
    const doc = (await (await fetch(`${node.url}/api/openapi.json`)).json()) as { openapi: string; paths: Record<string, any> };
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/organisations', '/api/v1/auth/login', '/api/v1/audit']));
    // Request bodies are documented from the same zod schemas that validate them.
    expect(JSON.stringify(doc.paths['/api/v1/organisations'].post.requestBody)).toMatch(/national_cert/);
    const docs = await fetch(`${node.url}/api/docs/`);
    expect(docs.status).toBe(200);
    expect(await docs.text()).toMatch(/swagger/i);
  });

  it('sends security headers and echoes a request id', async () => {
    const res = await fetch(`${node.url}/api/v1/organisations`, { headers: { 'x-request-id': 'trace-123' } });
    expect(res.status).toBe(401);
    expect(res.headers.get('x-request-id')).toBe('trace-123');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(await res.json()).toEqual({ error: { code: 'unauthenticated', message: 'Sign in or send an API token' } });
  });
});

describe('kizuna serve', { timeout: 240_000 }, () => {
  let store: TestDb | undefined;
  let env: Record<string, string>;
  beforeAll(async () => {
    if (storeKind === 'postgres') {
      store = await freshDb();
      env = { DATABASE_URL: store.url as string };
    } else env = { KIZUNA_DATA_DIR: path.join(dir, 'data') };
  });
  afterAll(() => store?.drop());

  it('serves HTTPS with KIZUNA_TLS_CERT and KIZUNA_TLS_KEY, and marks the session cookie Secure', async () => {
    const cert = path.join(dir, 'cert.pem');
    const key = path.join(dir, 'key.pem');
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=localhost'],
      {
        stdio: 'ignore',
      },
    );
    await writeFile(path.join(dir, 'pw'), 'a throwaway passphrase');
    const served = await serveKizuna(
      {
        ...env,
        KIZUNA_TLS_CERT: cert,
        KIZUNA_TLS_KEY: key,
        KIZUNA_ADMIN_EMAIL: 'tls@test.example',
        KIZUNA_ADMIN_PASSWORD_FILE: path.join(dir, 'pw'),
      },
      90_000,
      'https',
    );
    try {
      const res = await new Promise<{ status: number; cookie: string }>((resolve, reject) => {
        const req = httpsRequest(
          `${served.url}/api/v1/auth/login`,
          { method: 'POST', rejectUnauthorized: false, headers: { 'content-type': 'application/json' } },
          (r) => {
            r.resume();
            r.on('end', () => resolve({ status: r.statusCode ?? 0, cookie: String(r.headers['set-cookie'] ?? '') }));
          },
        );
        req.on('error', reject);
        req.end(JSON.stringify({ email: 'tls@test.example', password: 'a throwaway passphrase' }));
      });
      expect(res.status).toBe(200);
      expect(res.cookie).toMatch(/Secure/);
      expect(res.cookie).toMatch(/HttpOnly/);
    } finally {
      expect(await served.stop()).toBe(0);
    }
  });

  it('finishes an in-flight request on SIGTERM before exiting', async () => {
    const served = await serveKizuna(env);
    const { port } = new URL(served.url);
    // Send the headers and half a body, stop the node, then send the rest: the answer must arrive.
    const body = JSON.stringify({ email: 'nobody@test.example', password: 'x'.repeat(200) });
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(Number(port), '127.0.0.1', async () => {
        socket.write(
          `POST /api/v1/auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n`,
        );
        socket.write(body.slice(0, 50));
        await new Promise((r) => setTimeout(r, 200));
        served.child.kill('SIGTERM');
        await new Promise((r) => setTimeout(r, 300));
        socket.write(body.slice(50));
      });
      let data = '';
      socket.on('data', (d) => {
        data += d;
      });
      socket.on('end', () => resolve(data));
      socket.on('error', reject);
    });
    expect(answer).toMatch(/^HTTP\/1.1 401/);
    expect(await served.stop()).toBe(0);
  });
});
