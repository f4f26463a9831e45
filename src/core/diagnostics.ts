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
 * Every code a finding can carry, by the part of the product that gives it. Codes are stable:
 * tools and tests match on them, so a new finding adds a code here and an old one keeps its own.
 */
export const DIAGNOSTIC_CODES = [
  // action
  'action/malformed',
  'action/matches-nothing',
  'action/unknown',
  'action/unknown-service',
  // arn
  'arn/account-wildcard-mix',
  'arn/malformed',
  'arn/malformed-account',
  'arn/malformed-region',
  'arn/missing-region',
  'arn/missing-service',
  'arn/partition-mismatch',
  'arn/partition-not-in-use',
  'arn/unexpected-account',
  'arn/unexpected-region',
  'arn/unknown-partition',
  'arn/unknown-region',
  'arn/unknown-resource-type',
  'arn/unknown-service',
  // budget
  'budget/action-lookups',
  'budget/element-values',
  'budget/evaluation-steps',
  'budget/pattern-too-long',
  'budget/statements',
  'budget/suite-steps',
  // condition
  'condition/bool-case',
  'condition/for-all-values-single-valued',
  'condition/for-any-value-single-valued',
  'condition/invalid-arn',
  'condition/invalid-binary',
  'condition/invalid-bool',
  'condition/invalid-date',
  'condition/invalid-ip',
  'condition/invalid-number',
  'condition/multivalued-key-without-qualifier',
  'condition/number-rounded',
  'condition/number-too-large',
  'condition/numeric-on-system-id',
  'condition/operator-case',
  'condition/operator-type-mismatch',
  'condition/short-wildcard-context',
  'condition/unknown-key',
  'condition/unknown-operator',
  'condition/wildcard-in-equals',
  'condition/wildcard-on-system-id',
  // config
  'config/binary',
  'config/duplicate-key',
  'config/duplicate-value',
  'config/invalid-key',
  'config/invalid-type',
  'config/invalid-value',
  'config/missing-field',
  'config/pattern-without-service',
  'config/service-other-name',
  'config/settings-for-other-name',
  'config/settings-for-unselected-service',
  'config/several-partitions',
  'config/syntax',
  'config/too-deep',
  'config/too-large',
  'config/unknown-account-table',
  'config/unknown-bucket-pattern',
  'config/unknown-field',
  'config/unknown-pattern',
  'config/unknown-region',
  'config/unknown-service',
  'config/unknown-statement',
  // describe
  'describe/duplicate-endpoint',
  'describe/endpoint-gone',
  'describe/endpoint-id',
  'describe/endpoint-type',
  'describe/invalid-field',
  'describe/not-an-endpoint',
  'describe/too-many-endpoints',
  'describe/unknown-region',
  'describe/wrong-shape',
  // export
  'export/note',
  // generate
  'generate/discontinued-service',
  'generate/invalid-parameter',
  'generate/missing-account',
  'generate/missing-parameter',
  'generate/missing-region',
  'generate/no-documented-resource',
  'generate/open-wildcard-refused',
  'generate/partition-caveat',
  'generate/region-quirk',
  'generate/statement-without-patterns',
  'generate/unknown-region',
  'generate/unknown-service',
  'generate/unverified-account',
  // grammar
  'grammar/action-and-notaction',
  'grammar/empty-condition-operator',
  'grammar/empty-list',
  'grammar/invalid-condition',
  'grammar/invalid-condition-value',
  'grammar/invalid-effect',
  'grammar/invalid-id',
  'grammar/invalid-principal',
  'grammar/invalid-sid',
  'grammar/invalid-statement',
  'grammar/invalid-value',
  'grammar/invalid-version',
  'grammar/missing-action',
  'grammar/missing-effect',
  'grammar/missing-principal',
  'grammar/missing-resource',
  'grammar/missing-statement',
  'grammar/missing-version',
  'grammar/no-statements',
  'grammar/not-a-policy',
  'grammar/not-principal-with-allow',
  'grammar/old-version',
  'grammar/principal-and-not-principal',
  'grammar/resource-and-notresource',
  'grammar/unknown-element',
  // id
  'id/account-as-number',
  'id/malformed-account',
  'id/malformed-organization',
  'id/malformed-organization-path',
  'id/malformed-region',
  'id/malformed-vpc',
  'id/malformed-vpc-endpoint',
  'id/unknown-region',
  // input
  'input/binary',
  'input/byte-order-mark',
  'input/empty',
  'input/syntax',
  'input/too-deep',
  'input/too-large',
  // inventory
  'inventory/duplicate-endpoint',
  'inventory/endpoint-type',
  'inventory/region-not-designed',
  'inventory/service-not-designed',
  'inventory/too-many-endpoints',
  'inventory/unknown-service',
  // json
  'json/duplicate-key',
  'json/empty',
  'json/more-syntax-errors',
  'json/syntax',
  'json/too-deep',
  // perimeter
  'perimeter/admits-anyone',
  'perimeter/allow-not-action',
  'perimeter/allow-not-resource',
  'perimeter/deny-analysis-skipped',
  'perimeter/if-exists-condition',
  'perimeter/no-org-to-org',
  'perimeter/open-endpoint',
  'perimeter/open-name-wildcard',
  'perimeter/principal-on-gateway-endpoint',
  'perimeter/sts-federation-blocked',
  'perimeter/tag-without-organization',
  'perimeter/third-party-any-resource',
  'perimeter/unreachable-allow',
  // placeholder
  'placeholder/unfilled',
  // policy
  'policy/unreadable',
  // principal
  'principal/malformed',
  'principal/malformed-service',
  'principal/wildcard',
  // recognition
  'recognition/missing-patterns',
  'recognition/missing-statement',
  'recognition/sid-shape-mismatch',
  'recognition/skipped',
  // request
  'request/invalid',
  'request/principal-account-mismatch',
  'request/principal-arn',
  'request/resource-account-mismatch',
  // requests
  'requests/shape',
  // saved
  'saved/unreadable',
  // service
  'service/policy-support-unknown',
  'service/policy-unsupported',
  'service/unknown',
  // share
  'share/invalid-link',
  // size
  'size/near-limit',
  'size/over-limit',
  // statement
  'statement/duplicate-sid',
  'statement/malformed-sid',
  // validate
  'validate/partly-checked',
  'validate/too-many-findings',
  'validate/unknown-region',
] as const;
export type DiagnosticCode = (typeof DIAGNOSTIC_CODES)[number];

/**
 * A finding the engine makes: its code is one of `DIAGNOSTIC_CODES`. Readers take any
 * `Diagnostic`; the places that make findings (`Findings`, the generator's sink, the checks of
 * configurations and describe-vpc-endpoints output) take only known codes.
 */
export type EngineDiagnostic = Diagnostic<DiagnosticCode>;

/**
 * A finding about a configuration, a generated policy or a policy text. `code` is stable so that
 * tools and tests can match on it; `message` is for people.
 */
export interface Diagnostic<Code extends string = string> {
  severity: Severity;
  code: Code;
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
