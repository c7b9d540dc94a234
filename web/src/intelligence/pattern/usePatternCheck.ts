import type { ParsePatternResult } from '@kizuna/stix-pattern';
import { useDeferredValue, useEffect, useMemo, useState } from 'react';

type Parse = (pattern: string) => ParsePatternResult;

let loaded: Promise<Parse> | null = null;

/**
 * The server's own parser, built from the official STIX grammar, loaded on first use: ANTLR's
 * runtime is large, and only the indicator form needs it. The same code decides on the server, so
 * a pattern the form accepts is one the server accepts.
 */
function loadParser(): Promise<Parse> {
  loaded ??= import('@kizuna/stix-pattern').then((m) => m.parsePattern);
  return loaded;
}

export type PatternCheck = { state: 'empty' | 'loading' | 'unavailable' } | { state: 'checked'; result: ParsePatternResult };

/** Checks a pattern as it is typed; the deferred value keeps typing smooth on long patterns. */
export function usePatternCheck(pattern: string): PatternCheck {
  const [parse, setParse] = useState<Parse | null>(null);
  const [loadError, setLoadError] = useState(false);
  useEffect(() => {
    let live = true;
    loadParser().then(
      (p) => live && setParse(() => p),
      () => live && setLoadError(true),
    );
    return () => {
      live = false;
    };
  }, []);
  const deferred = useDeferredValue(pattern);
  const check = useMemo<PatternCheck>(() => {
    if (!deferred.trim()) return { state: 'empty' };
    if (!parse) return { state: 'loading' };
    return { state: 'checked', result: parse(deferred) };
  }, [deferred, parse]);
  // If the parser's chunk cannot load (the node was updated meanwhile), the server still checks.
  return loadError && check.state === 'loading' ? { state: 'unavailable' } : check;
}
