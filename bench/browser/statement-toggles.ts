/**
 * Toggling a statement switch again and again: in the app opened with every service and every
 * region, the app's own `vpce:preview-update` measures (change of choices to updated preview);
 * in the app and in a reference page alike, the browser's Event Timing of each toggle (input to
 * the next paint), which does not depend on where the app puts its measure.
 */
import type { Browser, Locator, Page } from '@playwright/test';
import { viewport, waitForMark, type ContractMark } from './page-load';

export interface ToggleRun {
  /** Durations of the `vpce:preview-update` measures recorded after the first toggle. */
  previewUpdates: number[];
  /**
   * Event Timing durations (input to the next paint) of the toggles that took at least 16 ms,
   * the browser's smallest reporting threshold; the other toggles were faster.
   */
  slowInteractions: number[];
  toggles: number;
  problems: string[];
}

export interface ToggleOptions {
  /** Marks to wait for before the first toggle. */
  marks: readonly ContractMark[];
  /** Wait after each toggle for the app's `vpce:preview-update` measure (the app only). */
  previewMeasure: boolean;
  toggles: number;
  timeoutMs: number;
}

const measureCount = (page: Page) =>
  page.evaluate(() => performance.getEntriesByName('vpce:preview-update', 'measure').length);

/** Resolves after the frame that follows the current one, so the last change has been painted. */
const afterNextPaint = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<void>((resolve) =>
        requestAnimationFrame(() => requestAnimationFrame(() => resolve())),
      ),
  );

/** Runs in the page: the longest event of each interaction of at least 16 ms, by interaction id. */
function observeInteractions(): void {
  const longest = new Map<number, number>();
  Object.assign(globalThis, { __vpceInteractions: longest });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries() as PerformanceEventTiming[]) {
      if (entry.interactionId)
        longest.set(
          entry.interactionId,
          Math.max(longest.get(entry.interactionId) ?? 0, entry.duration),
        );
    }
  }).observe({ type: 'event', durationThreshold: 16 } as PerformanceObserverInit);
}

/** The statement switch by accessible name; MUI renders it as role switch, a plain input as checkbox. */
async function findStatementSwitch(page: Page, name: RegExp): Promise<Locator | undefined> {
  for (const role of ['switch', 'checkbox'] as const) {
    const control = page.getByRole(role, { name });
    if ((await control.count()) > 0) return control.first();
  }
  return undefined;
}

export async function measureToggles(
  browser: Browser,
  url: string,
  switchName: RegExp,
  options: ToggleOptions,
): Promise<ToggleRun> {
  const context = await browser.newContext({ viewport, serviceWorkers: 'block' });
  const problems: string[] = [];
  let done = 0;
  const empty = () => ({ previewUpdates: [], slowInteractions: [], toggles: done, problems });
  try {
    const page = await context.newPage();
    // As in a cold load: errors from requests aborted by closing the context are not the page's.
    let measuring = true;
    page.on('pageerror', (error) => {
      if (measuring) problems.push(`page error: ${error.message}`);
    });
    const deadline = Date.now() + options.timeoutMs;
    await page.goto(url, { waitUntil: 'commit', timeout: options.timeoutMs });
    for (const mark of options.marks) {
      if (!(await waitForMark(page, mark, deadline)))
        problems.push(
          `mark "${mark}" never appeared within ${Math.round(options.timeoutMs / 1000)} s`,
        );
    }
    const statementSwitch = await findStatementSwitch(page, switchName);
    if (!statementSwitch) {
      problems.push(`no switch or checkbox named ${switchName} on the page`);
      return empty();
    }
    await page.evaluate(observeInteractions);
    const baseline = await measureCount(page);
    let consecutiveMisses = 0;
    for (let i = 0; i < options.toggles && consecutiveMisses < 3; i++) {
      const before = await measureCount(page);
      await statementSwitch.click({ timeout: 10_000 });
      done++;
      if (options.previewMeasure) {
        try {
          await page.waitForFunction(
            (count) =>
              performance.getEntriesByName('vpce:preview-update', 'measure').length > count,
            before,
            { polling: 'raf', timeout: 5_000 },
          );
          consecutiveMisses = 0;
        } catch {
          consecutiveMisses++;
          problems.push(`toggle ${i + 1}: no "vpce:preview-update" measure within 5 s`);
        }
      }
      await afterNextPaint(page);
    }
    if (consecutiveMisses >= 3)
      problems.push('stopped toggling after 3 toggles in a row without a measure');
    const previewUpdates = await page.evaluate(
      (skip) =>
        performance
          .getEntriesByName('vpce:preview-update', 'measure')
          .slice(skip)
          .map((entry) => entry.duration),
      baseline,
    );
    const slowInteractions = await page.evaluate(() => [
      ...(globalThis as { __vpceInteractions?: Map<number, number> }).__vpceInteractions!.values(),
    ]);
    measuring = false;
    return { previewUpdates, slowInteractions, toggles: done, problems };
  } catch (error) {
    problems.push(
      `toggling failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
    );
    return empty();
  } finally {
    await context.close().catch(() => undefined);
  }
}
