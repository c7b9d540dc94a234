import { Grid, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import type { Person } from '../../api/types';
import { useForm } from '../../forms/useForm';
import { check, email, maxLength, orNull, required } from '../../forms/validators';
import { FormFrame } from '../common/FormFrame';
import { useSaveResource } from '../common/hooks';
import { OrganisationSelect } from '../common/OrganisationSelect';

export function PersonForm({ person }: { person?: Person }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const save = useSaveResource<Person>('people', person?.id);

  const form = useForm(
    {
      organisationId: person?.organisationId ?? params.get('organisationId') ?? '',
      fullName: person?.fullName ?? '',
      jobTitle: person?.jobTitle ?? '',
      email: person?.email ?? '',
    },
    (v) => ({
      organisationId: check(v.organisationId, required(t)),
      fullName: check(v.fullName, required(t), maxLength(t, 200)),
      jobTitle: check(v.jobTitle, maxLength(t, 200)),
      email: check(v.email, email(t), maxLength(t, 254)),
    }),
  );

  const submit = form.onSubmit(async (v) => {
    const saved = await save.mutateAsync({
      organisationId: v.organisationId,
      fullName: v.fullName.trim(),
      jobTitle: orNull(v.jobTitle),
      email: orNull(v.email),
    });
    notifications.show({ color: 'teal', message: t('common.saved', { name: saved.fullName }) });
    navigate(`/directory/people/${saved.id}`);
  });

  return (
    <FormFrame
      onSubmit={submit}
      submitting={form.submitting}
      failure={form.failure}
      submitLabel={person ? t('common.save') : t('person.create')}
      submitTestId="person-submit"
      cancelTo={person ? `/directory/people/${person.id}` : '/directory/people'}
    >
      <OrganisationSelect
        label={t('person.organisation')}
        required
        placeholder={t('select.search')}
        initialOption={person ? { value: person.organisationId, label: person.organisationName } : null}
        {...form.pick('organisationId')}
        data-testid="person-organisation"
      />
      <TextInput label={t('person.fullName')} required {...form.text('fullName')} data-testid="person-name" />
      <Grid gutter="sm">
        <Grid.Col span={{ base: 12, sm: 6 }}>
          <TextInput label={t('person.jobTitle')} {...form.text('jobTitle')} data-testid="person-job-title" />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 6 }}>
          <TextInput label={t('person.email')} type="email" {...form.text('email')} data-testid="person-email" />
        </Grid.Col>
      </Grid>
    </FormFrame>
  );
}
