import { Box, Center, Group, Paper, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../i18n/LanguageSwitch';
import { Wordmark } from '../layout/Wordmark';

/** The page around sign-in and setup: the wordmark, a card, and the language choice before signing in. */
export function AuthFrame({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Box mih="100vh" bg="gray.1">
      <Group justify="flex-end" p="md">
        <LanguageSwitch />
      </Group>
      <Center px="md" pb="xl" mt={40}>
        <Stack w="100%" maw={400} gap="lg">
          <Stack gap={6} align="center">
            <Wordmark size="lg" />
            <Text c="dimmed" fz="sm" ta="center">
              {t('login.tagline')}
            </Text>
          </Stack>
          <Paper withBorder shadow="xs" radius="md" p="xl">
            <Text fw={600} fz="lg" mb="md">
              {title}
            </Text>
            {children}
          </Paper>
        </Stack>
      </Center>
    </Box>
  );
}
