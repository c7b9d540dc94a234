/**
 * Types of the server's STIX pattern parser (src/modules/intel/pattern/index.ts), which the console
 * bundles through the `@kizuna/stix-pattern` alias (web/vite.config.ts). Declared here rather than
 * type-checked from source: the generated ANTLR parser does not pass the console's stricter
 * unused-code checks, and the server's own type check already covers it. Keep in step with
 * index.ts and errors.ts.
 */
declare module '@kizuna/stix-pattern' {
  export interface PatternErrorDetail {
    message: string;
    /** 1-based line. */
    line: number;
    /** 0-based column, in UTF-16 units. */
    column: number;
    /** 0-based offset into the pattern, in UTF-16 units. */
    offset: number;
  }
  export type ObservableKind = 'ipv4' | 'ipv6' | 'domain' | 'url' | 'email' | 'file-hash' | 'cve' | 'other';
  export interface PatternObservable {
    kind: ObservableKind;
    objectPath: string;
    value: string;
    hashAlgorithm?: string;
  }
  export type ParsePatternResult = { ok: true; observables: PatternObservable[] } | { ok: false; error: PatternErrorDetail };
  export function parsePattern(pattern: string): ParsePatternResult;
}
