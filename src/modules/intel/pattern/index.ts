/**
 * STIX 2.1 patterns: parsePattern checks a pattern against the official grammar and the spec's
 * extra rules, and lists the observables its equality and IP range tests name. It never throws on
 * bad input and never logs: the first problem comes back with its position.
 */
import { BailErrorStrategy, CharStream, CommonTokenStream, ParseCancellationException, PredictionMode } from 'antlr4ng';
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
  const result = Object.freeze(simpleComparison(pattern) ?? byShape(pattern) ?? parseWithGrammar(pattern));
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
  const comparison: Comparison = {
    objectType,
    steps,
    objectPath: `${objectType}:${path}`,
    test: 'equal',
    values: [unescapeStringLiteral(literal)],
  };
  return { ok: true, observables: observablesFromComparisons([comparison]) };
}

/**
 * Patterns that differ only in their strings parse alike: the grammar never looks inside a string
 * literal, and neither do the spec's extra rules. So a pattern the shortcut cannot take is parsed
 * once per shape (its strings replaced by numbered placeholders) and its comparisons are the
 * shape's with this pattern's strings put back; feeds repeat a few shapes with new values. Where
 * a quote may not start a string (comments; t'…', h'…', b'…' literals) the pattern is parsed as it
 * is, and so is one whose shape does not parse, so that errors and their positions are the grammar's
 * for this pattern. index.test.ts checks both ways agree on generated patterns.
 */
const STRING_LITERAL = /'(?:[^'\\]|\\['\\])*'/g;
// A placeholder's body cannot be an identifier (keys written without quotes stay as they are).
const PLACEHOLDER = /^#(\d+)$/;
const SHAPES = 2_000;
const shapes = new Map<string, readonly Comparison[] | null>();

function byShape(pattern: string): ParsePatternResult | undefined {
  const strings: string[] = [];
  let prefixed = false;
  const shape = pattern.replace(STRING_LITERAL, (literal, at: number) => {
    // t'…', h'…' and b'…' are literals of their own; a quote after any other word character is odd enough to leave alone.
    if (at > 0 && /[A-Za-z0-9_]/.test(pattern[at - 1])) prefixed = true;
    return `'#${strings.push(literal) - 1}'`;
  });
  if (!strings.length || prefixed || /\/[*/]/.test(shape) || shape.length > MEMO_MAX_LENGTH) return undefined;
  let comparisons = shapes.get(shape);
  if (comparisons === undefined) {
    const parsed = comparisonsOf(shape);
    comparisons = parsed.ok ? parsed.comparisons : null;
    if (shapes.size >= SHAPES) shapes.clear();
    shapes.set(shape, comparisons);
  }
  if (!comparisons) return undefined;
  const value = (text: string) => {
    const n = PLACEHOLDER.exec(text);
    return n ? unescapeStringLiteral(strings[Number(n[1])]) : text;
  };
  const filled = comparisons.map((c) => ({
    objectType: c.objectType,
    steps: c.steps.map((step) => ('key' in step ? { key: value(step.key) } : step)),
    objectPath: c.objectPath.replace(/'#(\d+)'/g, (_, n: string) => strings[Number(n)]),
    test: c.test,
    values: c.values.map(value),
  }));
  return { ok: true, observables: observablesFromComparisons(filled) };
}

/**
 * The grammar alone, with neither the shortcut nor the memo (tests compare the two). A lexer and
 * parser per call keeps calls independent of each other; what they share is ANTLR's per-grammar
 * prediction cache (static on the generated classes), which only grows with the grammar's
 * decisions and makes every later call faster.
 *
 * ANTLR's usual two stages: the faster SLL prediction first, giving up at the first problem; only
 * a pattern it cannot take is parsed again with full LL prediction and error reporting, so errors
 * and their positions are those of the full parser (SLL accepts only what LL accepts, with the
 * same tree). Measured: 195 → 150 µs for a two-observation pattern.
 */
export function parseWithGrammar(pattern: string): ParsePatternResult {
  const parsed = comparisonsOf(pattern);
  return parsed.ok ? { ok: true, observables: observablesFromComparisons(parsed.comparisons) } : parsed;
}

function comparisonsOf(pattern: string): { ok: true; comparisons: Comparison[] } | { ok: false; error: PatternErrorDetail } {
  try {
    return { ok: true, comparisons: analyse(pattern, parse(pattern, true)) };
  } catch (err) {
    if (!(err instanceof ParseCancellationException) && !(err instanceof PatternError) && !isStackOverflow(err)) throw err;
  }
  try {
    return { ok: true, comparisons: analyse(pattern, parse(pattern, false)) };
  } catch (err) {
    if (err instanceof PatternError) return { ok: false, error: err.detail };
    // ANTLR's parser and the tree walk recurse once per nesting level and per chained AND/OR, so
    // thousands of them exhaust the stack; that input is refused, not a crash.
    if (isStackOverflow(err)) {
      return { ok: false, error: { message: 'pattern is nested or chained too deeply to parse', line: 1, column: 0, offset: 0 } };
    }
    throw err;
  }
}

function parse(pattern: string, sll: boolean) {
  const listener = new FirstErrorListener(pattern);
  const lexer = new STIXPatternLexer(CharStream.fromString(pattern));
  lexer.removeErrorListeners();
  lexer.addErrorListener(listener);
  const parser = new STIXPatternParser(new CommonTokenStream(lexer));
  parser.removeErrorListeners();
  if (sll) {
    parser.interpreter.predictionMode = PredictionMode.SLL;
    parser.errorHandler = new BailErrorStrategy();
  } else {
    parser.addErrorListener(listener);
  }
  return parser.pattern();
}

function analyse(pattern: string, tree: ReturnType<STIXPatternParser['pattern']>): Comparison[] {
  const analyser = new PatternAnalyser(pattern);
  tree.accept(analyser);
  return analyser.comparisons;
}

const isStackOverflow = (err: unknown) => err instanceof RangeError && /call stack/i.test(err.message);
