/**
 * The exercise clock: worked examples a controller would recognise, then properties over random
 * runs (start, pauses, resumes, speed changes, fire-now and skips at random wall times, a worker
 * polling at a random tick). The properties judge the clock against `referenceTime`, which keeps
 * its own books (running time per speed epoch) and shares only the rounding rule with clock.ts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type ClockCommand,
  ClockError,
  type ClockInject,
  type ClockState,
  type SimulationResult,
  addLive,
  applyCommand,
  cancel,
  dueInjects,
  exerciseTimeAt,
  finish,
  fireNow,
  initialClock,
  pause,
  reset,
  resume,
  setSpeed,
  simulate,
  skip,
  start,
  wallTimeFor,
} from './index.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
// 2021-10-27 01:00 UTC, an arbitrary T+0 with realistic epoch magnitudes.
const T0 = Date.UTC(2021, 9, 27, 1, 0);

function injects(...offsets: [string, number][]): ClockInject[] {
  return offsets.map(([id, offsetMs]) => ({ id, offsetMs, state: 'pending' }));
}

function firedAt(result: SimulationResult): Record<string, number> {
  return Object.fromEntries(result.fires.map((fire) => [fire.injectId, fire.firedAtWall]));
}

function clockError(run: () => unknown): ClockError {
  try {
    run();
  } catch (error) {
    if (error instanceof ClockError) return error;
    throw error;
  }
  throw new Error('expected a ClockError');
}

describe('exercise clock: examples', () => {
  it('pause shifts every unfired inject by the pause length', () => {
    const result = simulate(
      [
        { type: 'start', at: T0 },
        { type: 'pause', at: T0 + 15 * MINUTE },
        { type: 'resume', at: T0 + 22 * MINUTE },
      ],
      injects(['a', 10 * MINUTE], ['b', 20 * MINUTE], ['c', 30 * MINUTE]),
      { tickMs: SECOND },
    );
    expect(firedAt(result)).toEqual({ a: T0 + 10 * MINUTE, b: T0 + 27 * MINUTE, c: T0 + 37 * MINUTE });
    expect(result.fires.map((fire) => fire.exerciseTimeAtFire)).toEqual([10 * MINUTE, 20 * MINUTE, 30 * MINUTE]);
    expect(result.clock.pausedMs).toBe(7 * MINUTE);
  });

  it('pauses exactly even when the speed leaves a fraction of a ms at the pause', () => {
    // At speed 0.5, T0+3 is E = 1.5 ms. Freezing E at a rounded 1 would make the inject at 100
    // due at resume + 198 instead of resume + 197.
    let clock = start(initialClock(0.5), T0);
    clock = pause(clock, T0 + 3);
    expect(exerciseTimeAt(clock, T0 + 500)).toBe(1);
    clock = resume(clock, T0 + 1003);
    expect(wallTimeFor(clock, 100)).toBe(T0 + 200 + 1000);
  });

  it('speed 60 compresses an hour of exercise time into a minute', () => {
    const clock = start(initialClock(60), T0);
    expect(exerciseTimeAt(clock, T0 + MINUTE)).toBe(HOUR);
    expect(wallTimeFor(clock, HOUR)).toBe(T0 + MINUTE);
    const result = simulate([{ type: 'start', at: T0 }], injects(['h1', HOUR], ['h2', 2 * HOUR]), {
      tickMs: SECOND,
      clock: initialClock(60),
    });
    expect(firedAt(result)).toEqual({ h1: T0 + MINUTE, h2: T0 + 2 * MINUTE });
  });

  it('re-anchors a speed change at the moment of the change', () => {
    let clock = start(initialClock(), T0);
    clock = setSpeed(clock, T0 + 10 * MINUTE, 2);
    expect(exerciseTimeAt(clock, T0 + 10 * MINUTE)).toBe(10 * MINUTE);
    expect(exerciseTimeAt(clock, T0 + 20 * MINUTE)).toBe(30 * MINUTE);
    expect(wallTimeFor(clock, 30 * MINUTE)).toBe(T0 + 20 * MINUTE);
    // A speed change during a pause takes effect from the resume.
    clock = pause(clock, T0 + 20 * MINUTE);
    clock = setSpeed(clock, T0 + 21 * MINUTE, 60);
    expect(exerciseTimeAt(clock, T0 + 25 * MINUTE)).toBe(30 * MINUTE);
    clock = resume(clock, T0 + 25 * MINUTE);
    expect(exerciseTimeAt(clock, T0 + 26 * MINUTE)).toBe(90 * MINUTE);
  });

  it('rounds so that nothing is due early: the due wall time is the first whole ms that reaches the offset', () => {
    const slow = start(initialClock(0.5), T0);
    expect(exerciseTimeAt(slow, T0 + 1)).toBe(0);
    expect(wallTimeFor(slow, 1)).toBe(T0 + 2);
    const fast = start(initialClock(3), T0);
    expect(exerciseTimeAt(fast, T0 + 3)).toBe(9);
    expect(wallTimeFor(fast, 10)).toBe(T0 + 4);
    // Division and multiplication disagree in the last bit both ways: at speed 0.7, 21 / 0.7 says
    // 31 ms but 30 * 0.7 is exactly 21; 63 / 0.7 says 90 ms but 90 * 0.7 is 62.999….
    const sevenTenths = start(initialClock(0.7), T0);
    expect(exerciseTimeAt(sevenTenths, T0 + 30)).toBe(21);
    expect(wallTimeFor(sevenTenths, 21)).toBe(T0 + 30);
    expect(exerciseTimeAt(sevenTenths, T0 + 90)).toBe(62);
    expect(wallTimeFor(sevenTenths, 63)).toBe(T0 + 91);
  });

  it('finish stops firing and freezes exercise time', () => {
    const result = simulate(
      [
        { type: 'start', at: T0 },
        { type: 'finish', at: T0 + 15 * MINUTE },
      ],
      injects(['a', 10 * MINUTE], ['b', 20 * MINUTE]),
      { tickMs: SECOND, until: T0 + 2 * HOUR },
    );
    expect(firedAt(result)).toEqual({ a: T0 + 10 * MINUTE });
    expect(result.clock.status).toBe('finished');
    expect(exerciseTimeAt(result.clock, T0 + 2 * HOUR)).toBe(15 * MINUTE);
    expect(wallTimeFor(result.clock, 20 * MINUTE)).toBeNull();
    expect(dueInjects(result.clock, result.injects, T0 + 2 * HOUR)).toEqual([]);
  });

  it('settles before a command: an inject due between two polls fires at a pause or finish, not after it', () => {
    const due = 10 * MINUTE + 300;
    const paused = simulate(
      [
        { type: 'start', at: T0 },
        { type: 'pause', at: T0 + due + 200 },
      ],
      injects(['a', due]),
      { tickMs: SECOND },
    );
    expect(paused.fires).toEqual([{ injectId: 'a', firedAtWall: T0 + due + 200, exerciseTimeAtFire: due + 200, forced: false }]);
    const finished = simulate(
      [
        { type: 'start', at: T0 },
        { type: 'finish', at: T0 + due + 200 },
      ],
      injects(['a', due]),
      { tickMs: SECOND },
    );
    expect(firedAt(finished)).toEqual({ a: T0 + due + 200 });
  });

  it('reset goes back to scheduled with everything cleared but the speed', () => {
    let clock = start(initialClock(60), T0);
    clock = pause(clock, T0 + MINUTE);
    clock = finish(clock, T0 + 2 * MINUTE);
    expect(reset(clock)).toEqual({ status: 'scheduled', speed: 60 });
    expect(exerciseTimeAt(reset(clock), T0 + HOUR)).toBe(0);
    expect(wallTimeFor(reset(clock), 0)).toBeNull();

    const result = simulate(
      [
        { type: 'start', at: T0 },
        { type: 'fireNow', at: T0 + MINUTE, injectId: 'b' },
        { type: 'reset', at: T0 + 15 * MINUTE },
        { type: 'start', at: T0 + 20 * MINUTE },
      ],
      injects(['a', 10 * MINUTE], ['b', 20 * MINUTE]),
      { tickMs: SECOND },
    );
    expect(result.fires.map((fire) => [fire.injectId, fire.firedAtWall])).toEqual([
      ['b', T0 + MINUTE],
      ['a', T0 + 10 * MINUTE],
      ['a', T0 + 30 * MINUTE],
      ['b', T0 + 40 * MINUTE],
    ]);
  });

  it('fires now, even during a pause, and never fires a skipped inject', () => {
    const result = simulate(
      [
        { type: 'start', at: T0 },
        { type: 'fireNow', at: T0 + MINUTE + 7, injectId: 'late' },
        { type: 'skip', at: T0 + 2 * MINUTE, injectId: 'skipped' },
        { type: 'pause', at: T0 + 3 * MINUTE },
        { type: 'fireNow', at: T0 + 4 * MINUTE, injectId: 'held' },
        { type: 'fireNow', at: T0 + 4 * MINUTE, injectId: 'late' },
      ],
      injects(['late', HOUR], ['skipped', 5 * MINUTE], ['held', 2 * HOUR]),
      { tickMs: SECOND },
    );
    expect(result.fires).toEqual([
      { injectId: 'late', firedAtWall: T0 + MINUTE + 7, exerciseTimeAtFire: MINUTE + 7, forced: true },
      { injectId: 'held', firedAtWall: T0 + 4 * MINUTE, exerciseTimeAtFire: 3 * MINUTE, forced: true },
    ]);
    expect(result.rejected.map(({ command, error }) => ['injectId' in command && command.injectId, error.reason, error.status])).toEqual([
      ['late', 'inject_not_pending', 409],
    ]);
    expect(result.injects.map((inject) => inject.state)).toEqual(['fired', 'skipped', 'fired']);
    expect(clockError(() => fireNow(initialClock(), injects(['x', 0])[0], T0)).reason).toBe('invalid_transition');
    expect(clockError(() => skip(skip(injects(['x', 0])[0]))).reason).toBe('inject_not_pending');
  });

  it('adds injects live, relative to now or at an absolute offset', () => {
    let clock = start(initialClock(2), T0);
    const relative = addLive(clock, 'rel', { afterMs: 5 * MINUTE }, T0 + 6 * MINUTE);
    expect(relative).toEqual({ id: 'rel', offsetMs: 17 * MINUTE, state: 'pending' });
    const passed = addLive(clock, 'abs', { offsetMs: MINUTE }, T0 + 6 * MINUTE);
    expect(dueInjects(clock, [relative, passed], T0 + 6 * MINUTE).map((inject) => inject.id)).toEqual(['abs']);
    expect(clockError(() => addLive(initialClock(), 'x', { afterMs: 0 }, T0)).reason).toBe('invalid_transition');
    expect(addLive(initialClock(), 'x', { offsetMs: 0 }, T0).offsetMs).toBe(0);
    expect(clockError(() => addLive(clock, 'x', { offsetMs: -1 }, T0)).reason).toBe('invalid_offset');
    clock = finish(clock, T0 + 7 * MINUTE);
    expect(clockError(() => addLive(clock, 'x', { offsetMs: HOUR }, T0 + 8 * MINUTE)).reason).toBe('invalid_transition');

    const result = simulate(
      [
        { type: 'start', at: T0 },
        { type: 'addLive', at: T0 + 10 * MINUTE + 1, injectId: 'now', timing: { afterMs: 0 } },
        { type: 'addLive', at: T0 + 10 * MINUTE + 1, injectId: 'soon', timing: { afterMs: MINUTE } },
      ],
      [],
      { tickMs: SECOND },
    );
    expect(firedAt(result)).toEqual({ now: T0 + 10 * MINUTE + 1, soon: T0 + 11 * MINUTE + 1000 });
  });

  it('lists due injects by offset then id, pending only', () => {
    const clock = start(initialClock(), T0);
    const list: ClockInject[] = [
      { id: 'b', offsetMs: 10, state: 'pending' },
      { id: 'a', offsetMs: 10, state: 'pending' },
      { id: 'Z', offsetMs: 10, state: 'pending' },
      { id: 'c', offsetMs: 5, state: 'pending' },
      { id: 'd', offsetMs: 0, state: 'fired' },
      { id: 'e', offsetMs: 0, state: 'skipped' },
      { id: 'f', offsetMs: 11, state: 'pending' },
      { id: 'g', offsetMs: 99, state: 'pending', forcedAt: T0 + 10 },
    ];
    expect(dueInjects(clock, list, T0 + 10).map((inject) => inject.id)).toEqual(['c', 'Z', 'a', 'b', 'g']);
    expect(dueInjects(initialClock(), list, T0 + 10)).toEqual([]);
  });

  it('refuses commands that do not apply, with typed errors the HTTP layer maps', () => {
    const scheduled = initialClock();
    const running = start(scheduled, T0);
    const cases: [() => unknown, string, number][] = [
      [() => pause(scheduled, T0), 'invalid_transition', 409],
      [() => resume(running, T0), 'invalid_transition', 409],
      [() => start(running, T0), 'invalid_transition', 409],
      [() => finish(scheduled, T0), 'invalid_transition', 409],
      [() => setSpeed(cancel(running, T0), T0, 2), 'invalid_transition', 409],
      [() => setSpeed(running, T0, 0), 'invalid_speed', 400],
      [() => setSpeed(running, T0, Number.NaN), 'invalid_speed', 400],
      [() => setSpeed(running, T0, 20_000), 'invalid_speed', 400],
      [() => initialClock(-1), 'invalid_speed', 400],
      [() => pause(running, T0 - 1), 'invalid_time', 409],
      [() => pause(running, T0 + 0.5), 'invalid_time', 409],
    ];
    for (const [run, reason, status] of cases) {
      const error = clockError(run);
      expect([error.reason, error.status]).toEqual([reason, status]);
    }
    // Cancel also applies before the start; reset applies from anywhere.
    expect(cancel(scheduled, T0).status).toBe('cancelled');
    expect(reset(running).status).toBe('scheduled');
  });

  it('keeps the state plain JSON without undefined keys', () => {
    let clock = start(initialClock(1.5), T0);
    clock = pause(clock, T0 + 10);
    clock = resume(clock, T0 + 20);
    expect(Object.values(clock).includes(undefined)).toBe(false);
    expect(JSON.parse(JSON.stringify(clock))).toEqual(clock);
    expect(clock).toEqual({
      status: 'running',
      speed: 1.5,
      startedAt: T0,
      anchorWall: T0 + 10,
      anchorExercise: 0,
      pausedMs: 10,
      changedAt: T0 + 20,
    });
  });
});

// ---------------------------------------------------------------------------------------------
// Properties

type Action = { kind: 'toggle' } | { kind: 'speed'; speed: number } | { kind: 'sameSpeed' } | { kind: 'fireNow' | 'skip'; index: number };

interface Scenario {
  t0: number;
  tickMs: number;
  speed: number;
  offsets: number[];
  steps: { gap: number; action: Action }[];
  end: 'finish' | 'cancel' | 'none';
  endGap: number;
}

// Quarters are exact in binary; tenths and arbitrary doubles bring the last-bit disagreements
// between division and multiplication; repeats of 1 and 60 bring "set the speed it already has".
const speedArb = fc.oneof(
  fc.integer({ min: 2, max: 480 }).map((quarters) => quarters / 4),
  fc.integer({ min: 5, max: 1200 }).map((tenths) => tenths / 10),
  fc.double({ min: 0.5, max: 120, noNaN: true }),
  fc.constantFrom(1, 60),
);

const actionArb: fc.Arbitrary<Action> = fc.oneof(
  { weight: 3, arbitrary: fc.constant({ kind: 'toggle' } as const) },
  { weight: 2, arbitrary: speedArb.map((speed) => ({ kind: 'speed', speed }) as const) },
  { weight: 1, arbitrary: fc.constant({ kind: 'sameSpeed' } as const) },
  { weight: 1, arbitrary: fc.nat(20).map((index) => ({ kind: 'fireNow', index }) as const) },
  { weight: 1, arbitrary: fc.nat(20).map((index) => ({ kind: 'skip', index }) as const) },
);

function scenarioArb(scale: { maxOffset: number; maxGap: number; maxEndGap: number }): fc.Arbitrary<Scenario> {
  return fc.record({
    t0: fc.integer({ min: 0, max: 4_000_000_000_000 }),
    tickMs: fc.integer({ min: 10, max: 1000 }),
    speed: speedArb,
    // Shared offsets and same-instant commands are where ordering bugs hide.
    offsets: fc.array(fc.oneof(fc.integer({ min: 0, max: scale.maxOffset }), fc.constantFrom(0, 1, 60_000, 60_001)), {
      minLength: 1,
      maxLength: 8,
    }),
    steps: fc.array(
      fc.record({ gap: fc.oneof(fc.integer({ min: 0, max: scale.maxGap }), fc.integer({ min: 0, max: 3 })), action: actionArb }),
      {
        maxLength: 12,
      },
    ),
    end: fc.constantFrom('finish', 'cancel', 'none'),
    endGap: fc.integer({ min: 0, max: scale.maxEndGap }),
  });
}

const fullScale = { maxOffset: 600_000, maxGap: 120_000, maxEndGap: 300_000 };

function build(s: Scenario): { commands: ClockCommand[]; injects: ClockInject[]; clock: ClockState } {
  const list = injects(...s.offsets.map((offset, i): [string, number] => [`i${i}`, offset]));
  const commands: ClockCommand[] = [{ type: 'start', at: s.t0 }];
  let at = s.t0;
  let running = true;
  let speed = s.speed;
  for (const { gap, action } of s.steps) {
    at += gap;
    if (action.kind === 'toggle') {
      commands.push({ type: running ? 'pause' : 'resume', at });
      running = !running;
    } else if (action.kind === 'speed' || action.kind === 'sameSpeed') {
      if (action.kind === 'speed') speed = action.speed;
      commands.push({ type: 'setSpeed', at, speed });
    } else {
      commands.push({ type: action.kind, at, injectId: list[action.index % list.length].id });
    }
  }
  if (s.end !== 'none') commands.push({ type: s.end, at: at + s.endGap });
  return { commands, injects: list, clock: initialClock(s.speed) };
}

/** Exercise time from the commands alone: running ms banked per speed epoch, floored per epoch. */
function referenceTime(commands: readonly ClockCommand[], initialSpeed: number, wall: number): number {
  let speed = initialSpeed;
  let started = false;
  let running = false;
  let last = 0;
  let banked = 0;
  let epochRunning = 0;
  for (const command of commands) {
    if (command.at > wall) break;
    if (running) epochRunning += command.at - last;
    last = command.at;
    switch (command.type) {
      case 'start':
        started = running = true;
        break;
      case 'pause':
      case 'finish':
      case 'cancel':
        running = false;
        break;
      case 'resume':
        running = true;
        break;
      case 'setSpeed':
        if (started && command.speed !== speed) {
          banked += Math.floor(epochRunning * speed);
          epochRunning = 0;
        }
        speed = command.speed;
        break;
    }
  }
  if (running) epochRunning += wall - last;
  return started ? banked + Math.floor(epochRunning * speed) : 0;
}

