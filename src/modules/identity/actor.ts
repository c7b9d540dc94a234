/**
 * Who is making a request. Every service method takes an Actor and checks it before doing anything;
 * routes never decide permissions themselves.
 */
export const roles = ['node_admin', 'org_admin', 'controller', 'evaluator', 'player', 'analyst', 'observer', 'peer'] as const;
export type Role = (typeof roles)[number];

export interface Membership {
  organisationId: string;
  role: Role;
}

export interface UserActor {
  kind: 'user';
  userId: string;
  email: string;
  memberships: Membership[];
  /** How the request was authenticated; cookie sessions need a CSRF token for writes. */
  via: 'session' | 'token';
  /** Where the user's organisations stand in the directory, read while authenticating. */
  standing?: Standing;
}

/**
 * Where organisations stand in the directory, as TLP needs it: themselves with every organisation
 * above them, and the communities they belong to (the directory's `directory_standing`).
 */
export interface Standing {
  organisationTree: string[];
  communityIds: string[];
}

/** The node itself (start-up, demo loading, command line run by the operator on the host). */
export interface SystemActor {
  kind: 'system';
  label: string;
}

export type Actor = UserActor | SystemActor;

export const systemActor = (label: string): SystemActor => ({ kind: 'system', label });

export function actorLabel(actor: Actor): string {
  return actor.kind === 'user' ? actor.email : `system:${actor.label}`;
}

export function isNodeAdmin(actor: Actor): boolean {
  return actor.kind === 'system' || actor.memberships.some((m) => m.role === 'node_admin');
}

export function hasRoleIn(actor: Actor, organisationIds: readonly string[], wanted: readonly Role[]): boolean {
  if (actor.kind === 'system') return true;
  return actor.memberships.some((m) => organisationIds.includes(m.organisationId) && wanted.includes(m.role));
}

export function memberOf(actor: Actor, organisationIds: readonly string[]): boolean {
  if (actor.kind === 'system') return true;
  return actor.memberships.some((m) => organisationIds.includes(m.organisationId));
}

/** The organisation an actor's writes are recorded against in the audit log (first membership). */
export function homeOrganisation(actor: Actor): string | null {
  return actor.kind === 'user' ? (actor.memberships[0]?.organisationId ?? null) : null;
}
