/**
 * A model of the clock worker, for tests and for rehearsing a schedule: apply time-ordered
 * controller commands and, between them, poll every `tickMs` on a fixed grid, firing what
 * dueInjects returns. Pure and deterministic. Rules it models, which the real engine must share:
 * - Settle around every command: fire what is due just before the command (under the old clock)
 *   and just after it (under the new one), at the command's own wall time. So a pause, finish,
 *   cancel or skip never swallows an inject whose time had already come but which no poll had
 *   seen yet, and a fire-now or a resume delivers at once rather than at the next poll.
 * - A command that does not apply is recorded as rejected and changes nothing, like a 409.
 */
import {
  type ClockState,
  ClockError,
  cancel,
  exerciseTimeAt,
  finish,
  initialClock,
  pause,
  reset,
  resume,
  setSpeed,
  start,
} from './clock.js';
import {
  type ClockInject,
  type LiveTiming,
  addLive,
  dueInjects,
  fireNow,
  isForcedOnly,
  markFired,
  nextDueWall,
  resetInject,
  skip,
} from './injects.js';

export type ClockCommand =
  | { readonly type: 'start' | 'pause' | 'resume' | 'finish' | 'cancel' | 'reset'; readonly at: number }
  | { readonly type: 'setSpeed'; readonly at: number; readonly speed: number }
  | { readonly type: 'fireNow' | 'skip'; readonly at: number; readonly injectId: string }
  | { readonly type: 'addLive'; readonly at: number; readonly injectId: string; readonly timing: LiveTiming };

export interface FireRecord {
  readonly injectId: string;
  readonly firedAtWall: number;
  readonly exerciseTimeAtFire: number;
  /** Fired because of a fire-now before its offset was reached. */
  readonly forced: boolean;
}

export interface SimulateOptions {
  readonly tickMs: number;
  /** Where the poll grid starts (polls at from + k * tickMs); default: the first command's time. */
  readonly from?: number;
  /** Last wall ms simulated; default: until nothing more can fire without another command. */
  readonly until?: number;
  readonly clock?: ClockState;
  /**
   * Jump straight to the first poll at which something is due instead of visiting every idle
   * poll. The result is the same by construction (nothing changes between commands, and
   * nextDueWall is exact); false exists so that a test can check exactly that.
   */
  readonly skipIdlePolls?: boolean;
  /** Guard against a runaway loop in the tick-by-tick mode. */
  readonly maxPolls?: number;
}

export interface SimulationResult {
  readonly clock: ClockState;
  readonly injects: ClockInject[];
  readonly fires: FireRecord[];
  readonly rejected: { readonly command: ClockCommand; readonly error: ClockError }[];
  readonly polls: number;
}

/** One command on the clock and the injects; throws ClockError when it does not apply. */
export function applyCommand(
  clock: ClockState,
  injects: readonly ClockInject[],
  command: ClockCommand,
): { clock: ClockState; injects: ClockInject[] } {
  const at = command.at;
  switch (command.type) {
    case 'start':
      return { clock: start(clock, at), injects: [...injects] };
    case 'pause':
      return { clock: pause(clock, at), injects: [...injects] };
    case 'resume':
      return { clock: resume(clock, at), injects: [...injects] };
    case 'finish':
      return { clock: finish(clock, at), injects: [...injects] };
    case 'cancel':
      return { clock: cancel(clock, at), injects: [...injects] };
    case 'reset':
      return { clock: reset(clock), injects: injects.map(resetInject) };
    case 'setSpeed':
      return { clock: setSpeed(clock, at, command.speed), injects: [...injects] };
    case 'fireNow':
      return { clock, injects: replace(injects, command.injectId, (inject) => fireNow(clock, inject, at)) };
    case 'skip':
      return { clock, injects: replace(injects, command.injectId, skip) };
    case 'addLive': {
      // Ids are the caller's to keep unique (the engine has a UNIQUE constraint); a clash here is a bug.
      if (injects.some((inject) => inject.id === command.injectId)) throw new RangeError(`Inject ${command.injectId} already exists`);
      return { clock, injects: [...injects, addLive(clock, command.injectId, command.timing, at)] };
    }
  }
}

export function simulate(commands: readonly ClockCommand[], injects: readonly ClockInject[], options: SimulateOptions): SimulationResult {
  const { tickMs } = options;
  if (!Number.isSafeInteger(tickMs) || tickMs <= 0) throw new RangeError(`tickMs must be a positive integer, got ${tickMs}`);
  for (let i = 1; i < commands.length; i++) {
    if (commands[i].at < commands[i - 1].at) throw new RangeError(`Commands must be in time order (command ${i})`);
  }
  const from = options.from ?? commands[0]?.at ?? 0;
  const until = options.until ?? Number.POSITIVE_INFINITY;
  const skipIdle = options.skipIdlePolls ?? true;
  const maxPolls = options.maxPolls ?? 10_000_000;

  let clock = options.clock ?? initialClock();
  let current: ClockInject[] = [...injects];
  const fires: FireRecord[] = [];
  const rejected: { command: ClockCommand; error: ClockError }[] = [];
  let polls = 0;
  // The earliest wall ms the next poll may happen at: one poll per grid instant.
  let pollFloor = from;

  const settle = (wall: number) => {
    for (const inject of dueInjects(clock, current, wall)) {
      fires.push({
        injectId: inject.id,
        firedAtWall: wall,
        exerciseTimeAtFire: exerciseTimeAt(clock, wall),
        forced: isForcedOnly(clock, inject, wall),
      });
      current = current.map((candidate) => (candidate.id === inject.id ? markFired(candidate) : candidate));
    }
  };
  const gridAtOrAfter = (wall: number) => from + Math.max(0, Math.ceil((wall - from) / tickMs)) * tickMs;

  let next = 0;
  for (;;) {
    const command = commands[next];
    const commandAt = command ? command.at : Number.POSITIVE_INFINITY;
    const due = nextDueWall(clock, current);
    let pollAt: number;
    if (due === null && !command) pollAt = Number.POSITIVE_INFINITY;
    else if (skipIdle) pollAt = due === null ? Number.POSITIVE_INFINITY : gridAtOrAfter(Math.max(due, pollFloor));
    else pollAt = gridAtOrAfter(pollFloor);
    if (Math.min(commandAt, pollAt) > until || (commandAt === Number.POSITIVE_INFINITY && pollAt === Number.POSITIVE_INFINITY)) break;

    // Commands at a grid instant go before that instant's poll.
    if (commandAt <= pollAt) {
      settle(commandAt);
      try {
        ({ clock, injects: current } = applyCommand(clock, current, command!));
      } catch (error) {
        if (!(error instanceof ClockError)) throw error;
        rejected.push({ command: command!, error });
      }
      settle(commandAt);
      next++;
    } else {
      if (++polls > maxPolls) throw new RangeError(`More than ${maxPolls} polls`);
      settle(pollAt);
      pollFloor = pollAt + 1;
    }
  }
  return { clock, injects: current, fires, rejected, polls };
}

function replace(injects: readonly ClockInject[], id: string, change: (inject: ClockInject) => ClockInject): ClockInject[] {
  const index = injects.findIndex((inject) => inject.id === id);
  if (index < 0) throw new RangeError(`No inject ${id}`);
  return injects.map((inject, i) => (i === index ? change(inject) : inject));
}
