import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { intelApi, type ObjectDetail, type Tlp } from '../../api/intel';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useInvalidateIntel } from '../common/hooks';
import { TlpSelect } from '../tlp/TlpSelect';
import { hasRecipients, noRecipients, type Recipients, RecipientsPicker, recipientsFor } from './RecipientsPicker';

interface Props {
  object: ObjectDetail;
  opened: boolean;
  onClose(): void;
}

/**
 * Marks an object anew: a new version under the chosen TLP (earlier versions keep theirs), then
 * shares it with the recipients that marking reaches, so the change leaves no one out by accident.
 */
export function MarkDialog({ object, opened, onClose }: Props) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('intel.mark.title')} size="lg">
      {opened && <MarkForm object={object} onClose={onClose} />}
    </Modal>
  );
}

function MarkForm({ object, onClose }: Omit<Props, 'opened'>) {
  const { t } = useTranslation();
  const invalidate = useInvalidateIntel();
  const [tlp, setTlp] = useState<Tlp>(object.tlp);
  const [recipients, setRecipients] = useState<Recipients>(noRecipients);
  const share = recipientsFor(tlp, recipients);
  const mark = useMutation({
    mutationFn: async () => {
      if (tlp !== object.tlp) await intelApi.mark(object.id, tlp);
      if (hasRecipients(share)) await intelApi.share(object.id, share);
    },
    onSuccess: () => {
      void invalidate();
      notifications.show({ color: 'teal', message: t('intel.mark.done') });
      onClose();
    },
  });

  return (
    <Stack gap="sm">
      {mark.isError && <ErrorAlert error={mark.error} />}
      <TlpSelect value={tlp} onChange={setTlp} testId="mark-tlp" />
      {tlp !== object.tlp && (
        <Alert color="gray" variant="light" p="xs">
          <Text fz="sm">{t('intel.mark.newVersion')}</Text>
        </Alert>
      )}
      <RecipientsPicker tlp={tlp} value={recipients} onChange={setRecipients} />
      <Group justify="flex-end" gap="xs" mt="xs">
        <Button variant="default" onClick={onClose}>
          {t('common.cancel')}
        </Button>
        <Button
          onClick={() => mark.mutate()}
          loading={mark.isPending}
          disabled={tlp === object.tlp && !hasRecipients(share)}
          data-testid="mark-submit"
        >
          {t('intel.mark.submit')}
        </Button>
      </Group>
    </Stack>
  );
}
