-- Sharing was keyed by STIX id alone, so an organisation that stored its own version of another's
-- object could share "it" and so reach the other's versions. A sharing row now belongs to one owning
-- organisation and covers only the versions that organisation owns (tlp.ts readerFilterSql).
ALTER TABLE intel_sharing ADD COLUMN owner_organisation_id uuid;
DROP INDEX intel_sharing_unique;

-- Existing rows do not say who shared them. Almost every object has one owner, who gets them; an
-- object held by several owners keeps what each owner's versions could be read through before
-- (one copy per owner), so no one loses access by this migration; review such objects by hand.
INSERT INTO intel_sharing (stix_id, community_id, organisation_id, user_id, owner_organisation_id)
SELECT s.stix_id, s.community_id, s.organisation_id, s.user_id, owners.owner_organisation_id
  FROM intel_sharing s
  JOIN (SELECT DISTINCT stix_id, owner_organisation_id FROM intel_objects WHERE owner_organisation_id IS NOT NULL) owners
    ON owners.stix_id = s.stix_id;
DELETE FROM intel_sharing WHERE owner_organisation_id IS NULL
   AND EXISTS (SELECT 1 FROM intel_objects o WHERE o.stix_id = intel_sharing.stix_id AND o.owner_organisation_id IS NOT NULL);

CREATE UNIQUE INDEX intel_sharing_unique ON intel_sharing
  (stix_id, COALESCE(owner_organisation_id, '00000000-0000-0000-0000-000000000000'), COALESCE(community_id, organisation_id, user_id));
