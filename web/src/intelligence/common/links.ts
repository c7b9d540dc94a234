import type { ApiRoot } from '../../api/intel';

/** Where an object's page is; exercise objects carry their API root so the page asks for drill data. */
export const objectLink = (id: string, apiRoot: ApiRoot = 'real') =>
  `/intelligence/objects/${encodeURIComponent(id)}${apiRoot === 'exercise' ? '?root=exercise' : ''}`;

export const createLink = (kind: 'indicator' | 'report' | 'sighting' | 'misinformation', query?: Record<string, string>) =>
  `/intelligence/objects/new/${kind}${query ? `?${new URLSearchParams(query)}` : ''}`;
