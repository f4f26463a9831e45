/** File and argument helpers shared by the commands. */
import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  mkdirSync,
  openSync,
  readlinkSync,
  readSync,
  realpathSync,
  statfsSync,
  statSync,
  writeFileSync,
  type Stats,
} from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { sortDiagnostics, type Diagnostic, formatCount } from '../core/index';
import { UsageError } from './types';

/** What a file system entry is, in words, for messages. */
function kindOf(stat: Stats): string {
  if (stat.isDirectory()) return 'a directory';
  if (stat.isFIFO()) return 'a named pipe (FIFO)';
  if (stat.isCharacterDevice()) return 'a character device';
  if (stat.isBlockDevice()) return 'a block device';
  if (stat.isSocket()) return 'a socket';
  if (stat.isSymbolicLink()) return 'a symbolic link';
  return 'not a regular file';
}

/**
 * Reads a text file of at most `limit` characters without reading more than that from disk.
 * Anything but a regular file (a directory, a FIFO that would wait for a writer, a device such as
 * /dev/zero) is refused at once; the file is opened without waiting and checked again once open,
 * so that swapping it for a FIFO between the two checks does not hang either.
 */
export function readTextFile(
  cwd: string,
  path: string,
  limit: number,
  what = 'file',
): { path: string; text: string } {
  const full = resolve(cwd, path);
  const shown = path;
  let stat;
  try {
    stat = statSync(full);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && lstatOrUndefined(full)?.isSymbolicLink())
      throw new UsageError(`cannot read ${what} "${shown}": it is a symbolic link to nothing`);
    throw new UsageError(
      `cannot read ${what} "${shown}": ${code === 'EACCES' ? 'permission denied' : 'no such file'}`,
    );
  }
  if (!stat.isFile()) throw new UsageError(`cannot read ${what} "${shown}": it is ${kindOf(stat)}`);
  if (stat.size > limit * 4) {
    throw new UsageError(
      `${what} "${shown}" is ${(stat.size / 1_000_000).toFixed(1)} MB; the limit is ${formatCount(limit)} characters`,
    );
  }
  const fd = openSync(full, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const opened = fstatSync(fd);
    if (!opened.isFile())
      throw new UsageError(`cannot read ${what} "${shown}": it is ${kindOf(opened)}`);
    const buffer = Buffer.alloc(limit * 4 + 1);
    let length = 0;
    while (length < buffer.length) {
      const read = readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
    }
    if (length === buffer.length) {
      throw new UsageError(
        `${what} "${shown}" is larger than the limit of ${formatCount(limit)} characters`,
      );
    }
    const text = buffer.subarray(0, length).toString('utf8');
    return { path: full, text };
  } finally {
    closeSync(fd);
  }
}

function lstatOrUndefined(path: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
}

/**
 * File systems whose files are the kernel's or the machine's, not documents: writing a policy
 * there is never meant. Recognized by the statfs magic numbers of Linux (linux/magic.h), and by
 * path for /dev, whose devtmpfs shares its magic number with /tmp.
 */
const SPECIAL_FILE_SYSTEMS = new Map<number, string>([
  [0x9fa0, 'proc'],
  [0x62656572, 'sysfs'],
  [0x64626720, 'debugfs'],
  [0x74726163, 'tracefs'],
  [0x27e0eb, 'cgroup'],
  [0x63677270, 'cgroup2'],
  [0x73636673, 'securityfs'],
  [0x62656570, 'configfs'],
  [0xcafe4a11, 'bpf'],
  [0x6165676c, 'pstore'],
  [0xde5e81e4, 'efivarfs'],
  [0x1cd1, 'devpts'],
]);
const SPECIAL_DIRECTORIES = ['/proc', '/sys', '/dev'];

/** Why nothing should be written in this (existing) directory, if so. */
function specialDirectory(directory: string): string | undefined {
  const real = realpathSync(directory);
  const under = SPECIAL_DIRECTORIES.find((d) => real === d || real.startsWith(`${d}/`));
  if (under) return `it is under ${under}, which holds the system's files, not documents`;
  try {
    const kind = SPECIAL_FILE_SYSTEMS.get(Number(statfsSync(real).type));
    if (kind)
      return `it is on a ${kind} file system, which holds the kernel's files, not documents`;
  } catch {
    // statfs is not available everywhere; the path check above still applies.
  }
  return undefined;
}

/**
 * Where a file may be written, checked before anything is written: not through a symbolic link to
 * nothing (which would create a file wherever it points), not onto an existing directory, FIFO or
 * device, and not on a special file system. A symbolic link to a regular file is followed, and the
 * returned `path` says where the text really goes.
 */
export function checkWritableFile(
  cwd: string,
  path: string,
  what = 'file',
): { path: string; through?: string } {
  const full = resolve(cwd, path);
  const shown = path;
  const link = lstatOrUndefined(full);
  let target = full;
  let through: string | undefined;
  if (link?.isSymbolicLink()) {
    let resolved: string;
    try {
      resolved = realpathSync(full);
    } catch {
      throw new UsageError(
        `will not write ${what} "${shown}": it is a symbolic link to ${readlinkOrUnknown(full)}, which does not exist`,
      );
    }
    target = resolved;
    through = full;
  }
  const existing = lstatOrUndefined(target);
  if (existing && !existing.isFile())
    throw new UsageError(`will not write ${what} "${shown}": it is ${kindOf(existing)}`);
  const directory = dirname(target);
  if (!lstatOrUndefined(directory))
    throw new UsageError(
      `cannot write ${what} "${shown}": the directory ${directory} does not exist`,
    );
  const special = specialDirectory(directory);
  if (special)
    throw new UsageError(`will not write ${what} "${shown}" in ${directory}: ${special}`);
  return through ? { path: target, through } : { path: target };
}

function readlinkOrUnknown(path: string): string {
  try {
    return readlinkSync(path);
  } catch {
    return 'an unknown place';
  }
}

/** Writes a file checked by `checkWritableFile`; the message names the real place. */
export function writeTextFile(
  cwd: string,
  path: string,
  text: string,
  what = 'file',
): { path: string; through?: string } {
  const place = checkWritableFile(cwd, path, what);
  writeFileSync(place.path, text);
  return place;
}

/**
 * Creates an output directory (and its parents) after the same checks as a file: an existing
 * entry must be a directory, and not on a special file system.
 */
export function makeOutputDirectory(cwd: string, path: string): string {
  const full = resolve(cwd, path);
  let existing: Stats | undefined;
  try {
    existing = statSync(full);
  } catch {
    if (lstatOrUndefined(full)?.isSymbolicLink())
      throw new UsageError(
        `will not write into "${path}": it is a symbolic link to ${readlinkOrUnknown(full)}, which does not exist`,
      );
  }
  if (existing && !existing.isDirectory())
    throw new UsageError(`cannot write into "${path}": it is ${kindOf(existing)}`);
  // The nearest directory that exists decides, before anything is created under it.
  let ancestor = full;
  while (!lstatOrUndefined(ancestor) && dirname(ancestor) !== ancestor)
    ancestor = dirname(ancestor);
  const special = specialDirectory(ancestor);
  if (special) throw new UsageError(`will not write into "${path}": ${special}`);
  if (!existing) mkdirSync(full, { recursive: true });
  return realpathSync(full);
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
