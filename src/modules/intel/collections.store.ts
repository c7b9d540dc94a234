/** SQL for TAXII collections and which organisations may read and write them. */
import type { Db } from '../../db/index.js';

export interface CollectionRow {
  id: string;
  api_root: 'real' | 'exercise';
  title: string;
  description: string;
  alias: string | null;
  owner_organisation_id: string | null;
  created_at: string;
  can_read: boolean;
  can_write: boolean;
}

/**
 * Collections with the actor's rights: can_read from the read grants of `readOrgs`, can_write from
 * the write grants of `writeOrgs`; null means every collection with both rights (node admins, the
 * system). Only collections with at least one right come back.
 */
export async function listFor(
  db: Db,
  apiRoot: string,
  readOrgs: string[] | null,
  writeOrgs: string[] | null,
  id?: string,
): Promise<CollectionRow[]> {
  return db.query<CollectionRow>(
    `SELECT * FROM (
       SELECT c.id, c.api_root, c.title, c.description, c.alias, c.owner_organisation_id, c.created_at,
              ($2::uuid[] IS NULL OR EXISTS (SELECT 1 FROM intel_collection_access a
                 WHERE a.collection_id = c.id AND a.can_read AND a.organisation_id = ANY($2::uuid[]))) AS can_read,
              ($3::uuid[] IS NULL OR EXISTS (SELECT 1 FROM intel_collection_access a
                 WHERE a.collection_id = c.id AND a.can_write AND a.organisation_id = ANY($3::uuid[]))) AS can_write
         FROM intel_collections c
        WHERE c.api_root = $1 AND ($4::uuid IS NULL OR c.id = $4::uuid)
     ) r
     WHERE r.can_read OR r.can_write
     ORDER BY r.created_at, r.id`,
    [apiRoot, readOrgs, writeOrgs, id ?? null],
    { prepare: true },
  );
}

export async function insert(
  db: Db,
  v: { apiRoot: string; title: string; description: string; alias: string | null; ownerOrganisationId: string | null },
): Promise<string> {
  const [row] = await db.query<{ id: string }>(
    `INSERT INTO intel_collections (api_root, title, description, alias, owner_organisation_id) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [v.apiRoot, v.title, v.description, v.alias, v.ownerOrganisationId],
  );
  return row.id;
}

export async function grant(db: Db, collectionId: string, organisationId: string, canRead: boolean, canWrite: boolean): Promise<void> {
  await db.query(
    `INSERT INTO intel_collection_access (collection_id, organisation_id, can_read, can_write) VALUES ($1, $2, $3, $4)
     ON CONFLICT (collection_id, organisation_id) DO UPDATE SET can_read = EXCLUDED.can_read, can_write = EXCLUDED.can_write`,
    [collectionId, organisationId, canRead, canWrite],
  );
}

export async function exists(db: Db, id: string): Promise<{ api_root: string } | undefined> {
  const [row] = await db.query<{ api_root: string }>('SELECT api_root FROM intel_collections WHERE id = $1', [id]);
  return row;
}
