import { Badge, List, Paper, Text, ThemeIcon } from '@mantine/core';
import { IconCircleDashed } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../ui/PageHeader';

export type Section = 'drills' | 'intelligence' | 'incidents' | 'federation';

/** A part of Kizuna that is not built yet: what it will do, so nobody wonders whether it is broken. */
export function SectionPage({ section }: { section: Section }) {
  const { t } = useTranslation();
  const points = t(`sections.${section}.points`, { returnObjects: true }) as string[];
  return (
    <>
      <PageHeader
        title={t(`nav.${section}`)}
        badges={
          <Badge variant="outline" color="gray" radius="sm" tt="none">
            {t('sections.comingSoon')}
          </Badge>
        }
      />
      <Paper withBorder radius="sm" p="lg" maw={760} data-testid={`section-${section}`}>
        <Text fz="sm" mb="md">
          {t(`sections.${section}.intro`)}
        </Text>
        <List
          spacing={6}
          size="sm"
          icon={
            <ThemeIcon size={18} radius="xl" variant="light" color="gray">
              <IconCircleDashed size={12} />
            </ThemeIcon>
          }
        >
          {points.map((p) => (
            <List.Item key={p}>{p}</List.Item>
          ))}
        </List>
      </Paper>
    </>
  );
}
