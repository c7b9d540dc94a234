/** The STIX 2.1 object types, grouped as the specification groups them, for filters and labels. */
export const domainTypes = [
  'attack-pattern',
  'campaign',
  'course-of-action',
  'grouping',
  'identity',
  'incident',
  'indicator',
  'infrastructure',
  'intrusion-set',
  'location',
  'malware',
  'malware-analysis',
  'note',
  'observed-data',
  'opinion',
  'report',
  'threat-actor',
  'tool',
  'vulnerability',
] as const;

export const relationshipTypes = ['relationship', 'sighting'] as const;

export const observableTypes = [
  'artifact',
  'autonomous-system',
  'directory',
  'domain-name',
  'email-addr',
  'email-message',
  'file',
  'ipv4-addr',
  'ipv6-addr',
  'mac-addr',
  'mutex',
  'network-traffic',
  'process',
  'software',
  'url',
  'user-account',
  'windows-registry-key',
  'x509-certificate',
] as const;

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
