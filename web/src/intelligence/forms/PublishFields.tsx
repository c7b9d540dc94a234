import { Anchor, Divider, Select, Stack, Text } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ApiRoot, Collection, Tlp } from '../../api/intel';
import type { Role } from '../../api/types';
import { useUser } from '../../auth/SessionContext';
import { ExerciseBanner } from '../common/ExerciseBadge';
import { useCollections } from '../common/hooks';
import { type Recipients, RecipientsPicker } from '../sharing/RecipientsPicker';
import { TlpSelect } from '../tlp/TlpSelect';

export interface Publish {
  collectionId: string;
  organisationId: string;
  tlp: Tlp;
  recipients: Recipients;
}

/** The roles that create intelligence for an organisation (collections.service.ts, WRITE_ROLES). */
const WRITERS: Role[] = ['node_admin', 'org_admin', 'controller', 'analyst'];

/** The collections the user may write to, real ones first; exercise data is named as such. */
export function useWritableCollections() {
  const real = useCollections('real');
  const exercise = useCollections('exercise');
  const all: Collection[] = [...(real.data ?? []), ...(exercise.data ?? [])].filter((c) => c.canWrite);
  return { all, loading: real.isPending || exercise.isPending, error: real.error ?? exercise.error };
}

interface Props {
  value: Publish;
  onChange(patch: Partial<Publish>): void;
  collectionError?: string;
  /** Which API root to pick a collection from by default (a sighting of drill data is drill data). */
  preferRoot?: ApiRoot;
  /** The API roots this kind of object may go to (misinformation reports are real data only). */
  roots?: ApiRoot[];
  /** False where the server always records the object for the user's own organisation. */
  chooseOrganisation?: boolean;
}

/** Where a new object goes and who receives it: collection, owning organisation, TLP, recipients. */
export function PublishFields({
  value,
  onChange,
  collectionError,
  preferRoot = 'real',
  roots = ['real', 'exercise'],
  chooseOrganisation = true,
}: Props) {
  const { t } = useTranslation();
  const user = useUser();
  const writable = useWritableCollections();
  const all = writable.all.filter((c) => roots.includes(c.apiRoot));
  const { loading } = writable;
  const organisations = [...new Map(user.memberships.filter((m) => WRITERS.includes(m.role)).map((m) => [m.organisationId, m])).values()];
  const chosen = all.find((c) => c.id === value.collectionId);

  // Sensible defaults once the lists are known: a collection of the preferred root, the first organisation.
  const defaultCollection = (all.find((c) => c.apiRoot === preferRoot) ?? all[0])?.id;
  const defaultOrganisation = organisations[0]?.organisationId;
  useEffect(() => {
    if (!value.collectionId && defaultCollection) onChange({ collectionId: defaultCollection });
  }, [value.collectionId, defaultCollection, onChange]);
  useEffect(() => {
    if (!value.organisationId && defaultOrganisation) onChange({ organisationId: defaultOrganisation });
  }, [value.organisationId, defaultOrganisation, onChange]);

  const group = (root: ApiRoot) => ({
    group: t(`intel.apiRoot.${root}`),
    items: all
      .filter((c) => c.apiRoot === root)
      .map((c) => ({ value: c.id, label: root === 'exercise' ? `${c.title} · ${t('intel.exercise.badge')}` : c.title })),
  });

  return (
    <Stack gap="sm">
      <Divider label={t('intel.publish.section')} labelPosition="left" mt="xs" />
      {chosen?.apiRoot === 'exercise' && <ExerciseBanner />}
      <Select
        label={t('intel.object.collection')}
        required
        data={[group('real'), group('exercise')].filter((g) => g.items.length)}
        value={value.collectionId || null}
        onChange={(collectionId) => onChange({ collectionId: collectionId ?? '' })}
        error={collectionError}
        placeholder={loading ? t('common.loading') : t('select.choose')}
        allowDeselect={false}
        data-testid="publish-collection"
      />
      {!loading && all.length === 0 && (
        <Text fz="sm" c="dimmed">
          {t('intel.publish.noCollection')}{' '}
          <Anchor component={Link} to="/intelligence/collections" fz="sm">
            {t('intel.collections.create')}
          </Anchor>
        </Text>
      )}
      {chooseOrganisation && organisations.length > 1 && (
        <Select
          label={t('intel.publish.organisation')}
          description={t('intel.publish.organisationHint')}
          data={organisations.map((m) => ({ value: m.organisationId, label: m.organisationName }))}
          value={value.organisationId || null}
          onChange={(organisationId) => onChange({ organisationId: organisationId ?? '' })}
          allowDeselect={false}
        />
      )}
      <TlpSelect value={value.tlp} onChange={(tlp) => onChange({ tlp })} testId="publish-tlp" />
      <RecipientsPicker tlp={value.tlp} value={value.recipients} onChange={(recipients) => onChange({ recipients })} />
      {(value.tlp === 'green' || value.tlp === 'red') && (
        <Text fz="xs" c="dimmed">
          {t(value.tlp === 'green' ? 'intel.publish.greenDefault' : 'intel.publish.redDefault')}
        </Text>
      )}
    </Stack>
  );
}
