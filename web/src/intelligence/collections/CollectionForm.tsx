import { Button, Group, Modal, SegmentedControl, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { type ApiRoot, intelApi } from '../../api/intel';
import { OrganisationSelect } from '../../directory/common/OrganisationSelect';
import { useForm } from '../../forms/useForm';
import { check, maxLength, orNull, required } from '../../forms/validators';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useInvalidateIntel } from '../common/hooks';

const ALIAS = /^[a-z0-9][a-z0-9_-]{0,62}$/;

/** A new TAXII collection; the organisation it is created for may read and write it. */
export function CollectionDialog({ opened, onClose, organisationId }: { opened: boolean; onClose(): void; organisationId: string }) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('intel.collections.create')} size="lg">
      {opened && <CollectionForm onClose={onClose} organisationId={organisationId} />}
    </Modal>
  );
}

function CollectionForm({ onClose, organisationId }: { onClose(): void; organisationId: string }) {
  const { t } = useTranslation();
  const invalidate = useInvalidateIntel();
  const form = useForm({ title: '', description: '', alias: '', apiRoot: 'real' as ApiRoot, organisationId }, (v) => ({
    title: check(v.title, required(t), maxLength(t, 200)),
    description: check(v.description, maxLength(t, 2000)),
    alias: v.alias.trim() && !ALIAS.test(v.alias.trim()) ? t('intel.collections.aliasRule') : undefined,
    organisationId: check(v.organisationId, required(t)),
  }));

  const submit = form.onSubmit(async (v) => {
    const created = await intelApi.createCollection({
      title: v.title.trim(),
      description: v.description.trim(),
      alias: orNull(v.alias),
      apiRoot: v.apiRoot,
      organisationId: v.organisationId,
    });
    void invalidate();
    notifications.show({ color: 'teal', message: t('intel.collections.created', { title: created.title }) });
    onClose();
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        {form.failure && <ErrorAlert error={form.failure.error} details={form.failure.details} />}
        <TextInput label={t('intel.collections.titleField')} required {...form.text('title')} data-testid="collection-title" />
        <Textarea label={t('intel.props.description')} autosize minRows={2} maxRows={6} {...form.text('description')} />
        <TextInput label={t('intel.collections.alias')} description={t('intel.collections.aliasHint')} {...form.text('alias')} />
        <Stack gap={4}>
          <Text fz="sm" fw={500}>
            {t('intel.collections.apiRoot')}
          </Text>
          <SegmentedControl
            value={form.values.apiRoot}
            onChange={(v) => form.setField('apiRoot', v as ApiRoot)}
            data={[
              { value: 'real', label: t('intel.apiRoot.real') },
              { value: 'exercise', label: t('intel.apiRoot.exercise') },
            ]}
            data-testid="collection-root"
          />
          <Text fz="xs" c="dimmed">
            {t(form.values.apiRoot === 'exercise' ? 'intel.collections.exerciseHint' : 'intel.collections.realHint')}
          </Text>
        </Stack>
        <OrganisationSelect
          label={t('intel.collections.organisation')}
          description={t('intel.collections.organisationHint')}
          required
          comboboxProps={{ withinPortal: true }}
          {...form.pick('organisationId')}
        />
        <Group justify="flex-end" gap="xs" mt="xs">
          <Button variant="default" onClick={onClose} disabled={form.submitting}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={form.submitting} data-testid="collection-submit">
            {t('intel.collections.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
