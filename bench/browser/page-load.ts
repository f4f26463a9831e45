/**
 * One cold load of a page in a fresh browser context (empty cache and storage): the contract's
 * marks as the page recorded them, and the scripts and styles it fetched, with their gzip sizes.
 * Beside the page's own marks, what the benchmark observes itself: when the Organization ID
 * field accepts a click (Playwright's actionability, by a trial click), the first frame that
 * shows policy text and the first that shows it in Monaco, and the total blocking time of the
 * long tasks in the first five seconds.
 */
import type { Browser, Page, Response } from '@playwright/test';
import { assetKind, gzipSize, type FetchedAsset } from './accounting';
import type { ContractMark } from './reference/performance-marks';

export type { ContractMark };

/** What the benchmark observed in a load, in ms since navigation start; absent when never seen. */
export interface ObservedLoad {
  /** A trial click on the Organization ID field succeeded (visible, stable, enabled, receives events). */
  clickable?: number;
  /** The first animation frame with policy text (`"Statement"`) in a visible text or editor. */
  policyText?: number;
  /** The first animation frame with policy text in a visible Monaco editor. */
  monacoText?: number;
  /** Sum of (duration - 50 ms) over the long tasks that started in the first 5 s. */
  blockingFirst5s?: number;
  /**
   * Cumulative layout shift of the first 5 s: the sum of the layout-shift scores the browser
   * reports (none follows an input here), a unitless fraction of the window moved.
   */
  layoutShiftFirst5s?: number;
}

export interface ColdLoad {
  /** Mark times in ms since navigation start; a mark the page never recorded is absent. */
  marks: Partial<Record<ContractMark, number>>;
  observed: ObservedLoad;
  assets: FetchedAsset[];
  /** Requests to any origin other than the page's own. */
  foreignRequests: string[];
  problems: string[];
}

export const viewport = { width: 1280, height: 800 };

/** How long a new window is left to load the browser's own pages before the measured load. */
const windowSettleMs = 1_000;

/** Waits for a mark within the deadline; false (not an exception) when the page never records it. */
export async function waitForMark(page: Page, mark: string, deadline: number): Promise<boolean> {
  try {
    await page.waitForFunction(
      (name) => performance.getEntriesByName(name, 'mark').length > 0,
      mark,
      {
        polling: 50,
        timeout: Math.max(1_000, deadline - Date.now()),
      },
    );
    return true;
  } catch {
    return false;
  }
}

function watchAssets(page: Page, origin: string) {
  const responses: { response: Response; kind: 'js' | 'css' }[] = [];
  const foreignRequests: string[] = [];
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(origin) && !/^(data|blob|about):/.test(url)) foreignRequests.push(url);
  });
  page.on('response', (response) => {
    const kind = assetKind(response.url(), response.headers()['content-type']);
    if (kind && response.status() === 200) responses.push({ response, kind });
  });
  /**
   * The gzip size of each script and style, read once the load has been measured: reading and
   * compressing megabytes of bodies while the load runs would hold up this process, which is the
   * one that times the trial click, and charge the page for it.
   */
  const measure = () =>
    Promise.all(
      responses.map(({ response, kind }) =>
        response.body().then(
          (body) => ({ url: response.url(), kind, gzipBytes: gzipSize(body) }),
          () => undefined,
        ),
      ),
    );
  return { measure, foreignRequests };
}

/** What the DOM showed when a contract mark was set, to catch a mark set before its content. */
interface DomAtMark {
  comboboxes: number;
  switches: number;
  policyText: boolean;
  editorLines: boolean;
}

/**
 * Runs in the page before its own scripts: records long tasks, and watches every animation frame
 * for the first policy text and the first policy text in a visible Monaco editor. Plain
 * JavaScript in a string: the benchmark's own compiler would add helpers the page does not have.
 */
