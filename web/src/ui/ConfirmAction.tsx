import { Button, Group, Popover, Stack, Text } from '@mantine/core';
import { cloneElement, type ReactElement, useState } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  message: string;
  confirmLabel: string;
  onConfirm(): void;
  /** The control that opens the question; it receives the click. */
  children: ReactElement<{ onClick?: () => void }>;
}

/** Asks before a destructive step, next to the control, without a modal in the way. */
export function ConfirmAction({ message, confirmLabel, onConfirm, children }: Props) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  return (
    <Popover opened={opened} onChange={setOpened} position="left" withArrow shadow="md" width={280}>
      <Popover.Target>{cloneElement(children, { onClick: () => setOpened((o) => !o) })}</Popover.Target>
      <Popover.Dropdown>
        <Stack gap="xs">
          <Text fz="sm">{message}</Text>
          <Group justify="flex-end" gap="xs">
            <Button size="compact-sm" variant="default" onClick={() => setOpened(false)}>
              {t('common.cancel')}
            </Button>
            <Button
              size="compact-sm"
              color="red"
              data-testid="confirm-action"
              onClick={() => {
                setOpened(false);
                onConfirm();
              }}
            >
              {confirmLabel}
            </Button>
          </Group>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
