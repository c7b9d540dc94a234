/**
 * STIX 2.1 patterns: parsePattern checks a pattern against the official grammar and the spec's
 * extra rules, and lists the observables its equality tests name. It never throws on bad input
 * and never logs: the first problem comes back with its position.
 */
import { CharStream, CommonTokenStream } from 'antlr4ng';
import { PatternAnalyser } from './analyser.js';
import { FirstErrorListener, PatternError, type PatternErrorDetail } from './errors.js';
import { STIXPatternLexer } from './generated/STIXPatternLexer.js';
import { STIXPatternParser } from './generated/STIXPatternParser.js';
import { type PatternObservable, observablesFromComparisons } from './observables.js';

export type { PatternErrorDetail } from './errors.js';
export type { ObservableKind, PatternObservable } from './observables.js';

export type ParsePatternResult = { ok: true; observables: PatternObservable[] } | { ok: false; error: PatternErrorDetail };

/**
 * A lexer and parser per call keeps calls independent of each other; what they share is ANTLR's
 * per-grammar prediction cache (static on the generated classes), which only grows with the
 * grammar's decisions and makes every later call faster.
 */
export function parsePattern(pattern: string): ParsePatternResult {
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
