/** Reading a perimeter configuration from a text (JSON with comments, or YAML) and validating it. */
import { catalog as bundledCatalog, type Catalog } from '../catalog/catalog';
import { validateParsed, type ConfigParseResult } from './parse';
import { readStructuredText } from './structured-text';
import type { ConfigTextFormat } from './text-format';

/** Parses and validates a configuration text. */
export function parseConfigText(
  text: string,
  options: { format?: ConfigTextFormat; catalog?: Catalog } = {},
): ConfigParseResult {
  const read = readStructuredText(text, options.format ?? 'json');
  if (read.value === undefined) return { diagnostics: read.diagnostics };
  return validateParsed(read.value, read.locate, options.catalog ?? bundledCatalog);
}
