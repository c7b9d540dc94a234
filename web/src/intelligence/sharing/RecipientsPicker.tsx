import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { SharingInput, Tlp } from '../../api/intel';
import { CommunityMultiSelect, OrganisationMultiSelect, UserMultiSelect } from '../common/pickers';
import { recipientKind } from '../tlp/tlp';

export type Recipients = Required<SharingInput>;
export const noRecipients: Recipients = { communityIds: [], organisationIds: [], userIds: [] };

/** Only the recipients the marking reaches: those of other kinds would never receive the object. */
export function recipientsFor(tlp: Tlp, r: Recipients): SharingInput {
  switch (recipientKind(tlp)) {
    case 'communities':
      return { communityIds: r.communityIds };
    case 'organisations':
      return { organisationIds: r.organisationIds };
    case 'people':
      return { userIds: r.userIds };
    default:
      return {};
  }
}

export const hasRecipients = (s: SharingInput) =>
  (s.communityIds?.length ?? 0) + (s.organisationIds?.length ?? 0) + (s.userIds?.length ?? 0) > 0;

interface Props {
  tlp: Tlp;
  value: Recipients;
  onChange(value: Recipients): void;
}

/**
 * Whom to share with, as TLP 2.0 decides: communities for GREEN, organisations for AMBER and
 * AMBER+STRICT, people for RED; CLEAR needs no one.
 */
export function RecipientsPicker({ tlp, value, onChange }: Props) {
  const { t } = useTranslation();
  const kind = recipientKind(tlp);
  const common = { comboboxProps: { withinPortal: true }, clearable: true };
  switch (kind) {
    case null:
      return (
        <Text fz="sm" c="dimmed" data-testid="recipients-none">
          {t('intel.share.clearNeedsNoOne')}
        </Text>
      );
    case 'communities':
      return (
        <CommunityMultiSelect
          label={t('intel.share.communities')}
          description={t('intel.share.communitiesHint')}
          placeholder={t('intel.share.searchCommunities')}
          value={value.communityIds}
          onChange={(communityIds) => onChange({ ...value, communityIds })}
          data-testid="recipients-communities"
          {...common}
        />
      );
    case 'organisations':
      return (
        <OrganisationMultiSelect
          label={t('intel.share.organisations')}
          description={tlp === 'amber+strict' ? t('intel.share.organisationsStrictHint') : t('intel.share.organisationsHint')}
          placeholder={t('intel.share.searchOrganisations')}
          value={value.organisationIds}
          onChange={(organisationIds) => onChange({ ...value, organisationIds })}
          data-testid="recipients-organisations"
          {...common}
        />
      );
    case 'people':
      return (
        <UserMultiSelect
          label={t('intel.share.people')}
          description={t('intel.share.peopleHint')}
          placeholder={t('intel.share.searchPeople')}
          value={value.userIds}
          onChange={(userIds) => onChange({ ...value, userIds })}
          data-testid="recipients-people"
          {...common}
        />
      );
  }
}
