/**
 * One small query interface over the two stores Kizuna runs on: embedded PGlite (default, a folder
 * on disk) and PostgreSQL (DATABASE_URL). Stores write plain SQL against `Db`; nothing above this
 * file knows which engine answers. Transactions nest by reusing the outer transaction.
 */
import { createHash } from 'node:crypto';
import { PGlite, parse as pgliteResults, protocol } from '@electric-sql/pglite';
import pg from 'pg';

export type Row = Record<string, unknown>;

export interface QueryOptions {
  /**
   * A hot statement (every TAXII request, every object page): prepared once per connection (PGlite
   * has one), so later runs skip parsing and, once the server settles on a generic plan, planning,
   * which costs more than running these queries (measured: 1.4 ms planning against 0.5 ms running
   * the correlation query on PostgreSQL, 1.9 against 0.9 ms on PGlite). Only for SQL whose text
   * takes few forms (values always as parameters): each distinct text stays prepared.
   */
  prepare?: boolean;
}

export interface Db {
  readonly kind: 'pglite' | 'postgres';
  query<T = Row>(sql: string, params?: unknown[], options?: QueryOptions): Promise<T[]>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
  /** Runs fn in one transaction; inside a transaction it simply runs fn on the same one. */
  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T>;
  /** Subscribe to NOTIFY on a channel; returns an unsubscribe function. */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

// timestamptz and bigint come back as strings from both drivers, so that microseconds and large
// counters survive; stores convert where they need a Date or a number.
pg.types.setTypeParser(1184, (v) => v); // timestamptz
pg.types.setTypeParser(1114, (v) => v); // timestamp
pg.types.setTypeParser(1082, (v) => v); // date
pg.types.setTypeParser(20, (v) => v); // int8

const pgliteParsers = {
  1184: (v: string) => v,
  1114: (v: string) => v,
  1082: (v: string) => v,
  20: (v: string) => v,
};

export interface OpenOptions {
  /** postgres://… ; when absent, PGlite is used. */
  databaseUrl?: string;
  /** PGlite data folder; absent or 'memory://' for an in-memory store. */
  dataDir?: string;
  /** A tarball from PGlite's dumpDataDir to start from (tests use a migrated template). */
  loadDataDir?: Blob;
  poolSize?: number;
}

export async function openDb(opts: OpenOptions): Promise<Db> {
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl, opts.poolSize ?? 10);
  const pglite = await PGlite.create({
    dataDir: opts.dataDir,
    loadDataDir: opts.loadDataDir,
    parsers: pgliteParsers,
    // Keeps the resident size near 170 MB instead of ~300 MB (measured, see DESIGN.md).
    postgresqlconf: ['shared_buffers = 16MB'],
  } as ConstructorParameters<typeof PGlite>[0]);
  return wrapPglite(pglite);
}

export function wrapPglite(pglite: PGlite): Db & { pglite: PGlite } {
  const prepared = preparedOn(pglite);
  const make = (inTx: boolean, tx?: { query: PGlite['query']; exec: PGlite['exec'] }): Db & { pglite: PGlite } => ({
    kind: 'pglite',
    pglite,
    async query<T>(sql: string, params: unknown[] = [], options?: QueryOptions) {
      if (options?.prepare) return prepared<T>(sql, params, inTx);
      const res = await (tx ?? pglite).query<T>(sql, params);
      return res.rows;
    },
    async exec(sql: string) {
      await (tx ?? pglite).exec(sql);
    },
    async transaction<T>(fn: (db: Db) => Promise<T>) {
      if (inTx) return fn(this);
      return pglite.transaction((t) => fn(make(true, t)));
    },
    async listen(channel, onPayload) {
      const unsub = await pglite.listen(channel, onPayload);
      return async () => unsub();
    },
    async close() {
      if (!pglite.closed) await pglite.close();
    },
  });
  return make(false);
}

/**
 * Named prepared statements on PGlite, whose query() parses and plans every time. PGlite speaks the
 * PostgreSQL protocol: Parse and Describe once per statement, then Bind, Execute and Sync in one
 * message per run, with PGlite's own serializers and result parser. The locks are PGlite's, taken
 * as its query() takes them: the query lock always, and outside a transaction the transaction lock
 * too, so a read never runs inside another caller's open transaction.
 */
