import { Button, Group, Modal, Stack, Switch, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { updateMe } from '../auth/api';
import { useSession, useUser } from '../auth/SessionContext';
import { TimeZoneSelect } from '../forms/TimeZoneSelect';
import { browserTimeZone } from '../format/timeZones';
import { ErrorAlert } from '../ui/ErrorAlert';

/** The profile fields a user sets for themselves: name and the zone every time is shown in. */
export function PreferencesModal({ opened, onClose }: { opened: boolean; onClose(): void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('user.preferences')} size="md">
      {opened && <PreferencesForm onClose={onClose} />}
    </Modal>
  );
}

function PreferencesForm({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
  const user = useUser();
  const { setUser } = useSession();
  const [fullName, setFullName] = useState(user.fullName);
  const [followBrowser, setFollowBrowser] = useState(!user.timeZone);
  const [timeZone, setTimeZone] = useState(user.timeZone ?? browserTimeZone());
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);

  async function save() {
    setSaving(true);
    setError(null);
    try {
      setUser(await updateMe({ fullName: fullName.trim(), timeZone: followBrowser ? null : timeZone }));
      notifications.show({ color: 'teal', message: t('user.preferencesSaved') });
      onClose();
    } catch (err) {
      setError(err);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Stack gap="sm">
      {error ? <ErrorAlert error={error} /> : null}
      <TextInput label={t('user.fullName')} value={fullName} onChange={(e) => setFullName(e.currentTarget.value)} required />
      <Switch
        label={t('user.followBrowserZone', { zone: browserTimeZone() })}
        checked={followBrowser}
        onChange={(e) => setFollowBrowser(e.currentTarget.checked)}
      />
      <TimeZoneSelect
        label={t('user.timeZone')}
        description={t('user.timeZoneHint')}
        value={timeZone}
        onChange={setTimeZone}
        disabled={followBrowser}
        comboboxProps={{ withinPortal: true }}
      />
      <Group justify="flex-end" gap="xs" mt="xs">
        <Button variant="default" onClick={onClose}>
          {t('common.cancel')}
        </Button>
        <Button onClick={save} loading={saving} disabled={!fullName.trim()}>
          {t('common.save')}
        </Button>
      </Group>
    </Stack>
  );
}
