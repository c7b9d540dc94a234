import { Avatar, Badge, Group, Menu, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconChevronDown, IconLogout, IconSettings } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useSession, useUser } from '../auth/SessionContext';
import { PreferencesModal } from './PreferencesModal';

const initials = (name: string) =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]?.toUpperCase())
    .join('');

export function UserMenu() {
  const { t } = useTranslation();
  const user = useUser();
  const { signOut } = useSession();
  const navigate = useNavigate();
  const [prefsOpen, prefs] = useDisclosure(false);
  const roles = [...new Set(user.memberships.map((m) => m.role))];

  return (
    <>
      <Menu position="bottom-end" width={280} shadow="md">
        <Menu.Target>
          <UnstyledButton data-testid="user-menu" aria-label={t('user.menu')}>
            <Group gap={6} wrap="nowrap">
              <Avatar size={28} radius="xl" color="kizuna">
                {initials(user.fullName || user.email)}
              </Avatar>
              <Text fz="sm" fw={500} visibleFrom="sm" maw={180} truncate>
                {user.fullName || user.email}
              </Text>
              <IconChevronDown size={14} stroke={1.6} />
            </Group>
          </UnstyledButton>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>
            <Text fz="sm" fw={500} c="dark">
              {user.fullName}
            </Text>
            <Text fz="xs" c="dimmed">
              {user.email}
            </Text>
            <Group gap={4} mt={6}>
              {roles.map((role) => (
                <Badge key={role} size="xs" variant="light" radius="sm">
                  {t(`role.${role}`)}
                </Badge>
              ))}
            </Group>
          </Menu.Label>
          <Menu.Divider />
          <Menu.Item leftSection={<IconSettings size={16} />} onClick={prefs.open} data-testid="user-preferences">
            {t('user.preferences')}
          </Menu.Item>
          <Menu.Item
            leftSection={<IconLogout size={16} />}
            color="red"
            data-testid="user-logout"
            onClick={async () => {
              await signOut();
              navigate('/login', { replace: true });
            }}
          >
            {t('user.signOut')}
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <PreferencesModal opened={prefsOpen} onClose={prefs.close} />
    </>
  );
}