function preparedOn(pglite: PGlite) {
  const { serialize } = protocol;
  const paramTypes = new Map<string, number[]>();
  const message = (...parts: Uint8Array[]) => {
    const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of parts) {
      out.set(p, at);
      at += p.length;
    }
    return out;
  };
  const run = async <T>(sql: string, params: unknown[]): Promise<T[]> => {
    const name = statementName(sql);
    let types = paramTypes.get(sql);
    if (!types) {
      const described = await pglite.execProtocol(
        message(serialize.parse({ name, text: sql }), serialize.describe({ type: 'S', name }), serialize.sync()),
      );
      types = pgliteResults.parseDescribeStatementResults(described.messages);
      paramTypes.set(sql, types);
    }
    const values = params.map((value, i) => {
      if (value === null || value === undefined) return null;
      const serializer = pglite.serializers[types[i]];
      return serializer ? serializer(value) : String(value);
    });
    const { messages } = await pglite.execProtocol(
      message(serialize.bind({ statement: name, values }), serialize.describe({ type: 'P' }), serialize.execute({}), serialize.sync()),
    );
    return pgliteResults.parseResults(messages, pglite.parsers)[0].rows as T[];
  };
  return <T>(sql: string, params: unknown[], inTx: boolean): Promise<T[]> =>
    inTx
      ? pglite.runExclusive(() => run<T>(sql, params))
      : pglite._runExclusiveTransaction(() => pglite.runExclusive(() => run<T>(sql, params)));
}

const statementNames = new Map<string, string>();

/** A prepared statement's name, the same for the same text on every connection. */
function statementName(sql: string): string {
  let name = statementNames.get(sql);
  if (!name) {
    name = `k${createHash('sha256').update(sql).digest('base64url').slice(0, 40)}`;
    statementNames.set(sql, name);
  }
  return name;
}

const pgQuery = (sql: string, params: unknown[], options?: QueryOptions): pg.QueryConfig =>
  options?.prepare ? { name: statementName(sql), text: sql, values: params } : { text: sql, values: params };

function openPostgres(url: string, max: number): Db {
  const pool = new pg.Pool({ connectionString: url, max });
  pool.on('error', () => {
    /* an idle client died (server restart); the pool replaces it on next use */
  });
  let listener: pg.Client | undefined;
  const handlers = new Map<string, Set<(p: string) => void>>();

  const clientDb = (client: pg.PoolClient): Db => ({
    kind: 'postgres',
    async query<T>(sql: string, params: unknown[] = [], options?: QueryOptions) {
      return (await client.query(pgQuery(sql, params, options))).rows as T[];
    },
    async exec(sql: string) {
      await client.query(sql);
    },
    async transaction<T>(fn: (db: Db) => Promise<T>) {
      return fn(this);
    },
    listen: (c, h) => root.listen(c, h),
    close: async () => {},
  });

  const root: Db = {
    kind: 'postgres',
    async query<T>(sql: string, params: unknown[] = [], options?: QueryOptions) {
      return (await pool.query(pgQuery(sql, params, options))).rows as T[];
    },
    async exec(sql: string) {
      await pool.query(sql);
    },
    async transaction<T>(fn: (db: Db) => Promise<T>) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(clientDb(client));
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => {});
        throw err;
      } finally {
        client.release();
      }
    },
    async listen(channel, onPayload) {
      if (!listener) {
        listener = new pg.Client({ connectionString: url });
        await listener.connect();
        listener.on('notification', (n) => {
          for (const h of handlers.get(n.channel) ?? []) h(n.payload ?? '');
        });
      }
      let set = handlers.get(channel);
      if (!set) {
        set = new Set();
        handlers.set(channel, set);
        await listener.query(`LISTEN ${pgIdent(channel)}`);
      }
      set.add(onPayload);
      return async () => {
        set.delete(onPayload);
      };
    },
    async close() {
      await listener?.end().catch(() => {});
      await pool.end();
    },
  };
  return root;
}

function pgIdent(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`bad channel name ${name}`);
  return name;
}
