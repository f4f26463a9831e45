/**
 * A bounded reader for large JSON files (the output of `describe-vpc-endpoints` runs to megabytes):
 * size, binary content and nesting are checked first, the text is parsed natively, and only when
 * that fails is it scanned again for the line and column of the first error.
 */
import { printParseErrorCode, visit } from 'jsonc-parser';
import { jsonDepth, syntaxMessage } from '../text/json-syntax';
import { offsetRange, type Diagnostic, type DiagnosticCode } from '../diagnostics';
import { formatCount } from '../text/format-count';

export interface LargeJsonOptions {
  /** Characters above which the text is refused unread. */
  maxCharacters: number;
  /** Deepest nesting accepted. */
  maxDepth: number;
  /** What the file should be, for messages: "the output of aws ec2 describe-vpc-endpoints". */
  expected: string;
}

export interface LargeJsonResult {
  /** Absent when the text could not be read. */
  value?: unknown;
  diagnostics: Diagnostic[];
}

/** The message for a file over the size limit, also used before a file is read at all. */
export function tooLargeMessage(characters: number, options: LargeJsonOptions): string {
  const size =
    characters >= 1_000_000
      ? `${(characters / 1_000_000).toFixed(1)} million characters`
      : `${formatCount(characters)} characters`;
  return `The file is ${size}; the limit is ${formatCount(options.maxCharacters)}. Expected ${options.expected}: is this the right file?`;
}

export function readLargeJson(text: string, options: LargeJsonOptions): LargeJsonResult {
  const fail = (code: DiagnosticCode, message: string, diagnostic: Partial<Diagnostic> = {}) => ({
    diagnostics: [{ severity: 'error' as const, code, message, ...diagnostic }],
  });
  if (text.length > options.maxCharacters)
    return fail('input/too-large', tooLargeMessage(text.length, options));
  if (text.includes('\u0000'))
    return fail(
      'input/binary',
      `The file contains binary data (NUL characters); expected ${options.expected}.`,
    );
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '')
    return fail('input/empty', `The file is empty; expected ${options.expected}.`);
  const depth = jsonDepth(body);
  if (depth > options.maxDepth)
    return fail(
      'input/too-deep',
      `The text nests ${depth} levels deep; ${options.expected} never needs more than ${options.maxDepth}.`,
    );
  try {
    return { value: JSON.parse(body) as unknown, diagnostics: [] };
  } catch (error) {
    return { diagnostics: [syntaxDiagnostic(body, error, options)] };
  }
}

/** The first syntax error with its position; a text that ends early says it looks cut off. */
function syntaxDiagnostic(text: string, error: unknown, options: LargeJsonOptions): Diagnostic {
  let first: { code: string; offset: number; length: number } | undefined;
  visit(
    text,
    {
      onError(code, offset, length) {
        first ??= { code: printParseErrorCode(code), offset, length };
      },
    },
    { disallowComments: true, allowTrailingComma: false },
  );
  if (!first) {
    return {
      severity: 'error',
      code: 'input/syntax',
      message: `JSON syntax error: ${(error as Error).message}.`,
    };
  }
  const atEnd = first.offset + first.length >= text.trimEnd().length;
  const diagnostic: Diagnostic = {
    severity: 'error',
    code: 'input/syntax',
    message: atEnd
      ? `The JSON ends too early (${syntaxMessage(first.code)}): the file looks cut off.`
      : `JSON syntax error: ${syntaxMessage(first.code)}.`,
    range: offsetRange(text, first.offset, first.length),
  };
  diagnostic.hint = atEnd
    ? `Save ${options.expected} again completely, for example with "> file.json" rather than a copy from the terminal.`
    : `Expected ${options.expected}.`;
  return diagnostic;
}
