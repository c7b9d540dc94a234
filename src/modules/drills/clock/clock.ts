/**
 * The exercise clock as plain data and pure reducers: no database, no timers, no Date.now().
 * Exercise time E (ms since T+0) is a non-decreasing, piecewise-linear function of wall time.
 * Rules:
 * - Every time is an integer number of epoch ms; a command carries its own `now`, and a command
 *   dated before the previous one is refused, so replaying the same commands gives the same clock.
 * - Rounding only ever makes E smaller (floor), so nothing becomes due early; the due wall time of
 *   an offset is the first integer ms at which the floored E reaches it (see wallTimeFor).
 * - Reducers never mutate their input; a command that does not apply throws a ClockError.
 * - The state is plain JSON, so it can be stored as it is.
 */
import { AppError, type ErrorCode } from '../../../errors.js';

export const clockStatuses = ['scheduled', 'running', 'paused', 'finished', 'cancelled'] as const;
export type ClockStatus = (typeof clockStatuses)[number];

// The lower bound keeps wall times of long offsets finite and safe integers; the upper matches the
// drill_exercises.speed CHECK.
export const MIN_SPEED = 0.01;
export const MAX_SPEED = 10_000;

export interface ClockState {
  readonly status: ClockStatus;
  /** Exercise ms per wall ms. Kept through reset: it is how the controller wants to run, not run state. */
  readonly speed: number;
  /** Wall time of T+0 (the start command). */
  readonly startedAt?: number;
  /**
   * While running, E(wall) = anchorExercise + floor((wall - anchorWall) * speed). anchorWall is
   * where the current line passes anchorExercise with the pauses since taken out: resume moves it
   * later by the pause length instead of re-anchoring at the frozen E, because the frozen E would
   * have to be rounded, and then a pause of d ms would shift later injects by d plus up to a
   * 1/speed rounding error instead of exactly d. Only a speed change re-anchors (and rounds).
   * After finish/cancel: the end point, with anchorExercise the final exercise time.
   */
  readonly anchorWall?: number;
  readonly anchorExercise?: number;
  /** Wall time of the pause in progress; E is frozen at its value there. */
  readonly pausedAt?: number;
  /** Wall ms spent in completed pauses (and the final one, once ended), for reports. */
  readonly pausedMs?: number;
  /** Wall time of finish or cancel. */
  readonly endedAt?: number;
  /** Wall time of the last command: commands may not go back before it. */
  readonly changedAt?: number;
}

export const clockErrorCodes = ['invalid_transition', 'invalid_speed', 'invalid_time', 'invalid_offset', 'inject_not_pending'] as const;
export type ClockErrorCode = (typeof clockErrorCodes)[number];

// A wrong state is a 409 (someone else moved the clock first); bad numbers are the caller's input.
const httpCode: Record<ClockErrorCode, ErrorCode> = {
  invalid_transition: 'conflict',
  inject_not_pending: 'conflict',
  invalid_time: 'conflict',
  invalid_speed: 'validation_failed',
  invalid_offset: 'validation_failed',
};

/** An AppError, so the HTTP layer maps it without help; `reason` says which clock rule refused. */
export class ClockError extends AppError {
  constructor(
    readonly reason: ClockErrorCode,
    message: string,
    details?: Record<string, unknown>,
  ) {
    super(httpCode[reason], message, { reason, ...details });
    this.name = 'ClockError';
  }
}

export function initialClock(speed = 1): ClockState {
  checkSpeed(speed);
  return { status: 'scheduled', speed };
}

export function start(state: ClockState, now: number): ClockState {
  expectStatus(state, 'start', ['scheduled']);
  checkNow(state, now);
  return { status: 'running', speed: state.speed, startedAt: now, anchorWall: now, anchorExercise: 0, pausedMs: 0, changedAt: now };
}

export function pause(state: ClockState, now: number): ClockState {
  expectStatus(state, 'pause', ['running']);
  checkNow(state, now);
  return { ...started(state), status: 'paused', pausedAt: now, changedAt: now };
}

export function resume(state: ClockState, now: number): ClockState {
  expectStatus(state, 'resume', ['paused']);
  checkNow(state, now);
  const paused = now - state.pausedAt!;
  return {
    ...started(state),
    status: 'running',
    anchorWall: state.anchorWall! + paused,
    pausedMs: (state.pausedMs ?? 0) + paused,
    changedAt: now,
  };
}

