/**
 * One walk over a parsed pattern: collects the positive equality tests (`=` and `IN`) and IP range
 * tests (`ISSUBSET`, `ISSUPERSET`) whose string values become observables, and enforces the rules
 * the grammar cannot express — qualifier values (REPEATS and WITHIN above zero, STOP after START),
 * one qualifier of a kind per observation expression, and real calendar dates in timestamp
 * literals. The first broken rule throws a PatternError at the offending token.
 */
import type { ParserRuleContext, TerminalNode, Token } from 'antlr4ng';
import { errorAtToken } from './errors.js';
import {
  IndexPathStepContext,
  KeyPathStepContext,
  type ObjectPathComponentContext,
  type ObjectPathContext,
  type ObservationExpressionContext,
  ObservationExpressionRepeatedContext,
  ObservationExpressionStartStopContext,
  ObservationExpressionWithinContext,
  type OrderableLiteralContext,
  PathStepContext,
  type PrimitiveLiteralContext,
  type PropTestEqualContext,
  type PropTestIsSubsetContext,
  type PropTestIsSupersetContext,
  type PropTestSetContext,
  type StartStopQualifierContext,
} from './generated/STIXPatternParser.js';
import { STIXPatternVisitor } from './generated/STIXPatternVisitor.js';
import { compareTimestamps, timestampProblem } from './timestamps.js';

export type PathStep = { key: string } | { index: number | '*' };

/**
 * A positive test on one object path that names values, with its string values unescaped: equal
 * to one of them (`=`, `IN`), or a subset or superset of one (`ISSUBSET`, `ISSUPERSET`, which the
 * spec defines for IP addresses and CIDR ranges).
 */
export interface Comparison {
  objectType: string;
  steps: PathStep[];
  /** The path as written, without whitespace, e.g. `file:hashes.'SHA-256'`. */
  objectPath: string;
  test: 'equal' | 'subset' | 'superset';
  values: string[];
}

