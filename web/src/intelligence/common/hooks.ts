import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import type { QueryValue } from '../../api/client';
import { type ApiRoot, intelApi, intelKey } from '../../api/intel';

export function useCollections(apiRoot: ApiRoot) {
  return useQuery({ queryKey: [intelKey, 'collections', apiRoot], queryFn: () => intelApi.collections(apiRoot) });
}

export function useObjectSearch(query: Record<string, QueryValue>) {
  return useQuery({
    queryKey: [intelKey, 'search', query],
    queryFn: () => intelApi.search(query),
    // Keeps the table in place while the next page or filter loads, instead of flashing empty.
    placeholderData: keepPreviousData,
  });
}

export function useIntelObject(id: string | undefined, apiRoot: ApiRoot) {
  return useQuery({
    queryKey: [intelKey, 'object', apiRoot, id],
    queryFn: () => intelApi.object(id!, apiRoot),
    enabled: Boolean(id),
  });
}

/** A write may change any list, count, correlation or sighting on screen: refresh all intelligence. */
export function useInvalidateIntel() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: [intelKey] });
}
