/**
 * The MSEL (master scenario events list) as plain data, and the schedule check every save runs.
 * Pure: no database. Rules: impossible schedules are refused when saved, never found mid-drill —
 * a condition on an inject that fires at the same time or later, on an expectation whose outcome
 * is only known after the dependent inject is due, a cycle of conditions, a deadline at or before
 * its inject. Every message names the injects involved, in T+hh:mm terms a controller reads.
 */

export const channels = ['inbox', 'email', 'webhook'] as const;
export type Channel = (typeof channels)[number];
export const expectationKinds = ['acknowledge', 'report', 'indicators', 'flag', 'manual'] as const;
export type ExpectationKind = (typeof expectationKinds)[number];
export const flagModes = ['exact', 'case_insensitive', 'regex'] as const;
export type FlagMode = (typeof flagModes)[number];
export const conditionOutcomes = ['fired', 'met', 'missed'] as const;
export type ConditionOutcome = (typeof conditionOutcomes)[number];

/**
 * Who an inject goes to. A team matches when `everyone` is set, when it is named in `teams`, sits
 * at one of `sites`, or belongs to one of `organisations` (or an organisation under one); and,
 * as a scope, when `countries` and/or `organisationTypes` are given and the team's organisation
 * matches every one of them that is given (so `{countries:['JP'], organisationTypes:['national_cert']}`
 * is "Japan's national CERT").
 */
export interface Targets {
  everyone?: boolean;
  teams?: string[];
  sites?: string[];
  organisations?: string[];
  countries?: string[];
  organisationTypes?: string[];
}

export interface Condition {
  /** The ref of an earlier inject. */
  inject: string;
  on: ConditionOutcome;
  /** For met/missed: which of that inject's expectations (its only one when omitted). */
  expectation?: string;
}

export interface Flag {
  mode: FlagMode;
  value: string;
  maxAttempts?: number | null;
}

export interface ExpectationDef {
  ref: string;
  kind: ExpectationKind;
  description: string;
  /** Exercise milliseconds after the inject fires. */
  deadlineMs: number;
  score: number;
  per: 'any' | 'every';
  flag?: Flag | null;
  expectedIndicators?: string[];
}

export interface Attachment {
  name: string;
  mediaType: string;
  /** Text content (logs, notes) or a JSON document (STIX bundle) as text. */
  content: string;
}

export interface InjectDef {
  ref: string;
  offsetMs: number;
  title: string;
  content: string;
  channel: Channel;
  targets: Targets;
  condition?: Condition | null;
  attachments: Attachment[];
  tags: string[];
  expectations: ExpectationDef[];
}

export interface Issue {
  path: string;
  message: string;
}

