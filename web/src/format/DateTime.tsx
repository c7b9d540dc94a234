import { Tooltip } from '@mantine/core';
import { useFormat } from './useFormat';

/** A time in the viewer's zone; hovering shows the zone's full name and the UTC value. */
export function DateTime({ value }: { value: string | null | undefined }) {
  const f = useFormat();
  if (!value) return <span>–</span>;
  return (
    <Tooltip label={`${f.zoneName()} (${f.timeZone}) · ${value}`} openDelay={400} withinPortal>
      <time dateTime={value} style={{ whiteSpace: 'nowrap' }}>
        {f.dateTime(value)}
      </time>
    </Tooltip>
  );
}
