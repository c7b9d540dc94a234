import { Grid, Select, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { Organisation } from '../../api/types';
import { useFormat } from '../../format/useFormat';
import { useForm } from '../../forms/useForm';
import { check, maxLength, orNull, required } from '../../forms/validators';
import { CountrySelect } from '../common/CountrySelect';
import { FormFrame } from '../common/FormFrame';
import { useSaveResource } from '../common/hooks';
import { useDirectoryLabels } from '../common/labels';
import { OrganisationSelect } from '../common/OrganisationSelect';

export function OrganisationForm({ organisation }: { organisation?: Organisation }) {
  const { t } = useTranslation();
  const f = useFormat();
  const navigate = useNavigate();
  const { typeOptions } = useDirectoryLabels();
  const save = useSaveResource<Organisation>('organisations', organisation?.id);

  const form = useForm(
    {
      name: organisation?.name ?? '',
      shortName: organisation?.shortName ?? '',
      type: organisation?.type ?? '',
      sector: organisation?.sector ?? '',
      countryCode: organisation?.countryCode ?? '',
      parentId: organisation?.parentId ?? '',
    },
    (v) => ({
      name: check(v.name, required(t), maxLength(t, 200)),
      shortName: check(v.shortName, maxLength(t, 50)),
      type: check(v.type, required(t)),
      sector: check(v.sector, maxLength(t, 100)),
      countryCode: check(v.countryCode, required(t)),
      parentId: organisation && v.parentId === organisation.id ? t('organisation.parentSelf') : undefined,
    }),
  );

  const submit = form.onSubmit(async (v) => {
    const saved = await save.mutateAsync({
      name: v.name.trim(),
      shortName: orNull(v.shortName),
      type: v.type,
      sector: orNull(v.sector),
      countryCode: v.countryCode,
      parentId: v.parentId || null,
    });
    notifications.show({ color: 'teal', message: t('common.saved', { name: saved.name }) });
    navigate(`/directory/organisations/${saved.id}`);
  });

  return (
    <FormFrame
      onSubmit={submit}
      submitting={form.submitting}
      failure={form.failure}
      submitLabel={organisation ? t('common.save') : t('organisation.create')}
      submitTestId="org-submit"
      cancelTo={organisation ? `/directory/organisations/${organisation.id}` : '/directory/organisations'}
    >
      <TextInput label={t('organisation.name')} required {...form.text('name')} data-testid="org-name" data-autofocus />
      <Grid gutter="sm">
        <Grid.Col span={{ base: 12, sm: 6 }}>
          <TextInput
            label={t('organisation.shortName')}
            description={t('organisation.shortNameHint')}
            {...form.text('shortName')}
            data-testid="org-short-name"
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 6 }}>
          <Select
            label={t('organisation.type')}
            required
            data={typeOptions}
            allowDeselect={false}
            placeholder={t('select.choose')}
            {...form.pick('type')}
            data-testid="org-type"
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 6 }}>
          <CountrySelect
            label={t('organisation.country')}
            required
            placeholder={t('select.search')}
            initialOption={
              organisation
                ? { value: organisation.countryCode, label: f.country(organisation.countryCode, organisation.countryName) }
                : null
            }
            {...form.pick('countryCode')}
            data-testid="org-country"
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 6 }}>
          <TextInput
            label={t('organisation.sector')}
            placeholder={t('organisation.sectorHint')}
            {...form.text('sector')}
            data-testid="org-sector"
          />
        </Grid.Col>
      </Grid>
      <OrganisationSelect
        label={t('organisation.parent')}
        description={t('organisation.parentHint')}
        placeholder={t('select.search')}
        clearable
        initialOption={organisation?.parentId ? { value: organisation.parentId, label: organisation.parentName ?? '' } : null}
        {...form.pick('parentId')}
        data-testid="org-parent"
      />
    </FormFrame>
  );
}
