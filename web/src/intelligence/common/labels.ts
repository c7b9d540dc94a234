import { useTranslation } from 'react-i18next';
import type { StixObject } from '../../api/intel';
import { CUSTOM_TYPE, domainTypes, isKnownType, observableTypes, relationshipTypes } from './stixTypes';

/** A STIX id shortened for tables: the type and the first block of the UUID. */
export const shortId = (id: string) => {
  const [type, uuid = ''] = id.split('--');
  return `${type}--${uuid.slice(0, 8)}…`;
};

/** What to call an object that has no name: its value (observables), else its type and short id. */
export function fallbackName(object: StixObject | undefined, id: string): string {
  const value = object?.value ?? object?.pattern;
  return typeof value === 'string' && value ? value : shortId(id);
}

export function useIntelLabels() {
  const { t } = useTranslation();
  /** Known types in the reader's language; custom types (x-…) as they are named. */
  const typeLabel = (type: string) => (isKnownType(type) ? t(`intel.types.${type}`) : type);
  const group = (label: string, types: readonly string[]) => ({
    group: label,
    items: types.map((value) => ({ value, label: typeLabel(value) })),
  });
  const typeOptions = [
    group(t('intel.typeGroups.domain'), domainTypes),
    group(t('intel.typeGroups.relationship'), relationshipTypes),
    group(t('intel.typeGroups.observable'), observableTypes),
  ];
  return { typeLabel, typeOptions, isCustomType: (v: string) => CUSTOM_TYPE.test(v) };
}
