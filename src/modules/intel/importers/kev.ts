/**
 * The CISA Known Exploited Vulnerabilities catalogue as STIX: one `vulnerability` per CVE with its
 * CVE (and CWE) references and the KEV facts as `x_kev_*` properties, created by a CISA identity
 * that is part of the import, all marked TLP:CLEAR (the catalogue is public).
 *
 * Versioning: ids are UUIDv5 of the CVE id; `created` is the day CISA added the CVE and `modified`
 * the catalogue's release time. Re-importing one catalogue version is therefore an exact duplicate,
 * and a newer catalogue adds a new version of every entry (the catalogue carries no per-entry
 * modification date, so we cannot tell which entries changed).
 */
import { AppError } from '../../../errors.js';
import { tlpMarkingId } from '../tlp.js';
import { compact, dateOnly, isRecord, type Mapped, type StixObject, stixTime, timestamp } from './common.js';
import { NAMESPACE, stixId } from './ids.js';

const CVE_ID = /^CVE-\d{4}-\d{4,}$/;
const CWE_ID = /^CWE-\d+$/;

export const CISA_IDENTITY_ID = stixId('identity', NAMESPACE.kev, 'CISA');

/** Fixed, so that every catalogue version names the same identity version. */
const cisaIdentity: StixObject = {
  type: 'identity',
  spec_version: '2.1',
  id: CISA_IDENTITY_ID,
  created: '2021-11-03T00:00:00.000Z',
  modified: '2021-11-03T00:00:00.000Z',
  name: 'Cybersecurity and Infrastructure Security Agency (CISA)',
  identity_class: 'organization',
  sectors: ['government-national'],
  contact_information: 'https://www.cisa.gov/known-exploited-vulnerabilities-catalog',
  object_marking_refs: [tlpMarkingId.clear],
};

export function isKevCatalogue(input: unknown): boolean {
  return isRecord(input) && Array.isArray(input.vulnerabilities) && ('catalogVersion' in input || 'dateReleased' in input);
}

export function fromKevCatalogue(input: unknown): Mapped {
  if (!isRecord(input) || !Array.isArray(input.vulnerabilities))
    throw new AppError('bad_request', 'A KEV catalogue needs a "vulnerabilities" list');
  const released = timestamp(input.dateReleased);
  if (released === null)
    throw new AppError('bad_request', 'The KEV catalogue has no valid "dateReleased"; it decides the version of every entry');
  const objects: StixObject[] = [cisaIdentity];
  const rejected: Mapped['rejected'] = [];
  const seen = new Set<string>();
  const warnings: string[] = [];
  if (typeof input.count === 'number' && input.count !== input.vulnerabilities.length) {
    warnings.push(`The catalogue says it has ${input.count} entries but lists ${input.vulnerabilities.length}`);
  }
  input.vulnerabilities.forEach((entry, i) => {
    const result = vulnerabilityOf(entry, released);
    if (typeof result === 'string') {
      rejected.push({
        id: isRecord(entry) && typeof entry.cveID === 'string' ? entry.cveID.slice(0, 40) : `vulnerabilities[${i}]`,
        message: result,
      });
    } else if (seen.has(result.id as string)) {
      warnings.push(`${result.name} is listed twice; the first entry is kept`);
    } else {
      seen.add(result.id as string);
      objects.push(result);
    }
  });
  return { objects, warnings, rejected };
}

/** One catalogue entry as a vulnerability, or the reason it cannot be one. */
function vulnerabilityOf(entry: unknown, released: number): StixObject | string {
  if (!isRecord(entry)) return 'an entry must be an object';
  const cve = entry.cveID;
  if (typeof cve !== 'string' || !CVE_ID.test(cve)) return 'cveID must be a CVE id such as CVE-2024-12345';
  const added = dateOnly(entry.dateAdded);
  if (added === null) return 'dateAdded must be a date (YYYY-MM-DD)';
  for (const key of ['vendorProject', 'product', 'vulnerabilityName', 'requiredAction'] as const) {
    if (typeof entry[key] !== 'string' || !entry[key]) return `${key} must be a non-empty string`;
  }
  if (entry.dueDate !== undefined && dateOnly(entry.dueDate) === null) return 'dueDate must be a date (YYYY-MM-DD)';
  const cwes = Array.isArray(entry.cwes) ? entry.cwes.filter((c): c is string => typeof c === 'string' && CWE_ID.test(c)) : [];
  const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined);
  return compact({
    type: 'vulnerability',
    spec_version: '2.1',
    id: stixId('vulnerability', NAMESPACE.kev, cve),
    created_by_ref: CISA_IDENTITY_ID,
    created: stixTime(added),
    // A catalogue released before an entry's date would break modified >= created; it cannot happen
    // in a real catalogue, but the spec rule must hold whatever the file says.
    modified: stixTime(Math.max(released, added)),
    name: cve,
    description: str(entry.shortDescription),
    external_references: [
      { source_name: 'cve', external_id: cve, url: `https://nvd.nist.gov/vuln/detail/${cve}` },
      ...cwes.map((cwe) => ({ source_name: 'cwe', external_id: cwe, url: `https://cwe.mitre.org/data/definitions/${cwe.slice(4)}.html` })),
      { source_name: 'cisa-kev', url: 'https://www.cisa.gov/known-exploited-vulnerabilities-catalog' },
    ],
    object_marking_refs: [tlpMarkingId.clear],
    x_kev_vendor_project: entry.vendorProject,
    x_kev_product: entry.product,
    x_kev_vulnerability_name: entry.vulnerabilityName,
    x_kev_date_added: entry.dateAdded,
    x_kev_required_action: entry.requiredAction,
    x_kev_due_date: str(entry.dueDate),
    x_kev_known_ransomware_campaign_use: str(entry.knownRansomwareCampaignUse),
    x_kev_notes: str(entry.notes),
    // STIX forbids empty lists.
    x_kev_cwes: cwes.length ? cwes : undefined,
  });
}
