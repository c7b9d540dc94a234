/**
 * Helpers that keep the built-in scenario files readable: times as T+hh:mm, deadlines in minutes,
 * targets by organisation type and country, expectations in one line each.
 */
import type { ExpectationDef, InjectDef, Targets } from '../msel.js';

/** "01:30" → milliseconds. */
export const at = (hhmm: string): number => {
  const [h, m] = hhmm.split(':').map(Number);
  return (h * 60 + m) * 60_000;
};
export const minutes = (n: number): number => n * 60_000;

export const everyone: Targets = { everyone: true };
export const types = (...organisationTypes: string[]): Targets => ({ organisationTypes });
export const cert = (...countries: string[]): Targets => ({ countries, organisationTypes: ['national_cert'] });

type Exp = Omit<ExpectationDef, 'per' | 'description'> & Partial<Pick<ExpectationDef, 'per' | 'description'>>;
export const expect = (e: Exp): ExpectationDef => ({ per: 'any', description: '', ...e });
export const ack = (deadlineMin: number, score = 5): ExpectationDef =>
  expect({ ref: 'ack', kind: 'acknowledge', description: 'Acknowledge receipt', deadlineMs: minutes(deadlineMin), score });
export const report = (ref: string, description: string, deadlineMin: number, score = 10): ExpectationDef =>
  expect({ ref, kind: 'report', description, deadlineMs: minutes(deadlineMin), score });
export const manual = (ref: string, description: string, deadlineMin: number, score = 20): ExpectationDef =>
  expect({ ref, kind: 'manual', description, deadlineMs: minutes(deadlineMin), score });
export const indicators = (ref: string, description: string, deadlineMin: number, expected: string[], score = 15): ExpectationDef =>
  expect({ ref, kind: 'indicators', description, deadlineMs: minutes(deadlineMin), score, expectedIndicators: expected });

type Inj = Omit<InjectDef, 'channel' | 'attachments' | 'tags' | 'expectations' | 'offsetMs'> &
  Partial<Pick<InjectDef, 'channel' | 'attachments' | 'tags' | 'expectations'>> & { at: string };
export const inject = ({ at: t, ...i }: Inj): InjectDef => ({
  channel: 'inbox',
  attachments: [],
  tags: [],
  expectations: [],
  offsetMs: at(t),
  ...i,
});
