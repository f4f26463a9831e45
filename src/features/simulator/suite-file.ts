/**
 * The saved requests as a file, in the format the CLI's `simulate --requests FILE` reads: an
 * object with a `savedRequests` list (a list alone, or a whole configuration, is read too).
 */
import { catalog } from '@/core/catalog/catalog';
import { toServiceId } from '@/core/catalog/ids';
import { configFormatFor } from '@/core/config/text-format';
import { perimeterConfigSchema } from '@/core/config/schema';
import type { SavedRequest } from '@/core/config/request-schema';
import { parseSavedRequestsText } from '@/core/evaluate/suite';

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
  const parsed = parseSavedRequestsText(text, configFormatFor(fileName));
  if (!parsed.requests)
    return {
      problems: parsed.diagnostics.map((d) =>
        d.range
          ? `${fileName}, line ${d.range.start.line}, column ${d.range.start.column}: ${d.message}`
          : `${fileName}: ${d.message}`,
      ),
    };
  const unknown = parsed.requests.flatMap((request, index) =>
    toServiceId(request.service, catalog)
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
