-- Correlation by IP range: an address hits the ranges that hold it, and a range the addresses and
-- ranges inside it (explore.store correlations). Values are first brought to the form
-- src/modules/intel/observables.ts now writes (canonical addresses, URL scheme and host).

-- Helpers for this migration only, dropped at its end. A cast that answers NULL instead of
-- failing (pg_input_is_valid needs PostgreSQL 16; we support 15)...
CREATE FUNCTION pg_temp.inet_or_null(v text) RETURNS inet LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
  RETURN v::inet;
EXCEPTION WHEN data_exception THEN
  RETURN NULL;
END $$;

-- ...and the canonical text of an address or range, which is PostgreSQL's: RFC 5952 for IPv6,
-- host bits cleared, no /32 or /128 (pattern/values.ts writes the same; observables.test.ts
-- checks the two agree).
CREATE FUNCTION pg_temp.canonical_ip(n inet) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN masklen(n) = CASE family(n) WHEN 4 THEN 32 ELSE 128 END THEN host(n) ELSE text(network(n)) END
$$;

-- Addresses that are none (999.2.3.4), of the other family, or written in forms observables.ts
-- now refuses (leading zeros, zone indexes) are no longer indexed. The pattern is the IPv4 one
-- observables.ts accepts; IPv6 is left to the cast (one subtransaction per row: IPv6 rows only).
DELETE FROM intel_observables
 WHERE (kind = 'ipv4'
        AND value !~ '^((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(/([12]?[0-9]|3[0-2]))?$')
    OR (kind = 'ipv6' AND (value LIKE '%\%%' OR value ~ '/0[0-9]' OR NOT COALESCE(family(pg_temp.inet_or_null(value)) = 6, false)));

-- One pass over the addresses, then one over the URLs, rewriting the values not yet in canonical
-- form (most are). Each value is worked out once (the subquery; OFFSET 0 keeps the planner from
-- folding it into the UPDATE), and the cast runs on addresses only.
UPDATE intel_observables ob SET value = x.canonical
  FROM (SELECT row_id, value, pg_temp.canonical_ip(value::inet) AS canonical
          FROM (SELECT ctid AS row_id, value FROM intel_observables WHERE kind IN ('ipv4', 'ipv6') OFFSET 0) a) x
 WHERE ob.ctid = x.row_id AND x.canonical <> x.value;

-- A URL's scheme, and its host if that is a plain name or IPv4 address (nearly all are), in
-- lower case without the scheme's default port. Hosts the WHATWG parser would rewrite in other
-- ways too (international names to punycode, IPv6 literals, percent-escapes) keep their old
-- spelling until the object is stored again; they match what they matched before.
UPDATE intel_observables ob SET value = x.canonical
  FROM (SELECT ctid AS row_id, value,
               lower(m[1])
               || CASE WHEN m[2] IS NULL THEN '' ELSE '//' || coalesce(m[3], '')
                    || CASE WHEN m[4] ~ '^[A-Za-z0-9._-]+(:[0-9]*)?$'
                            THEN regexp_replace(lower(m[4]), CASE lower(m[1])
                                   WHEN 'http:' THEN ':(80)?$' WHEN 'ws:' THEN ':(80)?$'
                                   WHEN 'https:' THEN ':(443)?$' WHEN 'wss:' THEN ':(443)?$'
                                   WHEN 'ftp:' THEN ':(21)?$' ELSE '^$' END, '')
                            ELSE m[4] END END
               || m[5] AS canonical
          FROM intel_observables,
               regexp_match(value, '^([A-Za-z][A-Za-z0-9+.-]*:)(//([^/?#\\]*@)?([^/?#\\]*))?(.*)$') AS m
         WHERE kind = 'url' AND m IS NOT NULL) x
 WHERE ob.ctid = x.row_id AND x.canonical <> x.value;

-- Two spellings of one value on one object are now one value, stored twice: keep one.
DELETE FROM intel_observables a USING intel_observables b
 WHERE a.kind IN ('ipv4', 'ipv6', 'url') AND b.kind = a.kind AND b.value = a.value AND b.object_pk = a.object_pk AND b.ctid < a.ctid;

DROP FUNCTION pg_temp.inet_or_null(text);
DROP FUNCTION pg_temp.canonical_ip(inet);

-- The address as inet, for the range index below. Generated, so that every writer (ingest, the
-- correlation bench's loader) gets it without naming it; observables.ts only stores valid addresses.
ALTER TABLE intel_observables
  ADD COLUMN net inet GENERATED ALWAYS AS (CASE WHEN kind IN ('ipv4', 'ipv6') THEN value::inet END) STORED;

-- SP-GiST rather than GiST (inet_ops): with a million values (PGlite) it answered `&&` for an
-- address in about a third of the time, from half the pages, and was no dearer to insert into.
-- Partial, so that values of other kinds cost it nothing.
CREATE INDEX intel_observables_net ON intel_observables USING spgist (net) WHERE net IS NOT NULL;