const OBSERVE_LOAD_SCRIPT = `(() => {
  const seen = { longTasks: [], layoutShifts: [] };
  globalThis.__vpceObserved = seen;
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) seen.longTasks.push([entry.startTime, entry.duration]);
    }).observe({ type: 'longtask', buffered: true });
  } catch {}
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries())
        if (!entry.hadRecentInput) seen.layoutShifts.push([entry.startTime, entry.value]);
    }).observe({ type: 'layout-shift', buffered: true });
  } catch {}
  function shows(element) {
    return (
      (element.textContent || '').includes('"Statement"') &&
      getComputedStyle(element).visibility !== 'hidden' &&
      element.offsetParent !== null
    );
  }
  function watch(time) {
    if (seen.monacoText === undefined) {
      if ([...document.querySelectorAll('.monaco-editor .view-lines')].some(shows)) {
        seen.monacoText = time;
        if (seen.policyText === undefined) seen.policyText = time;
      }
    }
    if (seen.policyText === undefined && [...document.querySelectorAll('pre')].some(shows))
      seen.policyText = time;
    if ((seen.policyText === undefined || seen.monacoText === undefined) && time < 30000)
      requestAnimationFrame(watch);
  }
  requestAnimationFrame(watch);
})();`;

/** Runs in the page before its own scripts; it takes its snapshot after the mark's timestamp. */
function recordDomAtMarks(): void {
  const seen: Record<string, DomAtMark> = {};
  Object.assign(globalThis, { __vpceDomAtMarks: seen });
  const mark = performance.mark.bind(performance);
  performance.mark = (name: string, options?: PerformanceMarkOptions) => {
    const entry = mark(name, options);
    if (name.startsWith('vpce:') && !seen[name]) {
      seen[name] = {
        comboboxes: document.querySelectorAll('[role="combobox"]').length,
        switches: document.querySelectorAll('[role="switch"], input[type="checkbox"]').length,
        policyText: (document.body?.textContent ?? '').includes('"Statement"'),
        editorLines: (
          document.querySelector('.monaco-editor .view-lines')?.textContent ?? ''
        ).includes('"Statement"'),
      };
    }
    return entry;
  };
}

/** A mark the page set before what it stands for was there, in words; undefined when it is fine. */
export function markContentProblem(
  mark: ContractMark,
  dom: DomAtMark | undefined,
): string | undefined {
  if (!dom) return undefined;
  if (mark === 'vpce:form-usable' && (dom.comboboxes < 2 || dom.switches < 1))
    return `"${mark}" was set before the choice controls were in the DOM (comboboxes and switches)`;
  if (mark === 'vpce:policy-visible' && !dom.policyText)
    return `"${mark}" was set before any policy text ("Statement") was in the DOM`;
  if (mark === 'vpce:editor-ready' && !dom.editorLines)
    return `"${mark}" was set before Monaco showed lines of the policy`;
  return undefined;
}

async function readTimings(page: Page, marks: readonly ContractMark[]) {
  return page.evaluate((names) => {
    const markTimes: Record<string, number> = {};
    for (const name of names) {
      const entry = performance.getEntriesByName(name, 'mark')[0];
      if (entry) markTimes[name] = entry.startTime;
    }
    const resources = performance.getEntriesByType('resource').map((entry) => ({
      url: entry.name,
      responseEnd: (entry as PerformanceResourceTiming).responseEnd,
    }));
    const domAtMarks =
      (globalThis as { __vpceDomAtMarks?: Record<string, DomAtMark> }).__vpceDomAtMarks ?? {};
    return { markTimes, resources, domAtMarks };
  }, marks);
}

/**
 * Opens `url` cold and waits for `marks` in order, all within `timeoutMs`. A missing mark is
 * reported in `problems` and the load goes on; the context is closed whatever happens.
 */
/** What the page's observer recorded, with the blocking time of the first 5 s. */
async function readObserved(page: Page): Promise<Omit<ObservedLoad, 'clickable'>> {
  return page.evaluate(() => {
    const seen = (
      globalThis as {
        __vpceObserved?: {
          policyText?: number;
          monacoText?: number;
          longTasks: [number, number][];
          layoutShifts?: [number, number][];
        };
      }
    ).__vpceObserved;
    if (!seen) return {};
    const blocking = seen.longTasks
      .filter(([start]) => start < 5000)
      .reduce(
        (sum, [start, duration]) =>
          sum + Math.max(0, Math.min(start + duration, 5000) - start - 50),
        0,
      );
    return {
      ...(seen.policyText !== undefined ? { policyText: seen.policyText } : {}),
      ...(seen.monacoText !== undefined ? { monacoText: seen.monacoText } : {}),
      blockingFirst5s: blocking,
      ...(seen.layoutShifts
        ? {
            layoutShiftFirst5s: seen.layoutShifts
              .filter(([start]) => start < 5000)
              .reduce((sum, [, value]) => sum + value, 0),
          }
        : {}),
    };
  });
}

