/**
 * Errors of the pattern parser: a syntax-error listener that keeps the first error and aborts the
 * parse, and the position type both syntax and semantic errors report. Positions are 1-based lines,
 * 0-based columns and absolute offsets, in UTF-16 units so that callers can slice the JS string.
 */
import { type ATNSimulator, BaseErrorListener, type RecognitionException, type Recognizer, type Token } from 'antlr4ng';

export interface PatternErrorDetail {
  message: string;
  line: number;
  column: number;
  offset: number;
}

/**
 * Thrown to stop the parser at the first error: ANTLR would otherwise recover and go on, which
 * costs time on bulk imports and buries the first (most useful) message under follow-on ones.
 */
export class PatternError extends Error {
  constructor(readonly detail: PatternErrorDetail) {
    super(detail.message);
  }
}

/**
 * ANTLR counts in code points, JS strings in UTF-16 units: they differ only after an astral
 * character (e.g. an emoji in a string literal), so the conversion is skipped for most patterns.
 */
export function positionAt(source: string, codePointOffset: number, line: number, column: number): Omit<PatternErrorDetail, 'message'> {
  if (!/[\uD800-\uDFFF]/.test(source)) return { line, column, offset: codePointOffset };
  let offset = 0;
  for (let seen = 0; seen < codePointOffset && offset < source.length; seen++) {
    offset += source.codePointAt(offset)! > 0xffff ? 2 : 1;
  }
  return { line, column: offset - (source.lastIndexOf('\n', offset - 1) + 1), offset };
}

export function errorAtToken(source: string, token: Token, message: string): PatternError {
  return new PatternError({ message, ...positionAt(source, token.start, token.line, token.column) });
}

export class FirstErrorListener extends BaseErrorListener {
  constructor(private readonly source: string) {
    super();
  }

  override syntaxError<S extends Token, T extends ATNSimulator>(
    _recognizer: Recognizer<T>,
    offendingSymbol: S | null,
    line: number,
    column: number,
    msg: string,
    _e: RecognitionException | null,
  ): void {
    if (offendingSymbol) {
      const position = positionAt(this.source, offendingSymbol.start, line, column);
      throw new PatternError({ message: withLiteralHint(msg, offendingSymbol.text, this.source, position.offset), ...position });
    }
    // Only the lexer reports without a token, and the grammar's catch-all rule means it never
    // does; should that change, line and column still place the error.
    throw new PatternError({ message: msg, line, column, offset: lineColumnToOffset(this.source, line, column) });
  }
}

/**
 * A malformed t'…', h'…' or b'…' literal falls apart into an identifier and a string, and ANTLR
 * then complains about the identifier; say what the literal should have looked like.
 */
const LITERAL_HINTS: Record<string, string> = {
  t: "a timestamp literal looks like t'2016-06-01T00:00:00Z'",
  h: "a hex literal holds pairs of hex digits, like h'ff00'",
  b: "a binary literal holds base64, like b'AQIDBA=='",
};

function withLiteralHint(msg: string, text: string | undefined, source: string, offset: number): string {
  const hint = text && text.length === 1 ? LITERAL_HINTS[text] : undefined;
  return hint && source.charAt(offset + 1) === "'" ? `${msg} (${hint})` : msg;
}

function lineColumnToOffset(source: string, line: number, column: number): number {
  let start = 0;
  for (let l = 1; l < line; l++) start = source.indexOf('\n', start) + 1;
  return start + column;
}
