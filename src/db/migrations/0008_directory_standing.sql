-- Where organisations stand in the directory, as TLP needs it: the given organisations with every
-- one above them (AMBER reaches down the tree), and the communities they are members of. The
-- directory owns this rule; others call the function rather than read its tables. Identity asks it
-- while authenticating, so a request knows its reader's standing without a second round trip.
CREATE FUNCTION directory_standing(ids uuid[]) RETURNS json LANGUAGE sql STABLE AS $$
  WITH RECURSIVE up(id, parent_id, depth) AS (
    SELECT id, parent_id, 0 FROM organisations WHERE id = ANY(ids)
    UNION ALL SELECT o.id, o.parent_id, up.depth + 1 FROM organisations o JOIN up ON o.id = up.parent_id WHERE up.depth < 50)
  SELECT json_build_object(
    'organisationTree', COALESCE((SELECT json_agg(DISTINCT id) FROM up), '[]'::json),
    'communityIds', COALESCE((SELECT json_agg(DISTINCT community_id) FROM community_members WHERE organisation_id = ANY(ids)), '[]'::json))
$$;
