/**
 * Live fan-out to server-sent-event streams, one hub per serve process. The hub LISTENs on
 * `kizuna_drill`; whichever process fired an inject or recorded an answer, every process hears the
 * notification after commit and pushes to its own connections:
 * - players get each inject released to their team, and short updates about their own team and
 *   the clock;
 * - controllers and evaluators get every event of the exercise (national controllers: their
 *   countries' teams only).
 * Signals are handled in order, in batches: whatever arrived while the previous batch was being
 * pushed is read with one query per kind for the whole batch (a worker firing a burst of injects
 * would otherwise queue a few queries per inject behind each other), and each message is
 * serialised once per team and time zone, then written to every connection that shares it.
 * A new stream first replays what the client missed (Last-Event-ID), holding live pushes until the
 * replay is done, so nothing is lost or doubled.
 */
import type { Db } from '../../db/index.js';
import * as deliveries from './deliveries.store.js';
import { DRILL_CHANNEL, type EventView, list as listEvents, presentEvent, type Signal } from './events.js';
import * as exercises from './exercises.store.js';
import { inboxItems } from './inbox.service.js';
import { isoInZone } from './targets.js';

export interface StreamSink {
  /** Writes one framed SSE message (see `sseFrame`); returns false when the client is gone. */
  write(frame: string): boolean;
}

