import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type QueryValue } from '../../api/client';
import { sessionKey } from '../../api/queryClient';
import type { Page } from '../../api/types';

export type Resource = 'organisations' | 'sites' | 'people' | 'points-of-contact' | 'communities';

export function useResourceList<T>(resource: Resource, query: Record<string, QueryValue>, enabled = true) {
  return useQuery({
    queryKey: [resource, 'list', query],
    queryFn: () => api.get<Page<T>>(`/${resource}`, query),
    // Keeps the table in place while the next page or sort loads, instead of flashing empty.
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useResource<T>(resource: Resource, id: string | undefined) {
  return useQuery({
    queryKey: [resource, 'one', id],
    queryFn: () => api.get<T>(`/${resource}/${id}`),
    enabled: Boolean(id),
  });
}

/**
 * Everything read from the directory may show the change (counts, names of parents, members),
 * so after any write all directory queries are refreshed; the session is left alone.
 */
export function useInvalidateDirectory() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ predicate: (q) => q.queryKey[0] !== sessionKey[0] });
}

/** POST to create, PATCH when an id is given. */
export function useSaveResource<T extends { id: string }>(resource: Resource, id?: string) {
  const invalidate = useInvalidateDirectory();
  return useMutation({
    mutationFn: (body: Record<string, unknown>) => (id ? api.patch<T>(`/${resource}/${id}`, body) : api.post<T>(`/${resource}`, body)),
    onSuccess: () => invalidate(),
  });
}
