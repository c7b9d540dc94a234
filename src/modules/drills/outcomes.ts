/**
 * Where one team stands on one expectation. Pure, shared by the board, the inbox and inject
 * conditions so that all three agree. Deadlines are in exercise time: an answer at exercise time
 * t meets an expectation of an inject fired at f with deadline d when t <= f + d, is late after.
 * Undecided expectations become "missed" once the deadline has passed or the exercise ended.
 * Scores: met earns the full score, late half (rounded down), missed nothing; an evaluator's
 * verdict on a manual expectation sets its own score.
 */

export const cellStatuses = ['scheduled', 'pending', 'met', 'late', 'missed'] as const;
export type CellStatus = (typeof cellStatuses)[number];

export interface CellFacts {
  /** Exercise ms at which the inject reached this team; null when it has not (yet). */
  firedMs: number | null;
  deadlineMs: number;
  /** The decided evaluation, if any. */
  decided?: { status: 'met' | 'late' | 'missed'; score: number } | null;
  /** The exercise's current time, and whether it has ended (finished or cancelled). */
  nowMs: number;
  ended: boolean;
}

export function cellStatus(f: CellFacts): CellStatus {
  if (f.decided) return f.decided.status;
  if (f.firedMs === null) return 'scheduled';
  if (f.ended || f.nowMs > f.firedMs + f.deadlineMs) return 'missed';
  return 'pending';
}

export function statusAt(firedMs: number, deadlineMs: number, answeredMs: number): 'met' | 'late' {
  return answeredMs <= firedMs + deadlineMs ? 'met' : 'late';
}

export function scoreFor(status: 'met' | 'late' | 'missed', max: number): number {
  return status === 'met' ? max : status === 'late' ? Math.floor(max / 2) : 0;
}

/** The condition outcome an inject waits for, per team: met counts answers on time and late ones. */
export function conditionHolds(on: 'fired' | 'met' | 'missed', reached: boolean, status: CellStatus): boolean {
  if (!reached) return false;
  if (on === 'fired') return true;
  if (on === 'met') return status === 'met' || status === 'late';
  return status === 'missed';
}
