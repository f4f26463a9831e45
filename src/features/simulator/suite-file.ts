/**
 * The saved requests as a file, in the format the CLI's `simulate --requests FILE` reads: an
 * object with a `savedRequests` list (a list alone, or a whole configuration, is read too).
 */
import { parse as parseJsonc, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { parse as parseYaml } from 'yaml';
import { catalog } from '@/core/catalog/catalog';
import { configFormatFor, MAX_CONFIG_CHARACTERS } from '@/core/config/parse';
import { perimeterConfigSchema } from '@/core/config/schema';
import { offsetRange } from '@/core/diagnostics';
import type { SavedRequest } from '@/core/evaluate/request-schema';
import { parseSavedRequests } from '@/core/evaluate/suite';

export const SUITE_FILE_NAME = 'saved-requests.json';

export function suiteFileText(requests: readonly SavedRequest[]): string {
  return `${JSON.stringify({ savedRequests: requests }, null, 2)}\n`;
}

export interface SuiteFileReading {
  requests?: SavedRequest[];
  /** Each problem with where it is: a line and column, or the path of the field. */
  problems: string[];
}

/** Reads a suite file: JSON (comments allowed) or, by its name, YAML. */
export function readSuiteFile(fileName: string, text: string): SuiteFileReading {
  if (text.length > MAX_CONFIG_CHARACTERS)
    return {
      problems: [
        `${fileName} is larger than ${MAX_CONFIG_CHARACTERS} characters; a suite is a few kilobytes.`,
      ],
    };
  let value: unknown;
  if (configFormatFor(fileName) === 'yaml') {
    try {
      value = parseYaml(text, { maxAliasCount: 50 });
    } catch (error) {
      return {
        problems: [
          `${fileName}: the YAML could not be read: ${(error as Error).message.split('\n')[0]}`,
        ],
      };
    }
  } else {
    const errors: ParseError[] = [];
    value = parseJsonc(text, errors, { allowTrailingComma: false });
    if (errors.length > 0) {
      const first = errors[0]!;
      const at = offsetRange(text, first.offset, first.length).start;
      return {
        problems: [
          `${fileName}, line ${at.line}, column ${at.column}: JSON syntax error (${printParseErrorCode(first.error)}).`,
        ],
      };
    }
  }
  const parsed = parseSavedRequests(value);
  if (!parsed.requests)
    return { problems: parsed.diagnostics.map((d) => `${fileName}: ${d.message}`) };
  const unknown = parsed.requests.flatMap((request, index) =>
    catalog.service(request.service)
      ? []
      : [
          `${fileName}: request ${index + 1} ("${request.name}") goes through "${request.service}", which is not an endpoint service of the catalog.`,
        ],
  );
  return unknown.length > 0 ? { problems: unknown } : { requests: parsed.requests, problems: [] };
}

/** The suite with the imported requests added, each one at most once. */
export function withImportedRequests(
  current: readonly SavedRequest[],
  imported: readonly SavedRequest[],
): { requests: SavedRequest[]; added: number; alreadyThere: number } {
  const seen = new Set(current.map((request) => JSON.stringify(request)));
  const requests = [...current];
  let alreadyThere = 0;
  for (const request of imported) {
    const key = JSON.stringify(request);
    if (seen.has(key)) {
      alreadyThere++;
      continue;
    }
    seen.add(key);
    requests.push(request);
  }
  return { requests, added: requests.length - current.length, alreadyThere };
}

/** Why the configuration cannot keep this suite (it holds a limited number of requests), if it cannot. */
export function suiteSizeProblem(requests: readonly SavedRequest[]): string | undefined {
  const checked = perimeterConfigSchema.shape.savedRequests.safeParse(requests);
  if (checked.success) return undefined;
  const tooBig = checked.error.issues.find(
    (issue) => issue.code === 'too_big' && issue.path.length === 0,
  );
  return tooBig && tooBig.code === 'too_big'
    ? `The suite would hold ${requests.length} requests; a configuration keeps at most ${String(tooBig.maximum)}.`
    : checked.error.issues[0]?.message;
}
