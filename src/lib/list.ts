/**
 * Paging, sorting and text search shared by every list endpoint. Sorting is by a whitelisted column
 * only (the map from API field to SQL expression), always with the id as tie-breaker so that pages
 * never skip or repeat a row.
 */
import { z } from 'zod';

export const listQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  sort: z.string().max(40).optional(),
  q: z.string().trim().max(200).optional(),
});
export type ListQuery = z.infer<typeof listQuery>;

export const page = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int(), limit: z.number().int(), offset: z.number().int() });

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

/** Turns `sort=-name` into `lower(o.name) DESC, o.id DESC` using only the columns named here. */
export function orderBy(sort: string | undefined, columns: Record<string, string>, fallback: string, idColumn: string): string {
  const wanted = sort ?? fallback;
  const desc = wanted.startsWith('-');
  const key = desc ? wanted.slice(1) : wanted;
  const expr = columns[key] ?? columns[fallback.replace(/^-/, '')];
  const dir = desc ? 'DESC' : 'ASC';
  return `${expr} ${dir}, ${idColumn} ${dir}`;
}

export function sortValues(columns: Record<string, string>): string[] {
  return Object.keys(columns).flatMap((k) => [k, `-${k}`]);
}

/** Escapes LIKE wildcards so a search for "50%" finds that text, not everything. */
export function likePattern(q: string | undefined): string | null {
  if (!q) return null;
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * A page from rows that carry the window count (`count(*) OVER ()` as `total`). Past the last page
 * no row is left to carry it, so `recount` fetches the first row of the same query for the total.
 */
export async function pageOf<R extends { total?: number }, T>(
  rows: R[],
  q: { limit: number; offset: number },
  present: (row: R) => T,
  recount: () => Promise<R[]>,
): Promise<Page<T>> {
  const total = rows[0]?.total ?? (q.offset ? ((await recount())[0]?.total ?? 0) : 0);
  return { items: rows.map(present), total, limit: q.limit, offset: q.offset };
}
