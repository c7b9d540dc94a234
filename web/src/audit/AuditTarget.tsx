import { Anchor, Text } from '@mantine/core';
import { Link } from 'react-router';

/** Audit target types that have a page in the console, and where it is. */
const pages: Record<string, string> = {
  organisation: '/directory/organisations',
  site: '/directory/sites',
  person: '/directory/people',
  point_of_contact: '/directory/points-of-contact',
  community: '/directory/communities',
};

export function AuditTarget({ type, id }: { type: string; id: string | null }) {
  const base = pages[type];
  const short = id ? `${id.slice(0, 8)}…` : '';
  return (
    <Text fz="sm" span>
      <Text span c="dimmed" fz="xs" mr={4}>
        {type}
      </Text>
      {id && base ? (
        <Anchor component={Link} to={`${base}/${id}`} fz="sm" ff="monospace" title={id}>
          {short}
        </Anchor>
      ) : (
        <Text span ff="monospace" fz="sm" title={id ?? undefined}>
          {short}
        </Text>
      )}
    </Text>
  );
}
