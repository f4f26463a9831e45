/** Test helpers that read the shared reference material beside the project. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

/** `../shared/reference` relative to the repository root. */
export const referenceDir = fileURLToPath(
  new URL('../../../../shared/reference/', import.meta.url),
);

export function readReference(path: string): string {
  return readFileSync(join(referenceDir, path), 'utf8');
}

export function readReferenceJson<T = unknown>(path: string): T {
  return JSON.parse(readReference(path)) as T;
}
