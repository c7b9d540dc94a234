/**
 * STIX 2.1 patterns: parsePattern checks a pattern against the official grammar and the spec's
 * extra rules, and lists the observables its equality tests name. It never throws on bad input
 * and never logs: the first problem comes back with its position.
 */
import { CharStream, CommonTokenStream } from 'antlr4ng';
import { type Comparison, PatternAnalyser, type PathStep, unescapeStringLiteral } from './analyser.js';
import { FirstErrorListener, PatternError, type PatternErrorDetail } from './errors.js';
import { STIXPatternLexer } from './generated/STIXPatternLexer.js';
import { STIXPatternParser } from './generated/STIXPatternParser.js';
import { type PatternObservable, observablesFromComparisons } from './observables.js';

export type { PatternErrorDetail } from './errors.js';
export type { ObservableKind, PatternObservable } from './observables.js';

export type ParsePatternResult = { ok: true; observables: PatternObservable[] } | { ok: false; error: PatternErrorDetail };

/**
 * Bulk ingest validates each indicator and then extracts its observables, and feeds repeat the
 * same patterns across versions: the last few thousand results are kept, keyed by the pattern
 * text. Results are frozen because callers share them.
 */
const MEMO_ENTRIES = 5_000;
const MEMO_MAX_LENGTH = 2_048;
const memo = new Map<string, ParsePatternResult>();

export function parsePattern(pattern: string): ParsePatternResult {
  const known = memo.get(pattern);
  if (known) return known;
  const result = Object.freeze(simpleComparison(pattern) ?? parseWithGrammar(pattern));
  if (result.ok) for (const o of Object.freeze(result.observables)) Object.freeze(o);
  if (pattern.length <= MEMO_MAX_LENGTH) {
    if (memo.size >= MEMO_ENTRIES) memo.clear();
    memo.set(pattern, result);
  }
  return result;
}

// Most indicators in feeds are one equality test, `[type:path = 'value']`. ANTLR spends ~100 µs on
// each (profiled: more than the database insert); this recogniser answers exactly what the grammar
// and the analyser would for that shape and leaves anything else (whitespace other than plain
// spaces, comments, keywords, qualifiers, several tests) to the grammar. index.test.ts checks the
// two agree on generated patterns.
const IDENT = '[A-Za-z_][A-Za-z0-9_]*';
const QUOTED = "'(?:[^'\\\\]|\\\\['\\\\])*'";
const SIMPLE = new RegExp(`^\\[(${'[A-Za-z_][A-Za-z0-9_-]*'}):(${IDENT}(?:\\.(?:${IDENT}|${QUOTED}))*) *==? *(${QUOTED})\\]$`);
const STEP = new RegExp(`\\.(?:(${IDENT})|(${QUOTED}))`, 'gy');
/** Words the lexer reads as keywords, never as identifiers. */
const KEYWORDS = new Set(
  'AND OR NOT FOLLOWEDBY LIKE MATCHES ISSUPERSET ISSUBSET EXISTS LAST IN START STOP SECONDS true false WITHIN REPEATS TIMES'.split(' '),
);

function simpleComparison(pattern: string): ParsePatternResult | undefined {
  const m = SIMPLE.exec(pattern);
  if (!m) return undefined;
  const [, objectType, path, literal] = m;
  if (KEYWORDS.has(objectType)) return undefined;
  const first = /^[A-Za-z0-9_]+/.exec(path)![0];
  if (KEYWORDS.has(first)) return undefined;
  const steps: PathStep[] = [{ key: first }];
  STEP.lastIndex = first.length;
  for (let s = STEP.exec(path); s; s = STEP.exec(path)) {
    if (s[1] !== undefined && KEYWORDS.has(s[1])) return undefined;
    steps.push({ key: s[1] ?? unescapeStringLiteral(s[2]) });
  }
  const comparison: Comparison = { objectType, steps, objectPath: `${objectType}:${path}`, values: [unescapeStringLiteral(literal)] };
  return { ok: true, observables: observablesFromComparisons([comparison]) };
}

/**
 * The grammar alone, with neither the shortcut nor the memo (tests compare the two). A lexer and
 * parser per call keeps calls independent of each other; what they share is ANTLR's per-grammar
 * prediction cache (static on the generated classes), which only grows with the grammar's
 * decisions and makes every later call faster.
 */
export function parseWithGrammar(pattern: string): ParsePatternResult {
  const listener = new FirstErrorListener(pattern);
  const lexer = new STIXPatternLexer(CharStream.fromString(pattern));
  lexer.removeErrorListeners();
  lexer.addErrorListener(listener);
  const parser = new STIXPatternParser(new CommonTokenStream(lexer));
  parser.removeErrorListeners();
  parser.addErrorListener(listener);
  try {
    const tree = parser.pattern();
    const analyser = new PatternAnalyser(pattern);
    tree.accept(analyser);
    return { ok: true, observables: observablesFromComparisons(analyser.comparisons) };
  } catch (err) {
    if (err instanceof PatternError) return { ok: false, error: err.detail };
    // ANTLR's parser and the tree walk recurse once per nesting level and per chained AND/OR, so
    // thousands of them exhaust the stack; that input is refused, not a crash.
    if (err instanceof RangeError && /call stack/i.test(err.message)) {
      return { ok: false, error: { message: 'pattern is nested or chained too deeply to parse', line: 1, column: 0, offset: 0 } };
    }
    throw err;
  }
}
