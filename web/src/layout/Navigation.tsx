import { Divider, NavLink, ScrollArea, Stack, Text } from '@mantine/core';
import {
  IconAddressBook,
  IconBuilding,
  IconDatabaseSearch,
  IconFileImport,
  IconFlame,
  IconListDetails,
  IconMapPin,
  IconNetwork,
  IconPhoneCall,
  IconRadar2,
  IconStack2,
  IconTargetArrow,
  IconUsers,
  IconUsersGroup,
} from '@tabler/icons-react';
import type { ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { canReadAudit } from '../auth/permissions';
import { useUser } from '../auth/SessionContext';

interface Item {
  to: string;
  label: string;
  testId: string;
  icon: ComponentType<{ size?: number; stroke?: number }>;
}

export function Navigation({ onNavigate }: { onNavigate(): void }) {
  const { t } = useTranslation();
  const user = useUser();
  const { pathname } = useLocation();
  const active = (to: string) => pathname === to || pathname.startsWith(`${to}/`);

  const directory: Item[] = [
    { to: '/directory/organisations', label: t('nav.organisations'), testId: 'nav-organisations', icon: IconBuilding },
    { to: '/directory/sites', label: t('nav.sites'), testId: 'nav-sites', icon: IconMapPin },
    { to: '/directory/people', label: t('nav.people'), testId: 'nav-people', icon: IconUsers },
    { to: '/directory/points-of-contact', label: t('nav.pointsOfContact'), testId: 'nav-points-of-contact', icon: IconPhoneCall },
    { to: '/directory/communities', label: t('nav.communities'), testId: 'nav-communities', icon: IconUsersGroup },
  ];
  const intelligence: Item[] = [
    { to: '/intelligence/objects', label: t('intel.nav.explorer'), testId: 'nav-intel-explorer', icon: IconDatabaseSearch },
    { to: '/intelligence/import', label: t('intel.nav.import'), testId: 'nav-intel-import', icon: IconFileImport },
    { to: '/intelligence/collections', label: t('intel.nav.collections'), testId: 'nav-intel-collections', icon: IconStack2 },
  ];
  const sections: Item[] = [
    { to: '/drills', label: t('nav.drills'), testId: 'nav-drills', icon: IconTargetArrow },
    { to: '/intelligence', label: t('nav.intelligence'), testId: 'nav-intelligence', icon: IconRadar2 },
    { to: '/incidents', label: t('nav.incidents'), testId: 'nav-incidents', icon: IconFlame },
    { to: '/federation', label: t('nav.federation'), testId: 'nav-federation', icon: IconNetwork },
  ];

  const link = (item: Item, nested = false) => (
    <NavLink
      key={item.to}
      component={Link}
      to={item.to}
      label={item.label}
      active={active(item.to)}
      onClick={onNavigate}
      leftSection={<item.icon size={nested ? 16 : 18} stroke={1.6} />}
      data-testid={item.testId}
      py={nested ? 5 : 7}
      fz="sm"
    />
  );

  return (
    <ScrollArea type="scroll" h="100%">
      <Stack gap={2} p="xs" component="nav" aria-label={t('nav.main')}>
        <NavLink
          label={t('nav.directory')}
          leftSection={<IconAddressBook size={18} stroke={1.6} />}
          defaultOpened
          childrenOffset={14}
          data-testid="nav-directory"
          fw={500}
          py={7}
        >
          {directory.map((item) => link(item, true))}
        </NavLink>
        {sections.map((item) =>
          item.to === '/intelligence' ? (
            <NavLink
              key={item.to}
              label={item.label}
              leftSection={<item.icon size={18} stroke={1.6} />}
              defaultOpened
              childrenOffset={14}
              data-testid={item.testId}
              fw={500}
              py={7}
            >
              {intelligence.map((sub) => link(sub, true))}
            </NavLink>
          ) : (
            link(item)
          ),
        )}
        {canReadAudit(user) && (
          <>
            <Divider my={6} />
            <Text fz={11} fw={600} c="dimmed" tt="uppercase" px="sm" pb={2} lts={0.4}>
              {t('nav.administration')}
            </Text>
            {link({ to: '/audit', label: t('nav.audit'), testId: 'nav-audit', icon: IconListDetails })}
          </>
        )}
      </Stack>
    </ScrollArea>
  );
}
