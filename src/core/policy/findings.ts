/**
 * Collecting diagnostics about a policy text. Offsets become line:column ranges through a table of
 * line starts built once, so thousands of findings in a large text stay cheap; the number of
 * findings is capped so that a pathological input cannot flood the editor or the terminal.
 */
import { BUDGETS, shortenForDisplay } from '../budgets';
import type { Diagnostic, DiagnosticCode, Severity, TextPosition, TextRange } from '../diagnostics';
import { formatJsonPath, type JsonPath } from '../text/json-path';
import { formatCount } from '../text/format-count';

/** More findings than this are summarized in one closing note. */
export const MAX_DIAGNOSTICS = 1000;

/** Line starts of a text, for offset → 1-based line:column in logarithmic time. */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1))
      this.starts.push(i + 1);
  }

  position(offset: number): TextPosition {
    const at = Math.min(Math.max(offset, 0), this.text.length);
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.starts[mid]! <= at) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: at - this.starts[low]! + 1 };
  }

  range(offset: number, length: number): TextRange {
    return { start: this.position(offset), end: this.position(offset + Math.max(length, 0)) };
  }
}

/** Where a finding is: a span of the text and the policy element it belongs to. */
export interface Span {
  offset: number;
  length: number;
  path?: JsonPath;
}

/** A place already converted to a range, with its path already formatted. */
export interface RangeSpan {
  range: TextRange;
  path?: string;
}

export interface FindingDetails {
  hint?: string;
  sid?: string;
}

export class Findings {
  readonly list: Diagnostic[] = [];
  private readonly dropped: Record<Severity, number> = { error: 0, warning: 0, info: 0 };

  constructor(readonly lines: LineIndex) {}

  add(
    severity: Severity,
    code: DiagnosticCode,
    message: string,
    at?: Span | RangeSpan,
    details: FindingDetails = {},
  ): void {
    if (this.list.length >= MAX_DIAGNOSTICS) {
      this.dropped[severity]++;
      return;
    }
    const limit = BUDGETS.messageCharacters.limit;
    const diagnostic: Diagnostic = { severity, code, message: shortenForDisplay(message, limit) };
    if (details.hint) diagnostic.hint = shortenForDisplay(details.hint, limit);
    if (at?.path) diagnostic.path = typeof at.path === 'string' ? at.path : formatJsonPath(at.path);
    if (at) diagnostic.range = 'range' in at ? at.range : this.lines.range(at.offset, at.length);
    if (details.sid) diagnostic.sid = details.sid;
    this.list.push(diagnostic);
  }

  error(
    code: DiagnosticCode,
    message: string,
    at?: Span | RangeSpan,
    details?: FindingDetails,
  ): void {
    this.add('error', code, message, at, details);
  }

  warning(
    code: DiagnosticCode,
    message: string,
    at?: Span | RangeSpan,
    details?: FindingDetails,
  ): void {
    this.add('warning', code, message, at, details);
  }

  info(
    code: DiagnosticCode,
    message: string,
    at?: Span | RangeSpan,
    details?: FindingDetails,
  ): void {
    this.add('info', code, message, at, details);
  }

  get full(): boolean {
    return this.list.length >= MAX_DIAGNOSTICS;
  }

  /** The findings in the given order, with a closing note when some were left out. */
  finish(order?: (a: Diagnostic, b: Diagnostic) => number): Diagnostic[] {
    if (order) this.list.sort(order);
    const { error, warning, info } = this.dropped;
    const total = error + warning + info;
    if (total > 0) {
      // The note carries the worst severity left out, so that a pipeline still fails on hidden errors.
      this.list.push({
        severity: error > 0 ? 'error' : warning > 0 ? 'warning' : 'info',
        code: 'validate/too-many-findings',
        message: `${formatCount(total)} more findings are not shown (${formatCount(error)} errors, ${formatCount(warning)} warnings); fix the ones above first.`,
      });
    }
    return this.list;
  }
}
