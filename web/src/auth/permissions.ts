/**
 * What the console shows or hides for a user. The server checks every request; these only keep
 * people from being offered buttons that would answer 403.
 */
import type { User } from '../api/types';

export const isOrgAdmin = (user: User) => user.memberships.some((m) => m.role === 'org_admin');

export const canReadAudit = (user: User) => user.nodeAdmin || isOrgAdmin(user);

export const canCreateOrganisations = (user: User) => user.nodeAdmin;

export const canManageCommunities = (user: User) => user.nodeAdmin;

/** Org admins may manage an organisation and the ones under it; the server knows the tree. */
export const canManageDirectory = (user: User) => user.nodeAdmin || isOrgAdmin(user);
