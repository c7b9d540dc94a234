import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { intelApi, type ObjectDetail } from '../../api/intel';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useInvalidateIntel } from '../common/hooks';
import { TlpBadge } from '../tlp/TlpBadge';
import { hasRecipients, noRecipients, type Recipients, RecipientsPicker, recipientsFor } from './RecipientsPicker';

interface Props {
  object: ObjectDetail;
  opened: boolean;
  onClose(): void;
  /** Opens the marking dialog instead, for recipients the current marking does not reach. */
  onChangeMarking(): void;
}

/** Shares an object further under its current marking (POST /intel/objects/:id/sharing). */
export function ShareDialog({ object, opened, onClose, onChangeMarking }: Props) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('intel.share.title')} size="lg">
      {opened && <ShareForm object={object} onClose={onClose} onChangeMarking={onChangeMarking} />}
    </Modal>
  );
}

function ShareForm({ object, onClose, onChangeMarking }: Omit<Props, 'opened'>) {
  const { t } = useTranslation();
  const invalidate = useInvalidateIntel();
  const [recipients, setRecipients] = useState<Recipients>(noRecipients);
  const input = recipientsFor(object.tlp, recipients);
  const share = useMutation({
    mutationFn: () => intelApi.share(object.id, input),
    onSuccess: () => {
      void invalidate();
      notifications.show({ color: 'teal', message: t('intel.share.done') });
      onClose();
    },
  });

  return (
    <Stack gap="sm">
      <Group gap="xs" wrap="nowrap" align="flex-start">
        <TlpBadge tlp={object.tlp} />
        <Text fz="sm">{t(`intel.tlp.meaning.${object.tlp}`)}</Text>
      </Group>
      {share.isError && <ErrorAlert error={share.error} />}
      <RecipientsPicker tlp={object.tlp} value={recipients} onChange={setRecipients} />
      <Text fz="xs" c="dimmed">
        {t('intel.share.otherRecipients')}{' '}
        <Button variant="subtle" size="compact-xs" onClick={onChangeMarking} data-testid="share-change-marking">
          {t('intel.mark.title')}
        </Button>
      </Text>
      <Group justify="flex-end" gap="xs" mt="xs">
        <Button variant="default" onClick={onClose}>
          {t('common.cancel')}
        </Button>
        <Button onClick={() => share.mutate()} loading={share.isPending} disabled={!hasRecipients(input)} data-testid="share-submit">
          {t('intel.share.submit')}
        </Button>
      </Group>
    </Stack>
  );
}
