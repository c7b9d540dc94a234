/**
 * What the `kizuna` administration commands do, as plain functions of a database. The command line
 * runs them itself on PostgreSQL or on a PGlite folder no node holds, and hands them to the running
 * node (src/server/control.ts) when it holds the PGlite folder. They act as the host's operator
 * (a system actor), and every change they make is in the audit log like any other.
 */
import type { Db } from '../db/index.js';
import { migrate } from '../db/migrate.js';
import { AppError } from '../errors.js';
import * as audit from '../modules/audit/service.js';
import { type Role, roles, systemActor } from '../modules/identity/actor.js';
import { CreateUserInput, parseDuration } from '../modules/identity/schema.js';
import * as identity from '../modules/identity/service.js';
import { loadDemoDirectory } from '../modules/directory/demo.js';
import * as organisations from '../modules/directory/organisations.service.js';
import * as collections from '../modules/intel/collections.service.js';
import { HOME_COUNTRY } from '../server/node.js';
import * as rehearsal from '../modules/drills/rehearsal/rehearse.js';

export interface OpResult {
  exitCode: number;
  output: string;
}

/** What a long operation may report while it runs (the control socket streams it to the command). */
export interface OpContext {
  onProgress?: (progress: { done: number; total: number }) => void;
}

const operator = systemActor('cli');

const operations = {
  async migrate(db: Db): Promise<OpResult> {
    const applied = await migrate(db);
    return { exitCode: 0, output: applied.length ? `applied ${applied.join(', ')}\n` : 'database is up to date\n' };
  },

  async demo(db: Db): Promise<OpResult> {
    const added = await loadDemoDirectory(db, operator);
    const parts = Object.entries(added).map(([k, v]) => `${v} ${k}`);
    return { exitCode: 0, output: `demo directory loaded: added ${parts.join(', ')}\n` };
  },

  async userAdd(db: Db, args: Record<string, unknown>): Promise<OpResult> {
    const role = String(args.role);
    if (!roles.includes(role as Role)) throw new AppError('bad_request', `Unknown role "${role}"; one of ${roles.join(', ')}`);
    const org = await organisations.resolve(db, String(args.org));
    const input = CreateUserInput.parse({
      email: args.email,
      fullName: args.fullName || String(args.email).split('@')[0],
      password: args.password,
      memberships: [{ organisationId: org.id, role }],
    });
    const user = await identity.createUser(db, operator, input);
    return { exitCode: 0, output: `created ${user.email} as ${role} of ${org.name}\n` };
  },

  async tokenCreate(db: Db, args: Record<string, unknown>): Promise<OpResult> {
    const expiresInMs = args.expiresIn ? parseDuration(String(args.expiresIn)) : null;
    const created = await identity.createToken(db, operator, {
      name: String(args.name ?? 'cli'),
      expiresInMs,
      userEmail: String(args.user),
    });
    return { exitCode: 0, output: `${created.token}\n` };
  },

  // `kizuna drill rehearse` on a PGlite node: the node starts the rehearsal (its worker plays the
  // simulated teams) and the command polls its progress; both answer JSON.
  async drillRehearseStart(db: Db, args: Record<string, unknown>): Promise<OpResult> {
    const started = await rehearsal.startRehearsal(db, { scenario: String(args.scenario), speed: Number(args.speed) });
    return { exitCode: 0, output: JSON.stringify(started) };
  },

  async drillRehearseProgress(db: Db, args: Record<string, unknown>): Promise<OpResult> {
    return { exitCode: 0, output: JSON.stringify(await rehearsal.progress(db, String(args.exerciseId))) };
  },

  async import(db: Db, args: Record<string, unknown>, ctx: OpContext): Promise<OpResult> {
    const { importCommand } = await import('../modules/intel/importers/cli.js');
    const opt = (v: unknown) => (typeof v === 'string' && v ? v : undefined);
    return importCommand(db, operator, { path: String(args.path), collection: opt(args.collection), tlp: opt(args.tlp) }, ctx.onProgress);
  },

  // `kizuna collection create`: a TAXII collection owned by an organisation (the home one by default),
  // which gets read and write on it. Prints the new id alone, for scripts.
  async collectionCreate(db: Db, args: Record<string, unknown>): Promise<OpResult> {
    const apiRoot = String(args.apiRoot ?? 'real');
    if (apiRoot !== 'real' && apiRoot !== 'exercise')
      throw new AppError('bad_request', `Unknown API root "${apiRoot}"; one of real, exercise`);
    const org = await organisations.resolve(db, typeof args.org === 'string' && args.org ? args.org : `cert:${HOME_COUNTRY}`);
    const created = await collections.create(db, operator, { title: String(args.title), apiRoot, organisationId: org.id });
    return { exitCode: 0, output: `${created.id}\n` };
  },

  async auditVerify(db: Db): Promise<OpResult> {
    const result = await audit.verify(db);
    if (result.ok) return { exitCode: 0, output: `audit log intact: ${result.checked} entries verified\n` };
    return {
      exitCode: 2,
      output: `audit log BROKEN at entry ${result.firstBad?.seq}: ${result.firstBad?.reason} (${result.checked} entries before it verified)\n`,
    };
  },
};

export type OpName = keyof typeof operations;

export async function runOperation(db: Db, op: OpName, args: Record<string, unknown>, ctx: OpContext = {}): Promise<OpResult> {
  const fn = operations[op] as ((db: Db, args: Record<string, unknown>, ctx: OpContext) => Promise<OpResult>) | undefined;
  if (!fn) return { exitCode: 1, output: `error: unknown operation ${op}\n` };
  try {
    return await fn(db, args, ctx);
  } catch (err) {
    return { exitCode: 1, output: `error: ${describe(err)}\n` };
  }
}

function describe(err: unknown): string {
  if (err instanceof AppError) {
    const details = Array.isArray(err.details)
      ? err.details.map((d: { path?: string; message?: string }) => ` ${d.path}: ${d.message}`).join(';')
      : '';
    return `${err.message}${details}`;
  }
  if (err && typeof err === 'object' && 'issues' in err) {
    return (err as { issues: { path: PropertyKey[]; message: string }[] }).issues
      .map((i) => `${i.path.join('.')}: ${i.message}`)
      .join('; ');
  }
  return (err as Error).message;
}