export interface ObservedTargets {
  /** The accessible name of the text field to trial-click. */
  clickField: string;
  /** Wait for policy text, and for policy text in Monaco, before reading the figures. */
  policyText: boolean;
  monacoText: boolean;
}

export async function loadCold(
  browser: Browser,
  url: string,
  marks: readonly ContractMark[],
  timeoutMs: number,
  observe: ObservedTargets = {
    clickField: 'Organization ID',
    policyText: false,
    monacoText: false,
  },
): Promise<ColdLoad> {
  const context = await browser.newContext({ viewport, serviceWorkers: 'block' });
  const problems: string[] = [];
  try {
    await context.addInitScript(recordDomAtMarks);
    await context.addInitScript({ content: OBSERVE_LOAD_SCRIPT });
    const page = await context.newPage();
    // A person opens a link in a browser window that is already open. A window Playwright has
    // just created is still loading the browser's own pages during its first navigation
    // (Chromium 156 loads its omnibox popup, about 20 files of its own web UI, in the first
    // 250 ms), on the same two cores as the page measured. So the page is opened from a blank
    // page once the window has settled.
    await page.goto('about:blank');
    await page.waitForTimeout(windowSettleMs);
    const origin = new URL(url).origin;
    const watched = watchAssets(page, origin);
    // Errors after the last mark are left out: closing the context aborts requests still in
    // flight (lazy chunks, their styles), and the page reports those as errors of its own.
    let measuring = true;
    page.on('pageerror', (error) => {
      if (measuring) problems.push(`page error: ${error.message}`);
    });
    const deadline = Date.now() + timeoutMs;
    await page.goto(url, { waitUntil: 'commit', timeout: timeoutMs });
    const observed: ObservedLoad = {};
    try {
      await page
        .getByRole('textbox', { name: observe.clickField, exact: true })
        .click({ trial: true, timeout: Math.max(1_000, deadline - Date.now()) });
      const clickedAt = Date.now();
      const origin = await page.evaluate(() => performance.timeOrigin);
      observed.clickable = clickedAt - origin;
    } catch {
      problems.push(`the field "${observe.clickField}" never accepted a click`);
    }
    for (const mark of marks) {
      if (!(await waitForMark(page, mark, deadline)))
        problems.push(`mark "${mark}" never appeared within ${Math.round(timeoutMs / 1000)} s`);
    }
    const wanted = (seen: Omit<ObservedLoad, 'clickable'>) =>
      (!observe.policyText || seen.policyText !== undefined) &&
      (!observe.monacoText || seen.monacoText !== undefined);
    // The blocking time covers the first 5 s: wait for them, and for the text watched.
    await page
      .waitForFunction(() => performance.now() >= 5000, undefined, {
        polling: 250,
        timeout: Math.max(1_000, deadline - Date.now()),
      })
      .catch(() => problems.push('the page did not reach 5 s after navigation in time'));
    let seen = await readObserved(page);
    while (!wanted(seen) && Date.now() < deadline) {
      await page.waitForTimeout(250);
      seen = await readObserved(page);
    }
    if (!wanted(seen)) problems.push('the policy text or the editor never showed the policy');
    Object.assign(observed, seen);
    const { markTimes, resources, domAtMarks } = await readTimings(page, marks);
    measuring = false;
    for (const mark of marks) {
      const problem = markContentProblem(mark, domAtMarks[mark]);
      if (problem) problems.push(problem);
    }
    const fetched = (await watched.measure()).filter((body) => body !== undefined);
    const ends = new Map<string, number>();
    for (const resource of resources)
      if (!ends.has(resource.url)) ends.set(resource.url, resource.responseEnd);
    const assets: FetchedAsset[] = fetched.map((body) => ({
      ...body,
      responseEnd: ends.get(body.url) ?? Number.POSITIVE_INFINITY,
    }));
    return {
      marks: markTimes,
      observed,
      assets,
      foreignRequests: watched.foreignRequests,
      problems,
    };
  } catch (error) {
    problems.push(
      `load failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
    );
    return { marks: {}, observed: {}, assets: [], foreignRequests: [], problems };
  } finally {
    await context.close().catch(() => undefined);
  }
}
