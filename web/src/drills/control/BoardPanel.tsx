import { Box, Group, Paper, ScrollArea, SegmentedControl, Stack, Table, Text, Tooltip } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Board, type CellStatus, type Counts, drillsApi, type Rollup } from '../../api/drills';
import { useFormat } from '../../format/useFormat';
import { SimpleTable } from '../../intelligence/common/SimpleTable';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Loading } from '../../ui/Loading';
import { CellBadge, cellColor, exerciseTime } from '../common';
import { exerciseKey } from '../hooks';

type View = 'teams' | 'sites' | 'organisations' | 'countries';
const order: CellStatus[] = ['met', 'late', 'missed', 'pending', 'scheduled'];

/** Every team against every expectation, and the same counts rolled up by site, organisation and country. */
export function BoardPanel({ exerciseId }: { exerciseId: string }) {
  const { t } = useTranslation();
  const board = useQuery({ queryKey: [...exerciseKey(exerciseId), 'board'], queryFn: () => drillsApi.board(exerciseId) });
  const [view, setView] = useState<View>('teams');

  if (board.isPending) return <Loading />;
  if (board.error) return <ErrorAlert error={board.error} />;

  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <SegmentedControl
          size="xs"
          value={view}
          onChange={(v) => setView(v as View)}
          data={(['teams', 'sites', 'organisations', 'countries'] as const).map((v) => ({ value: v, label: t(`drills.board.by.${v}`) }))}
          data-testid="board-view"
        />
        <Group gap={6}>
          {order.map((s) => (
            <CellBadge key={s} status={s} size="xs" />
          ))}
        </Group>
      </Group>
      {view === 'teams' ? <Matrix board={board.data} /> : <Rollups rows={board.data.rollups[view]} view={view} />}
    </Stack>
  );
}

function Totals({ c }: { c: Counts }) {
  return (
    <>
      {order.slice(0, 4).map((s) => (
        <Table.Td key={s} ta="right" data-testid={`total-${s}`}>
          <Text fz="sm" c={c[s as keyof Counts] ? cellColor[s] : 'dimmed'} fw={c[s as keyof Counts] ? 600 : 400}>
            {c[s as keyof Counts]}
          </Text>
        </Table.Td>
      ))}
      <Table.Td ta="right" data-testid="total-score">
        <Text fz="sm" ff="monospace">
          {c.score}/{c.maxScore}
        </Text>
      </Table.Td>
    </>
  );
}

function Matrix({ board }: { board: Board }) {
  const { t } = useTranslation();
  const f = useFormat();
  const byId = new Map(board.expectations.map((x) => [x.id, x]));
  return (
    <Paper withBorder radius="sm" style={{ overflow: 'hidden' }}>
      <ScrollArea type="auto">
        <Table verticalSpacing={4} fz="sm" data-testid="board-table" withColumnBorders>
          <Table.Thead bg="gray.0">
            <Table.Tr>
              <Table.Th style={{ minWidth: 220 }}>{t('drills.board.team')}</Table.Th>
              {order.slice(0, 4).map((s) => (
                <Table.Th key={s} ta="right" style={{ whiteSpace: 'nowrap' }}>
                  {t(`drills.cell.${s}`)}
                </Table.Th>
              ))}
              <Table.Th ta="right">{t('drills.board.score')}</Table.Th>
              {board.expectations.map((x) => (
                <Table.Th key={x.id} p={2} style={{ writingMode: 'vertical-rl', whiteSpace: 'nowrap', fontWeight: 400 }}>
                  <Text fz={10} c="dimmed">
                    {x.injectRef}·{x.ref}
                  </Text>
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {board.teams.map((team) => {
              const cells = new Map(team.cells.map((c) => [c.expectationId, c]));
              return (
                <Table.Tr key={team.id} data-testid="board-row" data-team={team.name}>
                  <Table.Td>
                    <Text fz="sm" fw={500}>
                      {team.name}
                    </Text>
                    <Text fz="xs" c="dimmed">
                      {[team.organisationName, team.siteName, f.country(team.countryCode)].filter(Boolean).join(' · ')}
                    </Text>
                  </Table.Td>
                  <Totals c={team.totals} />
                  {board.expectations.map((x) => {
                    const cell = cells.get(x.id);
                    if (!cell) return <Table.Td key={x.id} p={2} />;
                    const exp = byId.get(x.id);
                    return (
                      <Table.Td key={x.id} p={2} data-testid="board-cell" data-status={cell.status} data-ref={`${x.injectRef}.${x.ref}`}>
                        <Tooltip
                          withinPortal
                          label={`${x.injectRef} · ${x.ref} (${t(`drills.kind.${x.kind}`)}) — ${t(`drills.cell.${cell.status}`)}${
                            cell.satisfiedMs !== null ? ` ${exerciseTime(cell.satisfiedMs)}` : ''
                          } · ${cell.score}/${exp?.score ?? 0}`}
                        >
                          <Box
                            w={16}
                            h={16}
                            mx="auto"
                            style={{
                              borderRadius: 3,
                              background: cell.status === 'scheduled' ? 'transparent' : `var(--mantine-color-${cellColor[cell.status]}-5)`,
                              border: `1px solid var(--mantine-color-${cellColor[cell.status]}-5)`,
                            }}
                          />
                        </Tooltip>
                      </Table.Td>
                    );
                  })}
                </Table.Tr>
              );
            })}
            {board.teams.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={6 + board.expectations.length}>
                  <Text c="dimmed" fz="sm" ta="center" py="md">
                    {t('drills.board.noTeams')}
                  </Text>
                </Table.Td>
              </Table.Tr>
            )}
          </Table.Tbody>
        </Table>
      </ScrollArea>
    </Paper>
  );
}

function Rollups({ rows, view }: { rows: Rollup[]; view: Exclude<View, 'teams'> }) {
  const { t } = useTranslation();
  const f = useFormat();
  const num = (s: keyof Counts) => (r: Rollup) => (
    <Text fz="sm" ta="right" c={r[s] ? cellColor[s as CellStatus] : 'dimmed'}>
      {r[s]}
    </Text>
  );
  return (
    <SimpleTable<Rollup>
      rows={rows}
      rowKey={(r) => r.id}
      empty={t('drills.board.noTeams')}
      testId={`rollup-${view}`}
      columns={[
        { header: t(`drills.board.by.${view}`), render: (r) => (view === 'countries' ? f.country(r.name) : r.name) },
        { header: t('drills.board.teams'), width: 80, render: (r) => r.teams },
        { header: t('drills.cell.met'), width: 80, render: num('met') },
        { header: t('drills.cell.late'), width: 80, render: num('late') },
        { header: t('drills.cell.missed'), width: 80, render: num('missed') },
        { header: t('drills.cell.pending'), width: 80, render: num('pending') },
        {
          header: t('drills.board.score'),
          width: 110,
          render: (r) => (
            <Text fz="sm" ff="monospace" ta="right">
              {r.score}/{r.maxScore}
            </Text>
          ),
        },
      ]}
    />
  );
}
