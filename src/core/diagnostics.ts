/** A position in a text, 1-based like compiler output. */
export interface TextPosition {
  line: number;
  column: number;
}

export interface TextRange {
  start: TextPosition;
  end: TextPosition;
}

export type Severity = 'error' | 'warning' | 'info';

/**
 * A finding about a configuration, a generated policy or a policy text. `code` is stable so that
 * tools and tests can match on it; `message` is for people.
 */
export interface Diagnostic {
  severity: Severity;
  code: string;
  message: string;
  /** What the user can do about it, when there is something. */
  hint?: string;
  /** Dotted path of the configuration field or policy element concerned. */
  path?: string;
  /** Where in the text, when the finding comes from a text. */
  range?: TextRange;
  /** The Sid of the statement concerned, for findings about a generated policy. */
  sid?: string;
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

const severityRank: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Errors first, then warnings, then notes; stable otherwise. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return diagnostics
    .map((d, i) => [d, i] as const)
    .sort(([a, i], [b, j]) => severityRank[a.severity] - severityRank[b.severity] || i - j)
    .map(([d]) => d);
}

/** Converts a character offset into a 1-based line and column. */
export function offsetToPosition(text: string, offset: number): TextPosition {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(Math.max(offset, 0), text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}

export function offsetRange(text: string, offset: number, length: number): TextRange {
  return {
    start: offsetToPosition(text, offset),
    end: offsetToPosition(text, offset + Math.max(length, 0)),
  };
}
