/**
 * The built-in scenarios, the two of the 2021 ASEAN-Japan drill. Each is plain MSEL data that a
 * fresh node installs (scenarios.service.ts) and that passes the same schedule check as any saved
 * MSEL. Helpers are in helpers.ts.
 */
import type { InjectDef } from '../msel.js';
import { hospitalRansomware } from './hospital-ransomware.js';
import { vpnGateway } from './vpn-gateway.js';

export interface BuiltinScenario {
  key: string;
  name: string;
  summary: string;
  injects: InjectDef[];
}

export function builtinScenarios(): BuiltinScenario[] {
  return [vpnGateway(), hospitalRansomware()];
}

export function builtinByKey(key: string): BuiltinScenario | undefined {
  return builtinScenarios().find((s) => s.key === key || s.key === `builtin:${key}`);
}
