/** File and argument helpers shared by the commands. */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { sortDiagnostics, type Diagnostic } from '../core/diagnostics';
import { UsageError } from './types';
import { formatCount } from '../core/format';

/**
 * Reads a text file of at most `limit` characters without reading more than that from disk, so
 * that a huge file or a device such as /dev/zero fails fast instead of hanging.
 */
export function readTextFile(
  cwd: string,
  path: string,
  limit: number,
  what = 'file',
): { path: string; text: string } {
  const full = resolve(cwd, path);
  let stat;
  try {
    stat = statSync(full);
  } catch {
    throw new UsageError(`cannot read ${what} "${path}": no such file`);
  }
  if (stat.isDirectory()) throw new UsageError(`cannot read ${what} "${path}": it is a directory`);
  if (stat.isFile() && stat.size > limit * 4) {
    throw new UsageError(
      `${what} "${path}" is ${(stat.size / 1_000_000).toFixed(1)} MB; the limit is ${formatCount(limit)} characters`,
    );
  }
  const fd = openSync(full, 'r');
  try {
    const buffer = Buffer.alloc(limit * 4 + 1);
    let length = 0;
    while (length < buffer.length) {
      const read = readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
    }
    if (length === buffer.length) {
      throw new UsageError(
        `${what} "${path}" is larger than the limit of ${formatCount(limit)} characters`,
      );
    }
    const text = buffer.subarray(0, length).toString('utf8');
    return { path: full, text };
  } finally {
    closeSync(fd);
  }
}

/** node:util parseArgs with usage errors instead of exceptions. */
export function parseOptions<T extends NonNullable<ParseArgsConfig['options']>>(
  args: string[],
  options: T,
  allowPositionals = false,
) {
  try {
    return parseArgs({ args, options, allowPositionals, strict: true });
  } catch (error) {
    const message = (error as Error).message.replace(/^TypeError( \[[A-Z_]+\])?: /, '');
    throw new UsageError(`${message}\nRun with --help for the options.`);
  }
}

/** `file:line:col: severity code: message` lines, compiler style; hints indented below. */
export function formatDiagnostics(
  file: string,
  diagnostics: readonly Diagnostic[],
  options: { quiet?: boolean } = {},
): string {
  const lines: string[] = [];
  for (const d of sortDiagnostics(diagnostics)) {
    if (options.quiet && d.severity === 'info') continue;
    const where = d.range
      ? `${file}:${d.range.start.line}:${d.range.start.column}`
      : d.path
        ? `${file} (${d.path})`
        : file;
    lines.push(`${where}: ${d.severity} ${d.code}: ${d.message}`);
    if (d.hint) lines.push(`  hint: ${d.hint}`);
  }
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}