export function setSpeed(state: ClockState, now: number, speed: number): ClockState {
  expectStatus(state, 'setSpeed', ['scheduled', 'running', 'paused']);
  checkNow(state, now);
  checkSpeed(speed);
  if (state.status === 'scheduled') return { status: 'scheduled', speed };
  // The same speed again must not re-anchor: re-anchoring rounds, and a no-op should move nothing.
  if (speed === state.speed) return { ...state, changedAt: now };
  // A paused clock re-anchors at its pause point, so that resume's shift still lands on "now".
  const at = state.status === 'paused' ? state.pausedAt! : now;
  return { ...state, speed, anchorWall: at, anchorExercise: lineAt(state, at), changedAt: now };
}

export function finish(state: ClockState, now: number): ClockState {
  expectStatus(state, 'finish', ['running', 'paused']);
  checkNow(state, now);
  return ended(state, 'finished', now);
}

export function cancel(state: ClockState, now: number): ClockState {
  expectStatus(state, 'cancel', ['scheduled', 'running', 'paused']);
  checkNow(state, now);
  if (state.status === 'scheduled') return { status: 'cancelled', speed: state.speed, endedAt: now, changedAt: now };
  return ended(state, 'cancelled', now);
}

/** Back to scheduled from any state. The injects' run state is the caller's to reset (resetInject). */
export function reset(state: ClockState): ClockState {
  return { status: 'scheduled', speed: state.speed };
}

/**
 * Exercise ms at a wall time. 0 before the start; frozen while paused and after the end. For a
 * wall time before the last command it answers as of that command: one line cannot describe
 * the past, and E is non-decreasing, so this never says a moment is later than it was.
 */
export function exerciseTimeAt(state: ClockState, wallMs: number): number {
  switch (state.status) {
    case 'scheduled':
      return 0;
    case 'running':
      return lineAt(state, Math.max(wallMs, state.changedAt!));
    case 'paused':
      return lineAt(state, state.pausedAt!);
    case 'finished':
    case 'cancelled':
      return state.anchorExercise ?? 0;
  }
}

/**
 * The first wall ms at which exerciseTimeAt reaches `exerciseMs`, not earlier than the last
 * command (an offset already passed is due "since then"). Null unless running: a paused or
 * stopped clock has no future time to schedule at.
 */
export function wallTimeFor(state: ClockState, exerciseMs: number): number | null {
  if (state.status !== 'running') return null;
  const from = state.changedAt!;
  if (lineAt(state, from) >= exerciseMs) return from;
  // Division and floor(multiplication) can disagree in the last bit; settle on the exact first
  // integer ms by the same formula exerciseTimeAt uses. Either loop runs at most a step or two.
  let wall = Math.max(from + 1, state.anchorWall! + Math.ceil((exerciseMs - state.anchorExercise!) / state.speed));
  while (lineAt(state, wall) < exerciseMs) wall++;
  while (wall - 1 > from && lineAt(state, wall - 1) >= exerciseMs) wall--;
  return wall;
}

function lineAt(state: ClockState, wallMs: number): number {
  return state.anchorExercise! + Math.floor((wallMs - state.anchorWall!) * state.speed);
}

function ended(state: ClockState, status: 'finished' | 'cancelled', now: number): ClockState {
  const finalPause = state.status === 'paused' ? now - state.pausedAt! : 0;
  return {
    status,
    speed: state.speed,
    startedAt: state.startedAt!,
    anchorWall: now,
    anchorExercise: exerciseTimeAt(state, now),
    pausedMs: (state.pausedMs ?? 0) + finalPause,
    endedAt: now,
    changedAt: now,
  };
}

// The fields of a started clock without the pause, so that resume drops pausedAt rather than
// leaving an `undefined` key behind in stored JSON.
function started(state: ClockState): ClockState {
  return {
    status: state.status,
    speed: state.speed,
    startedAt: state.startedAt!,
    anchorWall: state.anchorWall!,
    anchorExercise: state.anchorExercise!,
    pausedMs: state.pausedMs ?? 0,
    changedAt: state.changedAt!,
  };
}

export function expectStatus(state: ClockState, command: string, allowed: readonly ClockStatus[]): void {
  if (!allowed.includes(state.status)) {
    throw new ClockError('invalid_transition', `Cannot ${command} an exercise that is ${state.status}`, {
      status: state.status,
      command,
    });
  }
}

export function checkNow(state: ClockState, now: number): void {
  if (!Number.isSafeInteger(now)) throw new ClockError('invalid_time', `Time must be an integer number of ms, got ${now}`, { now });
  if (state.changedAt !== undefined && now < state.changedAt) {
    throw new ClockError('invalid_time', 'The clock was changed after this moment; try again', { now, changedAt: state.changedAt });
  }
}

function checkSpeed(speed: number): void {
  if (!Number.isFinite(speed) || speed < MIN_SPEED || speed > MAX_SPEED) {
    throw new ClockError('invalid_speed', `Speed must be between ${MIN_SPEED} and ${MAX_SPEED}`, { speed });
  }
}
