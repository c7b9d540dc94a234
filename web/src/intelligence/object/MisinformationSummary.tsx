import { Anchor, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { intelApi, intelKey } from '../../api/intel';
import { DateTime } from '../../format/DateTime';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Loading } from '../../ui/Loading';
import { objectLink } from '../common/links';

const safeUrl = (u: string | null | undefined) => (u && /^https?:\/\//.test(u) ? u : null);

/** A misinformation report read as one: the claim, where and how far it spread, techniques, counter-message. */
export function MisinformationSummary({ id }: { id: string }) {
  const { t } = useTranslation();
  const { data: m, error } = useQuery({ queryKey: [intelKey, 'misinformation', id], queryFn: () => intelApi.misinformation(id) });
  if (error) return <ErrorAlert error={error} />;
  if (!m) return <Loading />;
  const row = (label: string, value: ReactNode) => (
    <Table.Tr>
      <Table.Th w={190} fz="xs" c="dimmed" tt="uppercase" fw={600} style={{ verticalAlign: 'top', letterSpacing: 0.3 }}>
        {label}
      </Table.Th>
      <Table.Td style={{ overflowWrap: 'anywhere' }}>{value}</Table.Td>
    </Table.Tr>
  );
  const reach = [
    m.reach?.estimatedAudience !== undefined && t('intel.misinformation.audienceValue', { count: m.reach.estimatedAudience }),
    m.reach?.shares !== undefined && t('intel.misinformation.sharesValue', { count: m.reach.shares }),
    m.reach?.description,
  ].filter(Boolean);
  return (
    <Paper withBorder radius="sm" style={{ overflow: 'hidden' }} data-testid="misinformation-summary">
      <Title order={3} fz="sm" fw={600} p="sm" bg="gray.0">
        {t('intel.misinformation.summary')}
      </Title>
      <Table verticalSpacing={8} fz="sm">
        <Table.Tbody>
          {row(t('intel.misinformation.claim'), <Text style={{ whiteSpace: 'pre-wrap' }}>{m.claim}</Text>)}
          {row(
            t('intel.misinformation.seenAt'),
            <Stack gap={2}>
              {m.seenAt.map((s) => (
                <Group key={`${s.platform}|${s.channel}|${s.url}`} gap={6}>
                  <Text fz="sm" fw={500}>
                    {s.platform}
                  </Text>
                  {s.channel && <Text fz="sm">{s.channel}</Text>}
                  {safeUrl(s.url) && (
                    <Anchor href={safeUrl(s.url)!} target="_blank" rel="noreferrer noopener" fz="sm">
                      {s.url}
                    </Anchor>
                  )}
                </Group>
              ))}
            </Stack>,
          )}
          {row(t('intel.props.first_seen'), <DateTime value={m.firstSeen} />)}
          {reach.length > 0 && row(t('intel.misinformation.reach'), reach.join(' · '))}
          {row(
            t('intel.misinformation.techniques'),
            <Group gap={10}>
              {m.techniques.map((x) => (
                <Anchor key={x.id} component={Link} to={objectLink(x.id)} fz="sm">
                  {[x.externalId, x.name].filter(Boolean).join(' ') || x.id}
                </Anchor>
              ))}
            </Group>,
          )}
          {m.counterMessage &&
            row(t('intel.misinformation.counterMessage'), <Text style={{ whiteSpace: 'pre-wrap' }}>{m.counterMessage}</Text>)}
          {safeUrl(m.factCheckUrl) &&
            row(
              t('intel.misinformation.factCheckUrl'),
              <Anchor href={safeUrl(m.factCheckUrl)!} target="_blank" rel="noreferrer noopener" fz="sm">
                {m.factCheckUrl}
              </Anchor>,
            )}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}
