import { useSearchParams } from 'react-router';
import { pageSizes } from '../../ui/ListFooter';

type Control = 'q' | 'sort' | 'page' | 'size';

/**
 * A list's search, filters, sort and page live in the URL, so a filtered view can be bookmarked
 * or sent to a colleague, and Back returns to it.
 */
export function useListParams<F extends string>(filterKeys: readonly F[], defaultSort: string) {
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const sort = params.get('sort') ?? defaultSort;
  const page = Math.max(1, Number(params.get('page')) || 1);
  const wantedSize = Number(params.get('size'));
  const size = (pageSizes as readonly number[]).includes(wantedSize) ? wantedSize : pageSizes[0];
  const filters = Object.fromEntries(filterKeys.map((k) => [k, params.get(k) ?? ''])) as Record<F, string>;

  function update(patch: Partial<Record<Control | F, string | number | null>>) {
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [key, value] of Object.entries(patch)) {
          if (value === null || value === undefined || value === '' || (key === 'sort' && value === defaultSort)) next.delete(key);
          else next.set(key, String(value));
        }
        // A new search, filter or sort starts again at the first page.
        if (!('page' in patch)) next.delete('page');
        return next;
      },
      { replace: true },
    );
  }

  const apiQuery: Record<string, string | number> = { sort, limit: size, offset: (page - 1) * size };
  if (q) apiQuery.q = q;
  for (const key of filterKeys) if (filters[key]) apiQuery[key] = filters[key];

  return { q, sort, page, size, filters, update, apiQuery };
}

export type ListParams<F extends string = string> = ReturnType<typeof useListParams<F>>;
