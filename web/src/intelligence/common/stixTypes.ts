/** The STIX 2.1 object types, grouped as the specification groups them, for filters and labels. */
// One list for server and console: the validator's own (pure TypeScript, bundled by Vite).
import {
  DOMAIN_TYPES as domainTypes,
  OBSERVABLE_TYPES as observableTypes,
  RELATIONSHIP_TYPES as relationshipTypes,
} from '../../../../src/modules/intel/stix/types';

export { domainTypes, observableTypes, relationshipTypes };

export type KnownType = (typeof domainTypes)[number] | (typeof relationshipTypes)[number] | (typeof observableTypes)[number];

const known = new Set<string>([...domainTypes, ...relationshipTypes, ...observableTypes]);
export const isKnownType = (type: string): type is KnownType => known.has(type);

/** Custom object types (`x-…`, such as DISARM's x-mitre-tactic) are stored too; they can be searched by name. */
export const CUSTOM_TYPE = /^x-[a-z0-9][a-z0-9-]*$/;

/** STIX vocabularies offered in the forms (indicator-type-ov, report-type-ov). */
export const indicatorTypes = ['malicious-activity', 'anomalous-activity', 'attribution', 'benign', 'compromised', 'unknown'] as const;
export const reportTypes = [
  'threat-report',
  'attack-pattern',
  'campaign',
  'identity',
  'indicator',
  'intrusion-set',
  'malware',
  'observed-data',
  'threat-actor',
  'tool',
  'vulnerability',
] as const;