/** T+hh:mm, with seconds when there are any. */
export function tPlus(ms: number): string {
  const total = Math.round(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const hm = `T+${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
  return s ? `${hm}:${String(s).padStart(2, '0')}` : hm;
}

export function hasTarget(t: Targets): boolean {
  return Boolean(
    t.everyone || t.teams?.length || t.sites?.length || t.organisations?.length || t.countries?.length || t.organisationTypes?.length,
  );
}

/** The expectation a met/missed condition watches, or why there is none. */
export function watchedExpectation(dep: InjectDef, cond: Condition): ExpectationDef | string {
  if (cond.expectation) {
    return dep.expectations.find((e) => e.ref === cond.expectation) ?? `${dep.ref} has no expectation "${cond.expectation}"`;
  }
  if (dep.expectations.length === 1) return dep.expectations[0];
  return dep.expectations.length
    ? `${dep.ref} has ${dep.expectations.length} expectations: name the one the condition watches`
    : `${dep.ref} has no expectation to be met or missed`;
}

export function validateMsel(injects: InjectDef[]): Issue[] {
  const issues: Issue[] = [];
  const byRef = new Map<string, InjectDef>();
  injects.forEach((inj, i) => {
    if (byRef.has(inj.ref)) issues.push({ path: `injects.${i}.ref`, message: `Two injects are named ${inj.ref}` });
    byRef.set(inj.ref, inj);
  });

  injects.forEach((inj, i) => {
    const at = `injects.${i}`;
    if (!hasTarget(inj.targets))
      issues.push({ path: `${at}.targets`, message: `${inj.ref} has no target: name teams, sites, organisations, countries or everyone` });
    const seen = new Set<string>();
    inj.expectations.forEach((exp, j) => {
      const ep = `${at}.expectations.${j}`;
      if (seen.has(exp.ref)) issues.push({ path: `${ep}.ref`, message: `${inj.ref} has two expectations named ${exp.ref}` });
      seen.add(exp.ref);
      if (!(exp.deadlineMs > 0)) {
        issues.push({
          path: `${ep}.deadlineMs`,
          message: `${inj.ref} (${tPlus(inj.offsetMs)}): the deadline of expectation "${exp.ref}" is not after the inject; deadlines count from the inject and must be positive`,
        });
      }
      issues.push(...flagIssues(inj, exp, ep));
    });
  });

  // Conditions: unknown refs, then cycles (each inject has at most one condition, so following the
  // chain from every inject finds every cycle), then order in time.
  const reportedCycles = new Set<string>();
  injects.forEach((inj, i) => {
    const cond = inj.condition;
    if (!cond) return;
    const path = `injects.${i}.condition`;
    const dep = byRef.get(cond.inject);
    if (!dep) {
      issues.push({ path, message: `${inj.ref}: its condition names ${cond.inject}, which is not in the MSEL` });
      return;
    }
    const cycle = cycleFrom(inj.ref, byRef);
    if (cycle) {
      const key = [...cycle].sort().join(',');
      if (!reportedCycles.has(key)) {
        reportedCycles.add(key);
        issues.push({ path, message: `The conditions form a cycle: ${[...cycle, cycle[0]].join(' → ')}` });
      }
      return;
    }
    if (cond.on === 'fired') {
      if (dep.offsetMs >= inj.offsetMs) {
        issues.push({
          path,
          message: `${inj.ref} (${tPlus(inj.offsetMs)}) depends on ${dep.ref} firing, but ${dep.ref} is due ${dep.offsetMs === inj.offsetMs ? 'at the same time' : `later (${tPlus(dep.offsetMs)})`}`,
        });
      }
      return;
    }
    const exp = watchedExpectation(dep, cond);
    if (typeof exp === 'string') {
      issues.push({ path, message: `${inj.ref}: ${exp}` });
      return;
    }
    const known = dep.offsetMs + exp.deadlineMs;
    if (known > inj.offsetMs) {
      issues.push({
        path,
        message: `${inj.ref} (${tPlus(inj.offsetMs)}) depends on whether ${dep.ref}'s expectation "${exp.ref}" is ${cond.on}, which is known only at its deadline ${tPlus(known)}, after ${inj.ref} is due`,
      });
    }
  });
  return issues;
}

function cycleFrom(start: string, byRef: Map<string, InjectDef>): string[] | null {
  const chain: string[] = [];
  let ref: string | undefined = start;
  while (ref) {
    const at = chain.indexOf(ref);
    if (at >= 0) return at === 0 ? chain : null; // a cycle that does not pass through start is reported from its own members
    chain.push(ref);
    ref = byRef.get(ref)?.condition?.inject;
    if (ref && !byRef.has(ref)) return null;
  }
  return null;
}

function flagIssues(inj: InjectDef, exp: ExpectationDef, ep: string): Issue[] {
  if (exp.kind !== 'flag') return [];
  if (!exp.flag?.value) return [{ path: `${ep}.flag`, message: `${inj.ref}: expectation "${exp.ref}" is a flag but has no flag value` }];
  if (exp.flag.mode === 'regex') {
    try {
      new RegExp(exp.flag.value, 'u');
    } catch (err) {
      return [
        {
          path: `${ep}.flag.value`,
          message: `${inj.ref}: the flag of "${exp.ref}" is not a valid regular expression (${(err as Error).message})`,
        },
      ];
    }
  }
  return [];
}

/** Whether a submitted flag matches. Regular expressions must match the whole answer. */
export function flagMatches(flag: Flag, answer: string): boolean {
  const given = answer.trim();
  switch (flag.mode) {
    case 'exact':
      return given === flag.value;
    case 'case_insensitive':
      return given.toLocaleLowerCase('en') === flag.value.trim().toLocaleLowerCase('en');
    case 'regex':
      return new RegExp(`^(?:${flag.value})$`, 'u').test(given);
  }
}
