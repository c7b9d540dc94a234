import { Button, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <Stack align="flex-start" gap="sm" py="xl">
      <Title order={2} fz={22}>
        {t('errors.pageNotFound')}
      </Title>
      <Text c="dimmed" fz="sm">
        {t('errors.pageNotFoundHint')}
      </Text>
      <Button component={Link} to="/" variant="default">
        {t('errors.backHome')}
      </Button>
    </Stack>
  );
}
