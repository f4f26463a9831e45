/**
 * `npm run bench`: runs every bench/*.bench.ts in turn. Each prints its own figures; timings on
 * shared machines are noisy, so benchmarks report medians and percentiles rather than assert.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const dir = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  // A full file name picks that file alone; any other word, every file whose name contains it.
  .filter(
    (f) =>
      only.length === 0 || only.some((o) => (o.endsWith('.bench.ts') ? f === o : f.includes(o))),
  )
  .sort();
for (const file of files) {
  console.log(`\n## ${file}`);
  const mod = (await import(pathToFileURL(join(dir, file)).href)) as {
    run?: () => Promise<void> | void;
  };
  if (typeof mod.run !== 'function') throw new Error(`${file} must export run()`);
  await mod.run();
}
