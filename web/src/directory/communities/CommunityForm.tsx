import { Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { Community } from '../../api/types';
import { useForm } from '../../forms/useForm';
import { check, maxLength, required } from '../../forms/validators';
import { FormFrame } from '../common/FormFrame';
import { useSaveResource } from '../common/hooks';

export function CommunityForm({ community }: { community?: Community }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const save = useSaveResource<Community>('communities', community?.id);

  const form = useForm({ name: community?.name ?? '', description: community?.description ?? '' }, (v) => ({
    name: check(v.name, required(t), maxLength(t, 200)),
    description: check(v.description, maxLength(t, 2000)),
  }));

  const submit = form.onSubmit(async (v) => {
    const saved = await save.mutateAsync({ name: v.name.trim(), description: v.description.trim() });
    notifications.show({ color: 'teal', message: t('common.saved', { name: saved.name }) });
    navigate(`/directory/communities/${saved.id}`);
  });

  return (
    <FormFrame
      onSubmit={submit}
      submitting={form.submitting}
      failure={form.failure}
      submitLabel={community ? t('common.save') : t('community.create')}
      submitTestId="community-submit"
      cancelTo={community ? `/directory/communities/${community.id}` : '/directory/communities'}
    >
      <TextInput label={t('community.name')} required placeholder="ASEAN-Japan" {...form.text('name')} data-testid="community-name" />
      <Textarea
        label={t('community.description')}
        autosize
        minRows={3}
        maxRows={8}
        {...form.text('description')}
        data-testid="community-description"
      />
    </FormFrame>
  );
}
