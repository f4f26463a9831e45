/**
 * JSON Schema documents exported from the zod schemas: the catalog files point to them with
 * `$schema`, editors and Monaco use them, `vpce-policy init` writes the configuration's beside a
 * new configuration, and `catalog.test.ts` checks that the committed copies are current.
 */
import { z } from 'zod';
import { perimeterConfigSchema } from '../src/core/config/schema';
import { catalogFileSchemas, type CatalogFileName } from '../src/core/catalog/schema';

export function catalogJsonSchema(name: CatalogFileName): Record<string, unknown> {
  return z.toJSONSchema(catalogFileSchemas[name], {
    target: 'draft-2020-12',
    unrepresentable: 'any',
  }) as Record<string, unknown>;
}

export function perimeterConfigJsonSchema(): Record<string, unknown> {
  return {
    ...(z.toJSONSchema(perimeterConfigSchema, {
      target: 'draft-2020-12',
      unrepresentable: 'any',
      io: 'input',
    }) as Record<string, unknown>),
    title: 'VPC endpoint data perimeter configuration',
  };
}

/** Committed schema files: path relative to the repository root, and content. */
export function jsonSchemaFiles(): Array<{ path: string; content: string }> {
  const files = (Object.keys(catalogFileSchemas) as CatalogFileName[]).map((name) => ({
    path: `src/core/catalog/schema/${name}.schema.json`,
    content: `${JSON.stringify(catalogJsonSchema(name), null, 2)}\n`,
  }));
  files.push({
    path: 'public/perimeter-config.schema.json',
    content: `${JSON.stringify(perimeterConfigJsonSchema(), null, 2)}\n`,
  });
  return files;
}
