import { ActionIcon, Button, Group, Paper, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconTrash, IconUserPlus } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { Community } from '../../api/types';
import { useFormat } from '../../format/useFormat';
import { ConfirmAction } from '../../ui/ConfirmAction';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useInvalidateDirectory } from '../common/hooks';
import { RowLink } from '../common/ListPage';
import { useDirectoryLabels } from '../common/labels';
import { OrganisationSelect } from '../common/OrganisationSelect';

/** The organisations in a community, with add and remove for those who may manage it. */
export function CommunityMembers({ community, canManage }: { community: Community; canManage: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  const { typeLabel } = useDirectoryLabels();
  const queryClient = useQueryClient();
  const invalidate = useInvalidateDirectory();
  const [adding, setAdding] = useState<string | null>(null);
  const members = community.members ?? [];

  const change = useMutation({
    mutationFn: ({ organisationId, add }: { organisationId: string; add: boolean }) =>
      add
        ? api.put<Community>(`/communities/${community.id}/members/${organisationId}`)
        : api.delete<Community>(`/communities/${community.id}/members/${organisationId}`),
    onSuccess: (updated, { add }) => {
      // The answer is the community with its new member list: show it at once, refresh the rest.
      queryClient.setQueryData(['communities', 'one', community.id], updated);
      void invalidate();
      if (add) setAdding(null);
      notifications.show({ color: 'teal', message: add ? t('community.memberAdded') : t('community.memberRemoved') });
    },
  });

  return (
    <div>
      <Group justify="space-between" mb="xs" align="flex-end">
        <Title order={3} fz="md" fw={600}>
          {t('community.members')} ({members.length})
        </Title>
        {canManage && (
          <Group gap="xs" align="flex-end">
            <OrganisationSelect
              size="sm"
              w={320}
              placeholder={t('community.addMemberPlaceholder')}
              aria-label={t('community.addMember')}
              value={adding}
              onChange={setAdding}
              clearable
              data-testid="member-organisation"
            />
            <Button
              size="sm"
              leftSection={<IconUserPlus size={16} />}
              disabled={!adding || members.some((m) => m.id === adding)}
              loading={change.isPending && change.variables?.add}
              onClick={() => adding && change.mutate({ organisationId: adding, add: true })}
              data-testid="member-add"
            >
              {t('community.addMember')}
            </Button>
          </Group>
        )}
      </Group>
      {change.isError && <ErrorAlert error={change.error} />}
      <Paper withBorder radius="sm" style={{ overflow: 'hidden' }}>
        <Table striped verticalSpacing={6} fz="sm" data-testid="member-table">
          <Table.Thead bg="gray.0">
            <Table.Tr>
              <Table.Th>{t('organisation.name')}</Table.Th>
              <Table.Th>{t('organisation.type')}</Table.Th>
              <Table.Th>{t('organisation.country')}</Table.Th>
              {canManage && <Table.Th w={60} />}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {members.map((m) => (
              <Table.Tr key={m.id}>
                <Table.Td>
                  <RowLink to={`/directory/organisations/${m.id}`}>{m.name}</RowLink>
                </Table.Td>
                <Table.Td>{typeLabel(m.type)}</Table.Td>
                <Table.Td>{f.country(m.countryCode)}</Table.Td>
                {canManage && (
                  <Table.Td>
                    <ConfirmAction
                      message={t('community.confirmRemove', { name: m.name, community: community.name })}
                      confirmLabel={t('community.removeMember')}
                      onConfirm={() => change.mutate({ organisationId: m.id, add: false })}
                    >
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        aria-label={t('community.removeMember')}
                        title={t('community.removeMember')}
                        loading={change.isPending && change.variables?.organisationId === m.id}
                        data-testid={`member-remove-${m.id}`}
                      >
                        <IconTrash size={16} />
                      </ActionIcon>
                    </ConfirmAction>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
            {members.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={canManage ? 4 : 3}>
                  <Text c="dimmed" fz="sm" ta="center" py="md">
                    {t('community.noMembers')}
                  </Text>
                </Table.Td>
              </Table.Tr>
            )}
          </Table.Tbody>
        </Table>
      </Paper>
    </div>
  );
}