/** The body of a STIX string literal: only \' and \\ are escapes in the grammar. */
export function unescapeStringLiteral(literal: string): string {
  const body = literal.slice(1, -1);
  return body.includes('\\') ? body.replace(/\\(['\\])/g, '$1') : body;
}

type Qualified = ObservationExpressionRepeatedContext | ObservationExpressionWithinContext | ObservationExpressionStartStopContext;

export class PatternAnalyser extends STIXPatternVisitor<void> {
  readonly comparisons: Comparison[] = [];

  /**
   * ANTLR rebuilds token text one code point at a time, which showed up in profiles for long hash
   * and URL literals; slicing the source is exact whenever code points and UTF-16 units coincide.
   */
  private readonly sliceable: boolean;

  constructor(private readonly source: string) {
    super();
    this.sliceable = !/[\uD800-\uDFFF]/.test(source);
  }

  private textOf(node: TerminalNode): string {
    return this.sliceable ? this.source.slice(node.symbol.start, node.symbol.stop + 1) : node.getText();
  }

  // Qualifier hooks visit the inner expression first so that errors come out in source order.
  // Visitor hooks are fields, not methods: the generated base declares them as optional fields,
  // which (with define semantics for class fields) would shadow prototype methods.
  override visitPropTestEqual = (ctx: PropTestEqualContext): void => {
    this.checkLiteral(ctx.primitiveLiteral().orderableLiteral());
    if (ctx.NOT() || !ctx.EQ()) return;
    const value = this.stringOf(ctx.primitiveLiteral());
    if (value !== null) this.comparisons.push({ ...this.describePath(ctx.objectPath()), test: 'equal', values: [value] });
  };

  override visitPropTestSet = (ctx: PropTestSetContext): void => {
    const literals = ctx.setLiteral().primitiveLiteral();
    for (const literal of literals) this.checkLiteral(literal.orderableLiteral());
    if (ctx.NOT()) return;
    const values: string[] = [];
    for (const literal of literals) {
      const value = this.stringOf(literal);
      if (value !== null) values.push(value);
    }
    if (values.length) this.comparisons.push({ ...this.describePath(ctx.objectPath()), test: 'equal', values });
  };

  // The grammar gives these a string literal and nothing else, so there is no literal to check.
  override visitPropTestIsSubset = (ctx: PropTestIsSubsetContext): void => {
    if (ctx.NOT()) return;
    const value = unescapeStringLiteral(this.textOf(ctx.StringLiteral()));
    this.comparisons.push({ ...this.describePath(ctx.objectPath()), test: 'subset', values: [value] });
  };

  override visitPropTestIsSuperset = (ctx: PropTestIsSupersetContext): void => {
    if (ctx.NOT()) return;
    const value = unescapeStringLiteral(this.textOf(ctx.StringLiteral()));
    this.comparisons.push({ ...this.describePath(ctx.objectPath()), test: 'superset', values: [value] });
  };

  override visitOrderableLiteral = (ctx: OrderableLiteralContext): void => {
    this.checkLiteral(ctx);
  };

  override visitObservationExpressionRepeated = (ctx: ObservationExpressionRepeatedContext): void => {
    this.visitChildren(ctx);
    this.checkSingleQualifier(ctx);
    const count = ctx.repeatedQualifier().IntPosLiteral();
    if (Number(count.getText()) <= 0) throw errorAtToken(this.source, count.symbol, 'REPEATS must be at least 1 TIMES');
  };

  override visitObservationExpressionWithin = (ctx: ObservationExpressionWithinContext): void => {
    this.visitChildren(ctx);
    this.checkSingleQualifier(ctx);
    const q = ctx.withinQualifier();
    const seconds = (q.IntPosLiteral() ?? q.FloatPosLiteral())!;
    if (!(Number(seconds.getText()) > 0)) throw errorAtToken(this.source, seconds.symbol, 'WITHIN must be more than 0 SECONDS');
  };

  override visitObservationExpressionStartStop = (ctx: ObservationExpressionStartStopContext): void => {
    this.visitChildren(ctx);
    this.checkSingleQualifier(ctx);
    this.checkStartStop(ctx.startStopQualifier());
  };

  private checkStartStop(q: StartStopQualifierContext): void {
    const [start, stop] = q.TimestampLiteral().map((node) => this.checkTimestamp(node));
    if (compareTimestamps(stop.value, start.value) <= 0) {
      throw errorAtToken(this.source, stop.token, `STOP ${stop.value} must be later than START ${start.value}`);
    }
  }

  /** The spec allows one qualifier of each kind per observation expression (parentheses start a new one). */
  private checkSingleQualifier(ctx: Qualified): void {
    const kind = ctx.constructor;
    let inner: ObservationExpressionContext = ctx.observationExpression();
    while (isQualified(inner)) {
      if (inner.constructor === kind) {
        const token = (ctx.getChild(1) as ParserRuleContext).start!;
        throw errorAtToken(this.source, token, `an observation expression may have only one ${token.text} qualifier`);
      }
      inner = inner.observationExpression();
    }
  }

  private describePath(ctx: ObjectPathContext): Omit<Comparison, 'test' | 'values'> {
    const first = ctx.firstPathComponent();
    const quoted = first.StringLiteral();
    const firstKey = quoted ? unescapeStringLiteral(this.textOf(quoted)) : this.textOf(first.IdentifierWithoutHyphen()!);
    const steps: PathStep[] = [{ key: firstKey }];
    const rest = ctx.objectPathComponent();
    if (rest) this.flattenSteps(rest, steps);
    const typeNode = ctx.objectType();
    const objectType = this.textOf((typeNode.IdentifierWithHyphen() ?? typeNode.IdentifierWithoutHyphen())!);
    // As written, unless whitespace or a comment sits inside the path: then token by token.
    const written = this.sliceable ? this.source.slice(ctx.start!.start, ctx.stop!.stop + 1) : '';
    const objectPath = written && !/\s|\/[*/]/.test(written) ? written : ctx.getText();
    return { objectType, steps, objectPath };
  }

  /** The grammar nests path steps left-recursively; this lays them out in reading order. */
  private flattenSteps(ctx: ObjectPathComponentContext, out: PathStep[]): void {
    if (ctx instanceof PathStepContext) {
      for (const part of ctx.objectPathComponent()) this.flattenSteps(part, out);
    } else if (ctx instanceof KeyPathStepContext) {
      const quoted = ctx.StringLiteral();
      out.push({ key: quoted ? unescapeStringLiteral(this.textOf(quoted)) : this.textOf(ctx.IdentifierWithoutHyphen()!) });
    } else if (ctx instanceof IndexPathStepContext) {
      const number = ctx.IntPosLiteral() ?? ctx.IntNegLiteral();
      out.push({ index: number ? Number(this.textOf(number)) : '*' });
    }
  }

  private stringOf(literal: PrimitiveLiteralContext): string | null {
    const node = literal.orderableLiteral()?.StringLiteral();
    return node ? unescapeStringLiteral(this.textOf(node)) : null;
  }

  private checkLiteral(ctx: OrderableLiteralContext | null): void {
    const timestamp = ctx?.TimestampLiteral();
    if (timestamp) this.checkTimestamp(timestamp);
  }

  private checkTimestamp(node: TerminalNode): { value: string; token: Token } {
    const value = node.getText().slice(2, -1);
    const problem = timestampProblem(value);
    if (problem) throw errorAtToken(this.source, node.symbol, `timestamp ${value} ${problem}`);
    return { value, token: node.symbol };
  }
}

function isQualified(ctx: ObservationExpressionContext): ctx is Qualified {
  return (
    ctx instanceof ObservationExpressionRepeatedContext ||
    ctx instanceof ObservationExpressionWithinContext ||
    ctx instanceof ObservationExpressionStartStopContext
  );
}
