/** The files named on the command line: files as given, folders walked (CloudTrail digest files left out). */
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { UsageError } from '../types';

const MAX_FILES = 1_000_000;

export function trailPaths(
  cwd: string,
  args: readonly string[],
): { paths: string[]; skipped: number } {
  const paths: string[] = [];
  let skipped = 0;
  const walk = (dir: string) => {
    const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name < b.name ? -1 : 1,
    );
    for (const entry of entries) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) {
        // Digest files prove the integrity of log files; they hold no events.
        if (entry.name === 'CloudTrail-Digest') skipped++;
        else walk(full);
      } else if (entry.isFile() && !entry.name.startsWith('.')) {
        if (paths.length >= MAX_FILES)
          throw new UsageError(`more than ${MAX_FILES} files: narrow the folders`);
        paths.push(full);
      }
    }
  };
  for (const arg of args) {
    const full = resolve(cwd, arg);
    let stat;
    try {
      stat = statSync(full);
    } catch {
      throw new UsageError(`cannot read "${arg}": no such file or folder`);
    }
    if (stat.isDirectory()) walk(full);
    else paths.push(full);
  }
  return { paths, skipped };
}
