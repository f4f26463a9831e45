/** Writes the JSON Schema files exported from the zod schemas (run: npm run schemas). */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { jsonSchemaFiles } from './json-schemas';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
for (const file of jsonSchemaFiles()) {
  const target = join(root, file.path);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, file.content);
  console.log(`wrote ${file.path}`);
}
