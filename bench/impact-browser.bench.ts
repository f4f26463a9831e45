/**
 * The impact analysis in the browser on a 1 GB CloudTrail file: the file is generated on disk,
 * picked in the Impact panel of the production build in Debian's Chromium, and read by the
 * panel's worker. Prints how long the reading took (MB/s), the peak memory (RSS) of the page's
 * renderer process, where the page and its worker live, against the file's size, and how
 * responsive the page stayed: the longest delay of a 50 ms timer on the page's thread, and the
 * round trip of a keystroke typed into the organization field while the worker reads.
 * IMPACT_BROWSER_MB sets the file size (default 1024).
 */
import {
  createWriteStream,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
} from 'node:fs';
import { once } from 'node:events';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { appOutDir, buildApp } from './browser/build-pages';
import { startStaticServer } from './browser/static-server';
import { GENERATED_ORG, pooledTrailText } from './impact/generate-trail';

const TARGET_BYTES = Number(process.env.IMPACT_BROWSER_MB ?? 1024) * 1024 * 1024;
/** Generated records are about 1.8 kB each. */
const BYTES_PER_EVENT = 1830;

async function writeBigTrail(path: string): Promise<number> {
  const out = createWriteStream(path);
  let bytes = 0;
  for (const chunk of pooledTrailText(5, Math.ceil(TARGET_BYTES / BYTES_PER_EVENT))) {
    bytes += chunk.length;
    if (!out.write(chunk)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return bytes;
}

/** Resident memory (bytes) of each process below `root`, by pid, read from /proc. */
function residentBelow(root: number): Map<number, { rss: number; renderer: boolean }> {
  const parents = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // The process ended meanwhile.
    }
  }
  const out = new Map<number, { rss: number; renderer: boolean }>();
  for (const pid of parents.keys()) {
    let at: number | undefined = pid;
    while (at !== undefined && at > 1 && at !== root) at = parents.get(at);
    if (at !== root) continue;
    try {
      const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      const renderer = readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('--type=renderer');
      if (rss) out.set(pid, { rss: Number(rss[1]) * 1024, renderer });
    } catch {
      // The process ended meanwhile.
    }
  }
  return out;
}

/**
 * Starts a probe on the page: the lateness of a 50 ms timer, the page thread's responsiveness.
 * Text, not a function: the TypeScript loader would add helpers the page does not have.
 */
const RESPONSIVENESS_PROBE = `(() => {
  const state = { worst: 0, samples: 0 };
  let expected = performance.now() + 50;
  const tick = () => {
    const now = performance.now();
    state.worst = Math.max(state.worst, now - expected);
    state.samples++;
    expected = now + 50;
    setTimeout(tick, 50);
  };
  setTimeout(tick, 50);
  window.impactProbe = state;
})()`;

export async function run(): Promise<void> {
  const dir = join(tmpdir(), `impact-browser-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  const path = join(dir, 'big-trail.json');
  mkdirSync(dir, { recursive: true });
  const built = await buildApp();
  if (!built.ok) {
    console.log(`the app could not be built: ${built.reason}`);
    return;
  }
  const server = await startStaticServer(appOutDir);
  const systemChromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) =>
    existsSync(p),
  );
  const browser = await chromium.launch({
    ...(systemChromium ? { executablePath: systemChromium } : {}),
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  try {
    const bytes = await writeBigTrail(path);
    console.log(
      `load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(
          ' ',
        )}; a ${(bytes / 1024 / 1024).toFixed(0)} MB CloudTrail file (${Math.round(bytes / BYTES_PER_EVENT / 1000)}k events)`,
    );
    const page = await browser.newPage();
    await page.goto(server.origin);
    await page.getByRole('textbox', { name: 'Organization ID' }).fill(GENERATED_ORG);
    await page.getByRole('tab', { name: 'Impact' }).click();
    const panel = page.getByRole('region', { name: 'Impact on real traffic' });
    await page.evaluate(RESPONSIVENESS_PROBE);
    // Playwright starts Chromium as a child of this process.
    const browserPid = process.pid;
    let peakRenderer = 0;
    const sample = () => {
      const processes = residentBelow(browserPid);
      for (const { rss, renderer } of processes.values())
        if (renderer) peakRenderer = Math.max(peakRenderer, rss);
    };
    sample();
    const rendererBefore = peakRenderer;
    const sampler = setInterval(sample, 250);
    const started = performance.now();
    await panel.getByLabel('Choose CloudTrail log files').setInputFiles(path);
    // Edits of a field while the worker reads: the page must answer each at once.
    const field = page.getByRole('textbox', { name: 'Organization ID' });
    const keystrokes: number[] = [];
    const progress = panel.getByRole('progressbar', { name: 'Reading the logs' });
    await page.evaluate('window.impactProbe.worst = 0');
    while ((await progress.count()) > 0) {
      if (keystrokes.length < 40) {
        const typed = performance.now();
        await field.fill(keystrokes.length % 2 === 0 ? 'o-zzzzzzzzzz' : GENERATED_ORG);
        keystrokes.push(performance.now() - typed);
      }
      await page.waitForTimeout(250);
    }
    const whileReading = (await page.evaluate('window.impactProbe')) as {
      worst: number;
      samples: number;
    };
    const peakWhileReading = peakRenderer;
    await field.fill(GENERATED_ORG);
    const summary = panel.getByRole('status', { name: 'Impact summary' });
    await summary.waitFor({ timeout: 30 * 60_000 });
    const wallSeconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    sample();
    const text = (await summary.textContent()) ?? '';
    const readSeconds = Number(/read in ([\d.]+) s/.exec(text)?.[1] ?? Number.NaN);
    const mb = bytes / 1e6;
    console.log(
      `read in the worker in ${readSeconds.toFixed(1)} s (${(mb / readSeconds).toFixed(0)} MB/s); report shown after ${wallSeconds.toFixed(1)} s`,
    );
    console.log(
      `peak RSS of the page's renderer process (page and worker) while reading: ${(peakWhileReading / 1024 / 1024).toFixed(0)} MB ` +
        `(${(rendererBefore / 1024 / 1024).toFixed(0)} MB before, ${(peakRenderer / 1024 / 1024).toFixed(0)} MB with the report shown), for a ${(bytes / 1024 / 1024).toFixed(0)} MB file`,
    );
    const sorted = [...keystrokes].sort((a, b) => a - b);
    console.log(
      `page thread while reading: longest delay of a 50 ms timer ${whileReading.worst.toFixed(0)} ms; ` +
        `${keystrokes.length} edits of a field, median ${sorted[sorted.length >> 1]?.toFixed(0) ?? '-'} ms, slowest ${sorted[sorted.length - 1]?.toFixed(0) ?? '-'} ms`,
    );
    console.log(`summary: ${text.slice(0, 160).replace(/\s+/g, ' ')}`);
  } finally {
    await browser.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
