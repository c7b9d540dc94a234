import type { ApiRoot } from '../../api/intel';
import { useListParams } from '../../directory/common/useListParams';
import { useFormat } from '../../format/useFormat';
import { endOfZonedDay, zonedToUtc } from '../common/zonedTime';

const filterKeys = ['type', 'tlp', 'community', 'organisation', 'from', 'to', 'root'] as const;
/** URL values the API takes under another name or in another form. */
const sentOtherwise = new Set(['root', 'from', 'to']);

/**
 * The explorer's search, filters, sort and page in the URL (shareable, Back works). Dates are kept
 * as days in the URL and sent as the first and last instant of those days in the viewer's zone.
 */
export function useExplorerParams() {
  const params = useListParams(filterKeys, '-modified');
  const { timeZone } = useFormat();
  const { filters } = params;
  const apiRoot: ApiRoot = filters.root === 'exercise' ? 'exercise' : 'real';
  const query: Record<string, string | number> = Object.fromEntries(
    Object.entries(params.apiQuery).filter(([key]) => !sentOtherwise.has(key)),
  );
  query.apiRoot = apiRoot;
  if (filters.from) query.from = zonedToUtc(filters.from, timeZone);
  if (filters.to) query.to = endOfZonedDay(filters.to, timeZone);
  return { ...params, apiRoot, query };
}

export type ExplorerParams = ReturnType<typeof useExplorerParams>;
