import { Grid, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import type { PointOfContact } from '../../api/types';
import { useForm } from '../../forms/useForm';
import { check, email, maxLength, orNull, phone, required } from '../../forms/validators';
import { FormFrame } from '../common/FormFrame';
import { useSaveResource } from '../common/hooks';
import { OrganisationSelect } from '../common/OrganisationSelect';
import { PersonSelect } from '../common/PersonSelect';

const PGP_BLOCK = /-----BEGIN PGP PUBLIC KEY BLOCK-----[\s\S]+-----END PGP PUBLIC KEY BLOCK-----/;

export function ContactForm({ contact }: { contact?: PointOfContact }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const save = useSaveResource<PointOfContact>('points-of-contact', contact?.id);

  const form = useForm(
    {
      organisationId: contact?.organisationId ?? params.get('organisationId') ?? '',
      personId: contact?.personId ?? '',
      label: contact?.label ?? '',
      phone24x7: contact?.phone24x7 ?? '',
      email: contact?.email ?? '',
      pgpKey: contact?.pgpKey ?? '',
    },
    (v) => ({
      organisationId: check(v.organisationId, required(t)),
      label: check(v.label, required(t), maxLength(t, 200)),
      phone24x7: check(v.phone24x7, phone(t)),
      email: check(v.email, required(t), email(t), maxLength(t, 254)),
      pgpKey: v.pgpKey.trim() && !PGP_BLOCK.test(v.pgpKey) ? t('validation.pgpKey') : check(v.pgpKey, maxLength(t, 20_000)),
    }),
  );

  const submit = form.onSubmit(async (v) => {
    const saved = await save.mutateAsync({
      organisationId: v.organisationId,
      personId: v.personId || null,
      label: v.label.trim(),
      phone24x7: orNull(v.phone24x7),
      email: v.email.trim(),
      pgpKey: orNull(v.pgpKey),
    });
    notifications.show({ color: 'teal', message: t('common.saved', { name: saved.label }) });
    navigate(`/directory/points-of-contact/${saved.id}`);
  });

  return (
    <FormFrame
      onSubmit={submit}
      submitting={form.submitting}
      failure={form.failure}
      submitLabel={contact ? t('common.save') : t('contact.create')}
      submitTestId="contact-submit"
      cancelTo={contact ? `/directory/points-of-contact/${contact.id}` : '/directory/points-of-contact'}
    >
      <Grid gutter="sm">
        <Grid.Col span={{ base: 12, sm: 6 }}>
          <OrganisationSelect
            label={t('contact.organisation')}
            required
            placeholder={t('select.search')}
            initialOption={contact ? { value: contact.organisationId, label: contact.organisationName } : null}
            value={form.values.organisationId || null}
            error={form.errors.organisationId}
            onChange={(id) => {
              form.setField('organisationId', id ?? '');
              // A contact's person must belong to the same organisation.
              if (id !== form.values.organisationId) form.setField('personId', '');
            }}
            data-testid="contact-organisation"
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 6 }}>
          <PersonSelect
            label={t('contact.person')}
            description={t('contact.personHint')}
            placeholder={t('select.search')}
            clearable
            organisationId={form.values.organisationId}
            initialOption={contact?.personId ? { value: contact.personId, label: contact.personName ?? '' } : null}
            {...form.pick('personId')}
            data-testid="contact-person"
          />
        </Grid.Col>
      </Grid>
      <TextInput
        label={t('contact.label')}
        required
        placeholder={t('contact.labelHint')}
        {...form.text('label')}
        data-testid="contact-label"
      />
      <Grid gutter="sm">
        <Grid.Col span={{ base: 12, sm: 6 }}>
          <TextInput
            label={t('contact.phone24x7')}
            placeholder="+84 24 3640 4421"
            {...form.text('phone24x7')}
            data-testid="contact-phone"
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 6 }}>
          <TextInput label={t('contact.email')} required type="email" {...form.text('email')} data-testid="contact-email" />
        </Grid.Col>
      </Grid>
      <Textarea
        label={t('contact.pgpKey')}
        placeholder="-----BEGIN PGP PUBLIC KEY BLOCK-----"
        autosize
        minRows={3}
        maxRows={10}
        styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 12 } }}
        {...form.text('pgpKey')}
        data-testid="contact-pgp"
      />
    </FormFrame>
  );
}
