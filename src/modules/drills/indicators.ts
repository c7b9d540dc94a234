/**
 * Indicators that teams submit become exercise intelligence: STIX 2.1 indicators (marked
 * TLP:AMBER, labelled "exercise", created by the team's organisation) stored through the intel
 * module's `ingest` into the exercise's own collection in the 'exercise' API root, so they never
 * mix with real data. The intel module is loaded on demand and its work runs under a savepoint:
 * if it is missing or refuses an object, the answer is still recorded in the drill (the values
 * stay on the response) and the player's transaction is not lost.
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/index.js';
import * as organisations from '../directory/organisations.service.js';
import { type Actor, systemActor } from '../identity/actor.js';
import type { ExerciseRow } from './exercises.store.js';
import type { TeamRow } from './teams.store.js';

const TLP_AMBER = 'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421';

/** A STIX pattern for a plain observable value (IP, CIDR, domain, URL, e-mail, file hash). */
export function patternFor(value: string): string {
  const v = value.trim();
  const q = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  if (/^\d{1,3}(\.\d{1,3}){3}(\/\d{1,2})?$/.test(v)) return `[ipv4-addr:value = ${q(v)}]`;
  if (/^[0-9a-f:]+:[0-9a-f:]*(\/\d{1,3})?$/i.test(v)) return `[ipv6-addr:value = ${q(v.toLowerCase())}]`;
  if (/^https?:\/\//i.test(v)) return `[url:value = ${q(v)}]`;
  if (/^[^@\s]+@[^@\s]+$/.test(v)) return `[email-addr:value = ${q(v.toLowerCase())}]`;
  if (/^[0-9a-f]{64}$/i.test(v)) return `[file:hashes.'SHA-256' = ${q(v.toLowerCase())}]`;
  if (/^[0-9a-f]{40}$/i.test(v)) return `[file:hashes.'SHA-1' = ${q(v.toLowerCase())}]`;
  if (/^[0-9a-f]{32}$/i.test(v)) return `[file:hashes.MD5 = ${q(v.toLowerCase())}]`;
  return `[domain-name:value = ${q(v.toLowerCase())}]`;
}

export function indicatorObjects(values: string[], createdByRef: string | null, exerciseName: string, now = new Date()) {
  const at = now.toISOString();
  return values.map((value) => ({
    type: 'indicator',
    spec_version: '2.1',
    id: `indicator--${randomUUID()}`,
    created: at,
    modified: at,
    name: `EXERCISE ${exerciseName}: ${value}`,
    pattern: patternFor(value),
    pattern_type: 'stix',
    valid_from: at,
    labels: ['exercise'],
    ...(createdByRef ? { created_by_ref: createdByRef } : {}),
    object_marking_refs: [TLP_AMBER],
  }));
}

async function exerciseCollection(tx: Db, exercise: ExerciseRow, team: TeamRow): Promise<string> {
  const collections = await import('../intel/collections.service.js');
  const [row] = await tx.query<{ id: string }>(`SELECT id FROM intel_collections WHERE api_root = 'exercise' AND alias = $1`, [
    `drill-${exercise.id}`,
  ]);
  const id =
    row?.id ??
    (
      await collections.create(tx, systemActor('drills'), {
        apiRoot: 'exercise',
        title: `EXERCISE ${exercise.name}`,
        description: 'Indicators submitted by the teams of this exercise',
        alias: `drill-${exercise.id}`,
        organisationId: exercise.lead_organisation_id,
      })
    ).id;
  await collections.grant(tx, systemActor('drills'), id, team.organisation_id, { canRead: true, canWrite: false });
  return id;
}

export async function storeIndicators(tx: Db, actor: Actor, exercise: ExerciseRow, team: TeamRow, values: string[]): Promise<number> {
  await tx.query('SAVEPOINT drill_indicators');
  try {
    const objects = await import('../intel/objects.service.js');
    const collectionId = await exerciseCollection(tx, exercise, team);
    const org = await organisations.get(tx, systemActor('drills'), team.organisation_id).catch(() => undefined);
    const result = await objects.ingest(
      tx,
      actor,
      { collectionId, exerciseId: exercise.id, action: 'drill.indicators' },
      indicatorObjects(values, org?.stixIdentityId ?? null, exercise.name),
    );
    await tx.query('RELEASE SAVEPOINT drill_indicators');
    return result.added;
  } catch {
    await tx.query('ROLLBACK TO SAVEPOINT drill_indicators');
    return 0;
  }
}
