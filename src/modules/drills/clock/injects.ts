/**
 * Which injects are due on an exercise clock, and the controller's live operations on one inject
 * (fire now, skip, add live). Pure, like the clock. Rules:
 * - Only a pending inject ever becomes due; fired and skipped are final until a reset.
 * - By offset, an inject is due only while the clock runs, once E(now) >= offsetMs.
 * - A fired-now inject is due from its forcedAt on, while the clock runs or is paused: a
 *   controller may push a message during a hold. Once finished or cancelled nothing is due.
 * - Functions are generic over the caller's inject rows and return them with their own fields kept.
 */
import { type ClockState, ClockError, checkNow, exerciseTimeAt, expectStatus, wallTimeFor } from './clock.js';

export const injectStates = ['pending', 'fired', 'skipped'] as const;
export type InjectState = (typeof injectStates)[number];

export interface ClockInject {
  readonly id: string;
  /** Exercise ms after T+0. */
  readonly offsetMs: number;
  readonly state: InjectState;
  /** Wall time of a fire-now: due from then on, whatever its offset. */
  readonly forcedAt?: number;
}

/** Where a live inject goes: at an absolute T+offset, or `afterMs` exercise ms from now. */
export type LiveTiming = { readonly offsetMs: number } | { readonly afterMs: number };

export function isDue(clock: ClockState, inject: ClockInject, wallNow: number): boolean {
  if (inject.state !== 'pending') return false;
  if (inject.forcedAt !== undefined && inject.forcedAt <= wallNow && (clock.status === 'running' || clock.status === 'paused')) return true;
  return clock.status === 'running' && exerciseTimeAt(clock, wallNow) >= inject.offsetMs;
}

/** True when the inject is due only because it was fired now (its offset has not been reached). */
export function isForcedOnly(clock: ClockState, inject: ClockInject, wallNow: number): boolean {
  return isDue(clock, inject, wallNow) && !(clock.status === 'running' && exerciseTimeAt(clock, wallNow) >= inject.offsetMs);
}

/** Pending injects due at `wallNow`, by offset then id (ids compared by code unit, not locale). */
export function dueInjects<T extends ClockInject>(clock: ClockState, injects: readonly T[], wallNow: number): T[] {
  return injects.filter((inject) => isDue(clock, inject, wallNow)).sort(byOffsetThenId);
}

/**
 * When a pending inject becomes due under the clock as it is now: the earlier of its forcedAt and
 * its offset's wall time; null if nothing short of a clock command will make it due. A worker
 * sleeps until the smallest of these (nextDueWall) or the next clock change, whichever is first.
 */
export function dueWallTime(clock: ClockState, inject: ClockInject): number | null {
  if (inject.state !== 'pending') return null;
  const forced = inject.forcedAt !== undefined && (clock.status === 'running' || clock.status === 'paused') ? inject.forcedAt : null;
  const byOffset = wallTimeFor(clock, inject.offsetMs);
  if (forced === null) return byOffset;
  return byOffset === null ? forced : Math.min(forced, byOffset);
}

export function nextDueWall(clock: ClockState, injects: readonly ClockInject[]): number | null {
  let next: number | null = null;
  for (const inject of injects) {
    const due = dueWallTime(clock, inject);
    if (due !== null && (next === null || due < next)) next = due;
  }
  return next;
}

/** Fire a pending inject at the first chance from `now` on. Firing again keeps the first time. */
export function fireNow<T extends ClockInject>(clock: ClockState, inject: T, now: number): T {
  expectStatus(clock, 'fire an inject in', ['running', 'paused']);
  checkNow(clock, now);
  expectPending(inject, 'fire');
  return { ...inject, forcedAt: inject.forcedAt === undefined ? now : Math.min(inject.forcedAt, now) };
}

/** A skipped inject never fires; it needs no clock, so a controller may skip while planning. */
export function skip<T extends ClockInject>(inject: T): T {
  expectPending(inject, 'skip');
  return { ...inject, state: 'skipped' };
}

export function markFired<T extends ClockInject>(inject: T): T {
  expectPending(inject, 'fire');
  return { ...inject, state: 'fired' };
}

/** Back to pending with the fire-now cleared, for a reset exercise. */
export function resetInject<T extends ClockInject>(inject: T): T {
  const { forcedAt: _dropped, ...rest } = inject;
  return { ...rest, state: 'pending' } as T;
}

/**
 * A new pending inject. Relative timing needs a started clock (there is no "now" in exercise time
 * before T+0); an absolute offset already passed makes the inject due at once while running.
 */
export function addLive(clock: ClockState, id: string, timing: LiveTiming, now: number): ClockInject {
  expectStatus(clock, 'add an inject to', 'afterMs' in timing ? ['running', 'paused'] : ['scheduled', 'running', 'paused']);
  checkNow(clock, now);
  const amount = 'afterMs' in timing ? timing.afterMs : timing.offsetMs;
  if (!Number.isSafeInteger(amount) || amount < 0) {
    throw new ClockError('invalid_offset', 'An inject offset must be a whole number of ms, zero or more', { timing });
  }
  const offsetMs = 'afterMs' in timing ? exerciseTimeAt(clock, now) + timing.afterMs : timing.offsetMs;
  return { id, offsetMs, state: 'pending' };
}

function expectPending(inject: ClockInject, action: string): void {
  if (inject.state !== 'pending') {
    throw new ClockError('inject_not_pending', `Cannot ${action} inject ${inject.id}: it is ${inject.state}`, {
      injectId: inject.id,
      state: inject.state,
    });
  }
}

function byOffsetThenId(a: ClockInject, b: ClockInject): number {
  if (a.offsetMs !== b.offsetMs) return a.offsetMs - b.offsetMs;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
