/**
 * The `kizuna` command as an operator uses it, on the store under test: on PGlite with no node
 * running (the command opens the folder) and with a node running (the node carries the command
 * out over its control socket); on PostgreSQL beside the node. Also the restart test: data written
 * before a graceful stop is there after the next start.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../db/index.js';
import { type TestDb, freshDb, storeKind } from '../test/db.js';
import { Client } from '../test/http.js';
import { runKizuna, serveKizuna } from '../test/process.js';

let dir: string;
let pgStore: TestDb | undefined;
let env: Record<string, string>;
const password = 'operator chose this passphrase';

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'kizuna-cli-'));
  await writeFile(path.join(dir, 'pw'), `${password}\n`);
  if (storeKind === 'postgres') {
    pgStore = await freshDb();
    env = { DATABASE_URL: pgStore.url as string };
  } else {
    env = { KIZUNA_DATA_DIR: path.join(dir, 'data') };
  }
});
afterAll(async () => {
  await pgStore?.drop();
  await rm(dir, { recursive: true, force: true });
});

// Each test runs several real processes; on a loaded two-core machine that can take minutes.
describe('kizuna command', { timeout: 240_000 }, () => {
  it('migrates, loads the demo twice without change, adds a user and a token, verifies the audit log', async () => {
    const migrated = await runKizuna(['migrate'], env);
    expect(migrated.code, migrated.stderr).toBe(0);
    const demo1 = await runKizuna(['demo'], env);
    expect(demo1.code, demo1.stderr).toBe(0);
    const demo2 = await runKizuna(['demo'], env);
    expect(demo2.stdout).toMatch(/added 0 organisations, 0 sites, 0 people, 0 pointsOfContact, 0 communities/);
    const add = await runKizuna(
      [
        'user',
        'add',
        '--email',
        'analyst@cert-vn.example',
        '--org',
        'VNCERT/CC',
        '--role',
        'analyst',
        '--password-file',
        path.join(dir, 'pw'),
      ],
      env,
    );
    expect(add.code, add.stderr).toBe(0);
    expect(add.stdout).toMatch(/created analyst@cert-vn.example as analyst/);
    const dup = await runKizuna(
      [
        'user',
        'add',
        '--email',
        'analyst@cert-vn.example',
        '--org',
        'cert:VN',
        '--role',
        'analyst',
        '--password-file',
        path.join(dir, 'pw'),
      ],
      env,
    );
    expect(dup.code).not.toBe(0);
    expect(dup.stderr).toMatch(/already exists/);
    const badRole = await runKizuna(
      ['user', 'add', '--email', 'x@cert-vn.example', '--org', 'cert:VN', '--role', 'king', '--password-file', path.join(dir, 'pw')],
      env,
    );
    expect(badRole.code).not.toBe(0);
    expect(badRole.stderr).toMatch(/Unknown role/);
    const token = await runKizuna(['token', 'create', '--user', 'analyst@cert-vn.example', '--expires-in', '30d'], env);
    expect(token.code, token.stderr).toBe(0);
    expect(token.stdout.trim()).toMatch(/^kzt_[A-Za-z0-9_-]{40,}$/);
    const verify = await runKizuna(['audit', 'verify'], env);
    expect(verify.code, verify.stderr).toBe(0);
    expect(verify.stdout).toMatch(/audit log intact/);
  });

  it('works while the node runs, and the data survives a restart', async () => {
    let node = await serveKizuna(env);
    try {
      const add = await runKizuna(
        ['user', 'add', '--email', 'controller@cert-vn.example', '--org', 'cert:VN', '--role', 'controller'],
        env,
        `${password}\n`,
      );
      expect(add.code, add.stderr + node.output()).toBe(0);
      const token = await runKizuna(['token', 'create', '--user', 'controller@cert-vn.example'], env);
      expect(token.code, token.stderr).toBe(0);
      const api = new Client(node.url).withToken(token.stdout.trim());
      const me = await api.get('/api/v1/auth/me');
      expect(me.body.user.email).toBe('controller@cert-vn.example');
      const analyst = new Client(node.url);
      expect((await analyst.login('analyst@cert-vn.example', password)).status).toBe(200);
      expect((await runKizuna(['audit', 'verify'], env)).code).toBe(0);
    } finally {
      expect(await node.stop('SIGTERM')).toBe(0);
    }
    node = await serveKizuna(env);
    try {
      const again = new Client(node.url);
      expect((await again.login('controller@cert-vn.example', password)).status).toBe(200);
      const orgs = await again.get('/api/v1/organisations?type=national_cert');
      expect(orgs.body.total).toBe(11);
    } finally {
      await node.stop();
    }
  });

  it('audit verify exits non-zero after an entry is edited in the store', async () => {
    const db = storeKind === 'postgres' ? pgStore!.db : await openDb({ dataDir: env.KIZUNA_DATA_DIR });
    await db.query(`UPDATE audit_log SET actor = 'someone else' WHERE seq = 3`);
    if (storeKind !== 'postgres') await db.close();
    const verify = await runKizuna(['audit', 'verify'], env);
    expect(verify.code).toBe(2);
    expect(verify.stderr).toMatch(/BROKEN at entry 3: entry 3 was edited/);
  });
});