/** One SSE message, serialised once however many connections it goes to. */
export function sseFrame(event: string, data: unknown, id?: number): string {
  return `${id !== undefined ? `id: ${id}\n` : ''}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

export interface PlayerConn {
  kind: 'player';
  exerciseId: string;
  teamId: string;
  timeZone: string;
  sink: StreamSink;
  lastSeq: number;
  /** Seqs this connection has been sent (see `firstSend`). */
  sent: Set<number>;
  ready: boolean;
  held: (() => void)[];
}

export interface StaffConn {
  kind: 'staff';
  exerciseId: string;
  /** Teams this viewer may see (null: all). */
  teamIds: Set<string> | null;
  sink: StreamSink;
  lastSeq: number;
  sent: Set<number>;
  ready: boolean;
  held: (() => void)[];
}

type Conn = PlayerConn | StaffConn;

/**
 * Whether `seq` is new to this connection, marking it sent. Seqs are handed out before commit, so
 * two transactions may commit out of order: a push below the highest seq sent is still news (a
 * "highest seq" check alone would drop it), while one already sent by the catch-up is not repeated.
 */
export function firstSend(c: Conn, seq: number): boolean {
  if (c.sent.has(seq)) return false;
  c.sent.add(seq);
  if (seq > c.lastSeq) c.lastSeq = seq;
  return true;
}

/** The connections watching one exercise, players by team so a team's push never scans the others. */
interface Room {
  players: Map<string, Set<PlayerConn>>;
  staff: Set<StaffConn>;
}

/** An inject's message for one team, by the time zone of the connections that receive it. */
interface TeamPush {
  seq: number;
  build(timeZone: string): string;
}

/** Staff events are read by seq range; a range wider than this is split (other exercises' events fill the gaps). */
const EVENT_SPAN = 1000;

export class DrillHub {
  private rooms = new Map<string, Room>();
  private queue: Signal[] = [];
  private draining = false;
  private unlisten?: () => Promise<void>;
  /** Milliseconds from a batch's start to the last write it caused (benchmarks read it). */
  lastFanoutMs = 0;

  constructor(
    private readonly db: Db,
    private readonly onError: (err: unknown) => void = () => {},
  ) {}

  async start(): Promise<void> {
    this.unlisten = await this.db.listen(DRILL_CHANNEL, (payload) => {
      let signal: Signal;
      try {
        signal = JSON.parse(payload) as Signal;
      } catch {
        return;
      }
      if (!this.rooms.has(signal.e)) return;
      this.queue.push(signal);
      if (!this.draining) void this.drain();
    });
  }

  async stop(): Promise<void> {
    await this.unlisten?.();
    this.rooms.clear();
    this.queue = [];
  }

  get connectionCount(): number {
    let n = 0;
    for (const room of this.rooms.values()) {
      n += room.staff.size;
      for (const set of room.players.values()) n += set.size;
    }
    return n;
  }

  add(conn: Conn): () => void {
    let room = this.rooms.get(conn.exerciseId);
    if (!room) {
      room = { players: new Map(), staff: new Set() };
      this.rooms.set(conn.exerciseId, room);
    }
    const r = room;
    if (conn.kind === 'staff') r.staff.add(conn);
    else {
      const team = r.players.get(conn.teamId) ?? new Set<PlayerConn>();
      r.players.set(conn.teamId, team);
      team.add(conn);
    }
    return () => {
      if (conn.kind === 'staff') r.staff.delete(conn);
      else {
        const team = r.players.get(conn.teamId);
        team?.delete(conn);
        if (team && !team.size) r.players.delete(conn.teamId);
      }
      if (!r.staff.size && !r.players.size && this.rooms.get(conn.exerciseId) === r) this.rooms.delete(conn.exerciseId);
    };
  }

  /** Runs `push` now, or after the connection's replay has finished. */
  private deliver(conn: Conn, push: () => void) {
    if (conn.ready) push();
    else conn.held.push(push);
  }

  /** Marks a connection live after its replay, flushing what arrived meanwhile. */
  markReady(conn: Conn) {
    conn.ready = true;
    for (const push of conn.held.splice(0)) push();
  }

  /** Handles everything queued, one batch at a time; signals that arrive meanwhile form the next batch. */
  private async drain(): Promise<void> {
    this.draining = true;
    try {
      while (this.queue.length) {
        const batch = this.queue.splice(0);
        try {
          await this.handle(batch);
        } catch (err) {
          this.onError(err);
        }
      }
    } finally {
      this.draining = false;
    }
  }

  private async handle(batch: Signal[]): Promise<void> {
    const started = performance.now();
    const byExercise = new Map<string, Signal[]>();
    for (const s of batch) {
      const list = byExercise.get(s.e) ?? [];
      list.push(s);
      byExercise.set(s.e, list);
    }
    for (const [exerciseId, signals] of byExercise) {
      const room = this.rooms.get(exerciseId);
      if (!room) continue;
      const [pushes, events] = await Promise.all([
        room.players.size ? this.injectPushes(exerciseId, signals, room) : new Map<string, Map<string, TeamPush>>(),
        room.staff.size ? this.staffEvents(exerciseId, signals) : new Map<number, EventView>(),
      ]);
      for (const s of signals) {
        this.pushToPlayers(room, s, pushes);
        const ev = events.get(s.s);
        if (ev) this.pushToStaff(room, ev);
      }
    }
    this.lastFanoutMs = performance.now() - started;
  }

  private pushToPlayers(room: Room, s: Signal, pushes: Map<string, Map<string, TeamPush>>) {
    if (s.k === 'inject.fired' && s.i) {
      for (const [teamId, push] of pushes.get(s.i) ?? []) {
        for (const c of room.players.get(teamId) ?? []) {
          this.deliver(c, () => {
            if (!firstSend(c, push.seq)) return;
            c.sink.write(push.build(c.timeZone));
          });
        }
      }
      return;
    }
    const frame = sseFrame(s.k.startsWith('clock.') ? 'clock' : 'update', { kind: s.k, injectId: s.i ?? null });
    const teams = s.t ? [room.players.get(s.t) ?? new Set<PlayerConn>()] : room.players.values();
    for (const team of teams) for (const c of team) this.deliver(c, () => c.sink.write(frame));
  }

  private pushToStaff(room: Room, ev: EventView) {
    let frame: string | undefined;
    for (const c of room.staff) {
      if (ev.teamId && c.teamIds && !c.teamIds.has(ev.teamId)) continue;
      this.deliver(c, () => {
        if (!firstSend(c, ev.seq)) return;
        frame ??= sseFrame('event', ev, ev.seq);
        c.sink.write(frame);
      });
    }
  }

  /** The batch's events, read by seq range (a few queries however many signals), by seq. */
  private async staffEvents(exerciseId: string, signals: Signal[]): Promise<Map<number, EventView>> {
    const wanted = new Set(signals.map((s) => s.s));
    const seqs = [...wanted].sort((a, b) => a - b);
    const out = new Map<number, EventView>();
    for (let i = 0; i < seqs.length; ) {
      let j = i;
      while (j + 1 < seqs.length && seqs[j + 1] - seqs[i] < EVENT_SPAN) j++;
      const rows = await listEvents(this.db, exerciseId, { after: seqs[i] - 1, limit: seqs[j] - seqs[i] + 1 });
      for (const row of rows) {
        const seq = Number(row.seq);
        if (seq > seqs[j]) break;
        if (wanted.has(seq)) out.set(seq, presentEvent(row));
      }
      i = j + 1;
    }
    return out;
  }

  /**
   * What the batch's fired injects bring each listening team: inject → team → push. Three queries
   * for the batch: the deliveries, the exercise, and the inject-level part of the inbox items.
   */
  private async injectPushes(exerciseId: string, signals: Signal[], room: Room): Promise<Map<string, Map<string, TeamPush>>> {
    const out = new Map<string, Map<string, TeamPush>>();
    const injectIds = [...new Set(signals.filter((s) => s.k === 'inject.fired' && s.i).map((s) => s.i as string))];
    if (!injectIds.length) return out;
    const [rows, exercise] = await Promise.all([
      deliveries.forInjects(this.db, injectIds, [...room.players.keys()]),
      exercises.get(this.db, exerciseId),
    ]);
    if (!rows.length || !exercise) return out;
    // Everything in an inbox item but the delivery itself belongs to the inject (the text was
    // rendered per team when it fired): one item per inject, from any of its deliveries, is enough.
    const firstOfInject = new Map<string, deliveries.DeliveryRow>();
    for (const r of rows) if (!firstOfInject.has(r.inject_id)) firstOfInject.set(r.inject_id, r);
    const items = await inboxItems(this.db, exercise, rows[0].team_id, 'UTC', [...firstOfInject.values()], { fresh: true });
    const itemOfInject = new Map(items.map((it) => [it.injectId, it]));
    const zoned = zonedTimes();
    for (const row of rows) {
      const base = itemOfInject.get(row.inject_id);
      if (!base) continue;
      const seq = Number(row.seq);
      const item = {
        ...base,
        deliveryId: row.id,
        seq,
        title: row.title,
        content: row.content,
        deliveryState: row.state,
        dueAt: new Date(row.due_at).toISOString(),
        releasedAt: new Date(row.delivered_at ?? row.created_at).toISOString(),
      };
      const frames = new Map<string, string>();
      const push: TeamPush = {
        seq,
        build(timeZone) {
          let frame = frames.get(timeZone);
          if (frame === undefined) {
            frame = sseFrame('inject', localise(item, timeZone, zoned), seq);
            frames.set(timeZone, frame);
          }
          return frame;
        },
      };
      const perTeam = out.get(row.inject_id) ?? new Map<string, TeamPush>();
      perTeam.set(row.team_id, push);
      out.set(row.inject_id, perTeam);
    }
    return out;
  }
}

/**
 * isoInZone, remembered for one batch: formatting a time in a zone builds an Intl formatter, which
 * costs far more than the rest of a push, and a burst repeats the same few seconds and zones. The
 * zone's offset does not change within a second, so one formatting per second serves every
 * millisecond in it.
 */
function zonedTimes(): (iso: string, timeZone: string) => string {
  const memo = new Map<string, string>();
  return (iso, timeZone) => {
    const ms = Date.parse(iso);
    const second = Math.floor(ms / 1000) * 1000;
    const key = `${second}|${timeZone}`;
    let whole = memo.get(key);
    if (whole === undefined) {
      whole = isoInZone(new Date(second), timeZone);
      memo.set(key, whole);
    }
    // "…T21:03:20.000+07:00" → "…T21:03:20.123+07:00"
    const dot = whole.indexOf('.', 19);
    return `${whole.slice(0, dot + 1)}${String(ms - second).padStart(3, '0')}${whole.slice(dot + 4)}`;
  };
}

/** The same inbox item with its times in another zone. */
function localise<
  T extends {
    dueAt: string;
    releasedAt: string;
    timeZone: string;
    expectations: { deadlineAt: string | null; deadlineAtLocal: string | null }[];
  },
>(item: T, timeZone: string, zoned: (iso: string, timeZone: string) => string): T {
  return {
    ...item,
    timeZone,
    dueAtLocal: zoned(item.dueAt, timeZone),
    releasedAtLocal: zoned(item.releasedAt, timeZone),
    expectations: item.expectations.map((x) => ({
      ...x,
      deadlineAtLocal: x.deadlineAt ? zoned(x.deadlineAt, timeZone) : null,
    })),
  };
}
