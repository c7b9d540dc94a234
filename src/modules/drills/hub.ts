/**
 * Live fan-out to server-sent-event streams, one hub per serve process. The hub LISTENs on
 * `kizuna_drill`; whichever process fired an inject or recorded an answer, every process hears the
 * notification after commit and pushes to its own connections:
 * - players get each inject released to their team (built with a handful of queries per inject,
 *   however many players listen), and short updates about their own team and the clock;
 * - controllers and evaluators get every event of the exercise (national controllers: their
 *   countries' teams only).
 * Signals are handled one at a time, in order. A new stream first replays what the client missed
 * (Last-Event-ID), holding live pushes until the replay is done, so nothing is lost or doubled.
 */
import type { Db } from '../../db/index.js';
import * as deliveries from './deliveries.store.js';
import { DRILL_CHANNEL, type EventView, list as listEvents, presentEvent, type Signal } from './events.js';
import * as exercises from './exercises.store.js';
import { inboxItems } from './inbox.service.js';
import { isoInZone } from './targets.js';

export interface StreamSink {
  /** Writes one SSE message; returns false when the client is gone. */
  send(event: string, data: unknown, id?: number): boolean;
}

export interface PlayerConn {
  kind: 'player';
  exerciseId: string;
  teamId: string;
  timeZone: string;
  sink: StreamSink;
  lastSeq: number;
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
  ready: boolean;
  held: (() => void)[];
}

type Conn = PlayerConn | StaffConn;

export class DrillHub {
  private conns = new Map<string, Set<Conn>>();
  private chain: Promise<void> = Promise.resolve();
  private unlisten?: () => Promise<void>;
  /** Milliseconds from a signal's arrival to the last write it caused (benchmarks read it). */
  lastFanoutMs = 0;

  constructor(private readonly db: Db) {}

  async start(): Promise<void> {
    this.unlisten = await this.db.listen(DRILL_CHANNEL, (payload) => {
      let signal: Signal;
      try {
        signal = JSON.parse(payload) as Signal;
      } catch {
        return;
      }
      if (!this.conns.has(signal.e)) return;
      this.chain = this.chain.then(() => this.handle(signal)).catch(() => {});
    });
  }

  async stop(): Promise<void> {
    await this.unlisten?.();
    this.conns.clear();
  }

  get connectionCount(): number {
    let n = 0;
    for (const set of this.conns.values()) n += set.size;
    return n;
  }

  add(conn: Conn): () => void {
    const set = this.conns.get(conn.exerciseId) ?? new Set<Conn>();
    this.conns.set(conn.exerciseId, set);
    set.add(conn);
    return () => {
      set.delete(conn);
      if (!set.size) this.conns.delete(conn.exerciseId);
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

  private async handle(s: Signal): Promise<void> {
    const set = this.conns.get(s.e);
    if (!set?.size) return;
    const started = performance.now();
    const players = [...set].filter((c): c is PlayerConn => c.kind === 'player');
    const staff = [...set].filter((c): c is StaffConn => c.kind === 'staff');

    if (s.k === 'inject.fired' && s.i && players.length) await this.pushInject(s.e, s.i, players);
    else if (players.length) {
      const update = { kind: s.k, injectId: s.i ?? null };
      for (const c of players) {
        if (!s.t || s.t === c.teamId) this.deliver(c, () => c.sink.send(s.k.startsWith('clock.') ? 'clock' : 'update', update));
      }
    }
    if (staff.length) {
      const [row] = await listEvents(this.db, s.e, { after: s.s - 1, limit: 1 });
      if (row && Number(row.seq) === s.s) {
        const ev: EventView = presentEvent(row);
        for (const c of staff) {
          if (ev.teamId && c.teamIds && !c.teamIds.has(ev.teamId)) continue;
          this.deliver(c, () => {
            if (ev.seq <= c.lastSeq) return;
            c.lastSeq = ev.seq;
            c.sink.send('event', ev, ev.seq);
          });
        }
      }
    }
    this.lastFanoutMs = performance.now() - started;
  }

  private async pushInject(exerciseId: string, injectId: string, players: PlayerConn[]) {
    const teamIds = [...new Set(players.map((c) => c.teamId))];
    const [rows, exercise] = await Promise.all([deliveries.forInject(this.db, injectId, teamIds), exercises.get(this.db, exerciseId)]);
    if (!rows.length || !exercise) return;
    const byTeam = new Map(rows.map((r) => [r.team_id, r]));
    // Built once for all teams (their text was rendered when the inject fired), then put in each team's zone.
    const items = await inboxItems(this.db, exercise, rows[0].team_id, 'UTC', rows, { fresh: true });
    const itemByDelivery = new Map(items.map((it) => [it.deliveryId, it]));
    for (const c of players) {
      const row = byTeam.get(c.teamId);
      const item = row && itemByDelivery.get(row.id);
      if (!row || !item) continue;
      const seq = Number(row.seq);
      this.deliver(c, () => {
        if (seq <= c.lastSeq) return;
        c.lastSeq = seq;
        c.sink.send('inject', localise(item, c.timeZone), seq);
      });
    }
  }
}

/** The same inbox item with its times in another zone. */
function localise<
  T extends {
    dueAt: string;
    releasedAt: string;
    timeZone: string;
    expectations: { deadlineAt: string | null; deadlineAtLocal: string | null }[];
  },
>(item: T, timeZone: string): T {
  return {
    ...item,
    timeZone,
    dueAtLocal: isoInZone(new Date(item.dueAt), timeZone),
    releasedAtLocal: isoInZone(new Date(item.releasedAt), timeZone),
    expectations: item.expectations.map((x) => ({
      ...x,
      deadlineAtLocal: x.deadlineAt ? isoInZone(new Date(x.deadlineAt), timeZone) : null,
    })),
  };
}
