/**
 * One cold load of a page in a fresh browser context (empty cache and storage): the contract's
 * marks as the page recorded them, and the scripts and styles it fetched, with their gzip sizes.
 */
import type { Browser, Page } from '@playwright/test';
import { assetKind, gzipSize, type FetchedAsset } from './accounting';
import type { ContractMark } from './reference/performance-marks';

export type { ContractMark };

export interface ColdLoad {
  /** Mark times in ms since navigation start; a mark the page never recorded is absent. */
  marks: Partial<Record<ContractMark, number>>;
  assets: FetchedAsset[];
  /** Requests to any origin other than the page's own. */
  foreignRequests: string[];
  problems: string[];
}

export const viewport = { width: 1280, height: 800 };

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
  const bodies: Promise<{ url: string; kind: 'js' | 'css'; gzipBytes: number } | undefined>[] = [];
  const foreignRequests: string[] = [];
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(origin) && !/^(data|blob|about):/.test(url)) foreignRequests.push(url);
  });
  page.on('response', (response) => {
    const kind = assetKind(response.url(), response.headers()['content-type']);
    if (!kind || response.status() !== 200) return;
    bodies.push(
      response.body().then(
        (body) => ({ url: response.url(), kind, gzipBytes: gzipSize(body) }),
        () => undefined,
      ),
    );
  });
  return { bodies, foreignRequests };
}

/** What the DOM showed when a contract mark was set, to catch a mark set before its content. */
interface DomAtMark {
  comboboxes: number;
  switches: number;
  policyText: boolean;
  editorLines: boolean;
}

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
export async function loadCold(
  browser: Browser,
  url: string,
  marks: readonly ContractMark[],
  timeoutMs: number,
): Promise<ColdLoad> {
  const context = await browser.newContext({ viewport, serviceWorkers: 'block' });
  const problems: string[] = [];
  try {
    await context.addInitScript(recordDomAtMarks);
    const page = await context.newPage();
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
    for (const mark of marks) {
      if (!(await waitForMark(page, mark, deadline)))
        problems.push(`mark "${mark}" never appeared within ${Math.round(timeoutMs / 1000)} s`);
    }
    const { markTimes, resources, domAtMarks } = await readTimings(page, marks);
    measuring = false;
    for (const mark of marks) {
      const problem = markContentProblem(mark, domAtMarks[mark]);
      if (problem) problems.push(problem);
    }
    const fetched = (await Promise.all(watched.bodies)).filter((body) => body !== undefined);
    const ends = new Map<string, number>();
    for (const resource of resources)
      if (!ends.has(resource.url)) ends.set(resource.url, resource.responseEnd);
    const assets: FetchedAsset[] = fetched.map((body) => ({
      ...body,
      responseEnd: ends.get(body.url) ?? Number.POSITIVE_INFINITY,
    }));
    return { marks: markTimes, assets, foreignRequests: watched.foreignRequests, problems };
  } catch (error) {
    problems.push(
      `load failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
    );
    return { marks: {}, assets: [], foreignRequests: [], problems };
  } finally {
    await context.close().catch(() => undefined);
  }
}
