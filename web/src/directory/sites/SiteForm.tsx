import { Grid, Input, SegmentedControl, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import type { Site, SiteMode } from '../../api/types';
import { useForm } from '../../forms/useForm';
import { TimeZoneSelect } from '../../forms/TimeZoneSelect';
import { check, maxLength, orNull, required } from '../../forms/validators';
import { FormFrame } from '../common/FormFrame';
import { useSaveResource } from '../common/hooks';
import { useDirectoryLabels } from '../common/labels';
import { OrganisationSelect } from '../common/OrganisationSelect';

export function SiteForm({ site }: { site?: Site }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const { modeOptions } = useDirectoryLabels();
  const save = useSaveResource<Site>('sites', site?.id);

  const form = useForm(
    {
      organisationId: site?.organisationId ?? params.get('organisationId') ?? '',
      name: site?.name ?? '',
      city: site?.city ?? '',
      timeZone: site?.timeZone ?? '',
      mode: (site?.mode ?? 'online') as SiteMode,
    },
    (v) => ({
      organisationId: check(v.organisationId, required(t)),
      name: check(v.name, required(t), maxLength(t, 200)),
      city: check(v.city, maxLength(t, 120)),
      timeZone: check(v.timeZone, required(t)),
    }),
  );

  const submit = form.onSubmit(async (v) => {
    const saved = await save.mutateAsync({
      organisationId: v.organisationId,
      name: v.name.trim(),
      city: orNull(v.city),
      timeZone: v.timeZone,
      mode: v.mode,
    });
    notifications.show({ color: 'teal', message: t('common.saved', { name: saved.name }) });
    navigate(`/directory/sites/${saved.id}`);
  });

  return (
    <FormFrame
      onSubmit={submit}
      submitting={form.submitting}
      failure={form.failure}
      submitLabel={site ? t('common.save') : t('site.create')}
      submitTestId="site-submit"
      cancelTo={site ? `/directory/sites/${site.id}` : '/directory/sites'}
    >
      <OrganisationSelect
        label={t('site.organisation')}
        required
        placeholder={t('select.search')}
        initialOption={site ? { value: site.organisationId, label: site.organisationName } : null}
        {...form.pick('organisationId')}
        data-testid="site-organisation"
      />
      <TextInput label={t('site.name')} required placeholder={t('site.nameHint')} {...form.text('name')} data-testid="site-name" />
      <Grid gutter="sm">
        <Grid.Col span={{ base: 12, sm: 6 }}>
          <TextInput label={t('site.city')} {...form.text('city')} data-testid="site-city" />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 6 }}>
          <TimeZoneSelect
            label={t('site.timeZone')}
            required
            placeholder={t('select.search')}
            value={form.values.timeZone}
            onChange={(tz) => form.setField('timeZone', tz)}
            error={form.errors.timeZone}
            data-testid="site-timezone"
          />
        </Grid.Col>
      </Grid>
      <Input.Wrapper label={t('site.mode')} required error={form.errors.mode}>
        <div>
          <SegmentedControl
            data={modeOptions}
            value={form.values.mode}
            onChange={(mode) => form.setField('mode', mode as SiteMode)}
            data-testid="site-mode"
            mt={4}
          />
        </div>
      </Input.Wrapper>
    </FormFrame>
  );
}
