import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { controlStreamUrl, type DrillEvent, drillsApi, drillsKey, type Inbox, type InboxItem, streamUrl } from '../api/drills';
import { useUser } from '../auth/SessionContext';

export const exerciseKey = (id: string) => [drillsKey, 'exercise', id] as const;

export function useExercises() {
  return useQuery({ queryKey: [drillsKey, 'exercises'], queryFn: drillsApi.exercises });
}

export function useScenarios() {
  return useQuery({ queryKey: [drillsKey, 'scenarios'], queryFn: drillsApi.scenarios, staleTime: 5 * 60_000 });
}

export function useExercise(id: string) {
  return useQuery({ queryKey: [...exerciseKey(id), 'detail'], queryFn: () => drillsApi.exercise(id) });
}

export function useTeams(id: string) {
  return useQuery({ queryKey: [...exerciseKey(id), 'teams'], queryFn: () => drillsApi.teams(id) });
}

export function useInbox(id: string, teamId?: string) {
  return useQuery({
    queryKey: [...exerciseKey(id), 'inbox', teamId ?? 'mine'],
    queryFn: () => drillsApi.inbox(id, teamId),
    enabled: teamId !== '',
  });
}

/** Refreshes everything shown about one exercise (after a command, or when the control stream says so). */
export function useInvalidateExercise(id: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: exerciseKey(id) });
}

/** Who should be offered the controller's pages: the server decides per exercise, this only hides links. */
export function useIsStaff() {
  const user = useUser();
  return user.nodeAdmin || user.memberships.some((m) => m.role === 'controller' || m.role === 'evaluator');
}

export type StreamState = 'connecting' | 'live' | 'closed';

/**
 * The player's live inbox: the stream replays what this page has not seen (from the newest item it
 * holds) and then pushes each inject as it is released; updates about the team or the clock refetch
 * the inbox, since they change statuses the stream does not carry.
 */
export function usePlayerStream(id: string, teamId: string | undefined, inbox: Inbox | undefined) {
  const queryClient = useQueryClient();
  const [state, setState] = useState<StreamState>('connecting');
  const lastSeq = useRef(0);
  const loaded = inbox !== undefined;
  if (inbox) lastSeq.current = Math.max(lastSeq.current, ...inbox.items.map((i) => i.seq));

  useEffect(() => {
    if (!loaded || teamId === '') return;
    const key = [...exerciseKey(id), 'inbox', teamId ?? 'mine'];
    const url = new URL(streamUrl(id, teamId), window.location.origin);
    if (lastSeq.current) url.searchParams.set('lastEventId', String(lastSeq.current));
    const source = new EventSource(url.pathname + url.search);
    const refetch = throttle(() => void queryClient.invalidateQueries({ queryKey: exerciseKey(id) }), 400);
    source.addEventListener('ready', () => setState('live'));
    source.addEventListener('inject', (e) => {
      const item = JSON.parse((e as MessageEvent<string>).data) as InboxItem;
      lastSeq.current = Math.max(lastSeq.current, item.seq);
      queryClient.setQueryData<Inbox>(key, (old) => (old ? { ...old, items: mergeItem(old.items, item) } : old));
    });
    source.addEventListener('update', refetch);
    source.addEventListener('clock', refetch);
    source.onerror = () => setState(source.readyState === EventSource.CLOSED ? 'closed' : 'connecting');
    return () => source.close();
  }, [id, teamId, loaded, queryClient]);
  return state;
}

function mergeItem(items: InboxItem[], item: InboxItem): InboxItem[] {
  const rest = items.filter((i) => i.deliveryId !== item.deliveryId);
  return [item, ...rest].sort((a, b) => b.seq - a.seq);
}

/**
 * The controllers' live log: every event of the exercise, replayed then pushed. Each event also
 * refreshes the board, timeline, queue and deliveries (throttled: a busy minute of a drill brings
 * hundreds of events, and one refetch covers them all).
 */
export function useControlStream(id: string, max = 500) {
  const queryClient = useQueryClient();
  const [events, setEvents] = useState<DrillEvent[]>([]);
  const [state, setState] = useState<StreamState>('connecting');

  useEffect(() => {
    setEvents([]);
    const source = new EventSource(controlStreamUrl(id));
    let ready = false;
    const refresh = throttle(() => void queryClient.invalidateQueries({ queryKey: exerciseKey(id) }), 500);
    source.addEventListener('ready', () => {
      ready = true;
      setState('live');
      refresh();
    });
    source.addEventListener('event', (e) => {
      const ev = JSON.parse((e as MessageEvent<string>).data) as DrillEvent;
      setEvents((old) => (old.some((o) => o.seq === ev.seq) ? old : [ev, ...old].slice(0, max)));
      if (ready) refresh();
    });
    source.onerror = () => setState(source.readyState === EventSource.CLOSED ? 'closed' : 'connecting');
    return () => source.close();
  }, [id, max, queryClient]);
  return { events, state };
}

/** Runs fn at most once per `ms`, always once more after the last call. */
function throttle(fn: () => void, ms: number): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let last = 0;
  return () => {
    if (timer) return;
    const wait = Math.max(0, last + ms - Date.now());
    timer = setTimeout(() => {
      timer = null;
      last = Date.now();
      fn();
    }, wait);
  };
}
