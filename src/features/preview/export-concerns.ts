/**
 * What an export would carry that is not finished: the values still to fill (named by their page
 * control, or by the placeholder left in an edited text) and the errors, one line each, for the
 * question asked before Copy, Download and Download all.
 */
import type { Catalog } from '@/core/catalog/catalog-index';
import type { Diagnostic } from '@/core/diagnostics';
import { countFindings, findingKind, placeholdersNamed } from '@/core/finding-kinds';
import { controlPlace, describeControlPlace } from '@/shared/catalog/control-places';

export interface ExportConcerns {
  /** One line per page field (or per placeholder of an edited text) still to fill. */
  toFill: string[];
  /** How many values are to fill, counted as the status line counts them (by placeholder). */
  valuesToFill: number;
  errors: string[];
}

export function exportConcerns(
  diagnostics: readonly Diagnostic[],
  catalog: Catalog,
): ExportConcerns {
  const toFill = new Map<string, string>();
  const errors = new Set<string>();
  for (const diagnostic of diagnostics) {
    const kind = findingKind(diagnostic);
    if (kind === 'error') errors.add(diagnostic.message);
    if (kind !== 'to-fill') continue;
    const placeholders = placeholdersNamed(diagnostic);
    const place = diagnostic.path ? controlPlace(diagnostic.path, catalog) : undefined;
    // A generated policy's finding names its control; an edited text's names its placeholder.
    if (place && diagnostic.code !== 'placeholder/unfilled') {
      const line = describeControlPlace(place);
      toFill.set(line, placeholders.length > 0 ? `${line} (${placeholders.join(', ')})` : line);
    } else {
      for (const placeholder of placeholders.length > 0 ? placeholders : [diagnostic.message])
        toFill.set(placeholder, placeholder);
    }
  }
  return {
    toFill: [...toFill.values()],
    valuesToFill: countFindings(diagnostics).toFill,
    errors: [...errors],
  };
}

export const hasConcerns = (concerns: ExportConcerns) =>
  concerns.toFill.length + concerns.errors.length > 0;