/** The first wall ms at which referenceTime reaches the offset, or null if it never does. */
function referenceDue(commands: readonly ClockCommand[], initialSpeed: number, offset: number): number | null {
  let lo = commands[0].at;
  // Speeds are >= 0.5, so after the last command a running clock reaches any offset within 2x.
  let hi = commands[commands.length - 1].at + 2 * offset + 2;
  if (referenceTime(commands, initialSpeed, hi) < offset) return null;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (referenceTime(commands, initialSpeed, mid) >= offset) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

function accepted(commands: readonly ClockCommand[], result: SimulationResult): ClockCommand[] {
  const refused = new Set<ClockCommand>(result.rejected.map((r) => r.command));
  return commands.filter((command) => !refused.has(command));
}

function injectCommandAt(commands: readonly ClockCommand[], type: 'fireNow' | 'skip', id: string): number | undefined {
  return commands.find((command) => command.type === type && command.injectId === id)?.at;
}

describe('exercise clock: properties', () => {
  it('fires every due inject exactly once, never early, never when skipped, within a tick of its due time', () => {
    fc.assert(
      fc.property(scenarioArb(fullScale), (s) => {
        const { commands, injects: list, clock } = build(s);
        const result = simulate(commands, list, { tickMs: s.tickMs, clock });
        // Only a fire-now or skip of an inject that had already gone may be refused.
        for (const { error } of result.rejected) expect(error.reason).toBe('inject_not_pending');
        const applied = accepted(commands, result);
        const end = applied.find((command) => command.type === 'finish' || command.type === 'cancel')?.at ?? Number.POSITIVE_INFINITY;

        // (2) never twice
        const ids = result.fires.map((fire) => fire.injectId);
        expect(new Set(ids).size).toBe(ids.length);

        let expectedFires = 0;
        for (const inject of list) {
          const fire = result.fires.find((f) => f.injectId === inject.id);
          const reached = referenceDue(applied, s.speed, inject.offsetMs);
          const skippedAt = injectCommandAt(applied, 'skip', inject.id);
          const forcedAt = injectCommandAt(applied, 'fireNow', inject.id);
          if (skippedAt !== undefined) {
            // (4) never fired; and a skip settles first, so what it skipped had not come due.
            expect(fire).toBeUndefined();
            expect(reached === null || reached > skippedAt).toBe(true);
            continue;
          }
          const byOffset = reached !== null && reached <= end ? reached : undefined;
          const due = forcedAt === undefined ? byOffset : byOffset === undefined ? forcedAt : Math.min(forcedAt, byOffset);
          if (due === undefined) {
            expect(fire).toBeUndefined();
            continue;
          }
          // (3) fires, within one poll of its due time
          expectedFires++;
          expect(fire).toBeDefined();
          expect(fire!.firedAtWall).toBeGreaterThanOrEqual(due);
          expect(fire!.firedAtWall).toBeLessThan(due + s.tickMs);
          // (1) never before its exercise time, unless fired now, and then not before the command
          if (fire!.forced) {
            expect(forcedAt).toBeDefined();
            expect(fire!.firedAtWall).toBeGreaterThanOrEqual(forcedAt!);
          } else {
            expect(fire!.exerciseTimeAtFire).toBeGreaterThanOrEqual(inject.offsetMs);
            expect(referenceTime(applied, s.speed, fire!.firedAtWall)).toBe(fire!.exerciseTimeAtFire);
          }
        }
        expect(result.fires.length).toBe(expectedFires);
      }),
      { numRuns: 300 },
    );
  });

  it('a pause of d ms delays the fire time of every inject not yet due by exactly d', () => {
    const arb = fc.record({
      scenario: scenarioArb(fullScale),
      where: fc.double({ min: 0, max: 1, noNaN: true }),
      ticks: fc.integer({ min: 1, max: 50 }),
    });
    fc.assert(
      fc.property(arb, ({ scenario: s, where, ticks }) => {
        const { commands, injects: list, clock } = build(s);
        const last = commands[commands.length - 1].at;
        const p = s.t0 + Math.floor(where * (last - s.t0 + 60_000));
        // d a whole number of polls, so that the poll grid lines up after the pause as before.
        const d = ticks * s.tickMs;
        const before = commands.filter((command) => command.at <= p);
        const after = commands.filter((command) => command.at > p);
        const atP = simulate(before, list, { tickMs: s.tickMs, clock, until: p }).clock;
        fc.pre(atP.status === 'running');
        const reachedAtP = exerciseTimeAt(atP, p);
        const withPause: ClockCommand[] = [
          ...before,
          { type: 'pause', at: p },
          { type: 'resume', at: p + d },
          ...after.map((command) => ({ ...command, at: command.at + d })),
        ];
        const plain = simulate(commands, list, { tickMs: s.tickMs, clock });
        const paused = simulate(withPause, list, { tickMs: s.tickMs, clock });
        expect(paused.rejected.length).toBe(plain.rejected.length);
        for (const inject of list) {
          const a = plain.fires.find((fire) => fire.injectId === inject.id);
          const b = paused.fires.find((fire) => fire.injectId === inject.id);
          if (!a) expect(b).toBeUndefined();
          else if (a.firedAtWall <= p) expect(b!.firedAtWall).toBe(a.firedAtWall);
          // Its time had come but no poll had seen it: the pause settles it first.
          else if (inject.offsetMs <= reachedAtP) expect(b!.firedAtWall).toBe(p);
          else {
            expect(b!.firedAtWall).toBe(a.firedAtWall + d);
            expect(b!.exerciseTimeAtFire).toBe(a.exerciseTimeAtFire);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('exercise time is non-decreasing and continuous across commands, and wallTimeFor is its exact inverse', () => {
    const arb = fc.record({
      scenario: scenarioArb(fullScale),
      probes: fc.array(fc.tuple(fc.integer({ min: 0, max: 2_000_000 }), fc.integer({ min: 0, max: 2_000_000 })), {
        minLength: 1,
        maxLength: 5,
      }),
    });
    fc.assert(
      fc.property(arb, ({ scenario: s, probes }) => {
        const { commands, injects: list, clock: initial } = build(s);
        const clockCommands = commands.filter((command) => command.type !== 'fireNow' && command.type !== 'skip');
        let clock = initial;
        for (const [index, command] of clockCommands.entries()) {
          const applied = clockCommands.slice(0, index + 1);
          const next = applyCommand(clock, list, command).clock;
          expect(exerciseTimeAt(next, command.at)).toBe(exerciseTimeAt(clock, command.at));
          clock = next;
          const from = clock.changedAt!;
          for (const [later, offsetDelta] of probes) {
            const w1 = from + later;
            const w2 = from + later + offsetDelta;
            expect(exerciseTimeAt(clock, w1)).toBeLessThanOrEqual(exerciseTimeAt(clock, w2));
            expect(exerciseTimeAt(clock, w1)).toBe(referenceTime(applied, s.speed, w1));
            const target = exerciseTimeAt(clock, from) + offsetDelta;
            const wall = wallTimeFor(clock, target);
            if (clock.status !== 'running') {
              expect(wall).toBeNull();
              continue;
            }
            expect(exerciseTimeAt(clock, wall!)).toBeGreaterThanOrEqual(target);
            if (wall! > from) expect(exerciseTimeAt(clock, wall! - 1)).toBeLessThan(target);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('skipping idle polls gives the same fires as visiting every poll', () => {
    fc.assert(
      fc.property(scenarioArb({ maxOffset: 60_000, maxGap: 15_000, maxEndGap: 30_000 }), (s) => {
        const { commands, injects: list, clock } = build(s);
        const fast = simulate(commands, list, { tickMs: s.tickMs, clock });
        const slow = simulate(commands, list, { tickMs: s.tickMs, clock, skipIdlePolls: false });
        expect(fast.fires).toEqual(slow.fires);
        expect(fast.clock).toEqual(slow.clock);
      }),
      { numRuns: 100 },
    );
  });
});
