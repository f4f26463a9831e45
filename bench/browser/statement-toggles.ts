/**
 * Preview latency under the heaviest choice: the app opened with every service and every region,
 * one statement switch toggled again and again, and the app's own `vpce:preview-update` measures
 * (change of choices to updated preview) collected.
 */
import type { Browser, Locator, Page } from '@playwright/test';
import { viewport, waitForMark } from './page-load';

export interface PreviewUpdates {
  /** Durations of the `vpce:preview-update` measures recorded after the first toggle. */
  durations: number[];
  toggles: number;
  problems: string[];
}

const measureCount = (page: Page) =>
  page.evaluate(() => performance.getEntriesByName('vpce:preview-update', 'measure').length);

/** The statement switch by accessible name; MUI renders it as role switch, a plain input as checkbox. */
async function findStatementSwitch(page: Page, name: RegExp): Promise<Locator | undefined> {
  for (const role of ['switch', 'checkbox'] as const) {
    const control = page.getByRole(role, { name });
    if ((await control.count()) > 0) return control.first();
  }
  return undefined;
}

export async function measurePreviewUpdates(
  browser: Browser,
  url: string,
  switchName: RegExp,
  toggles: number,
  timeoutMs: number,
): Promise<PreviewUpdates> {
  const context = await browser.newContext({ viewport, serviceWorkers: 'block' });
  const problems: string[] = [];
  let done = 0;
  try {
    const page = await context.newPage();
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    const deadline = Date.now() + timeoutMs;
    await page.goto(url, { waitUntil: 'commit', timeout: timeoutMs });
    for (const mark of ['vpce:form-usable', 'vpce:policy-visible']) {
      if (!(await waitForMark(page, mark, deadline)))
        problems.push(`mark "${mark}" never appeared within ${Math.round(timeoutMs / 1000)} s`);
    }
    const statementSwitch = await findStatementSwitch(page, switchName);
    if (!statementSwitch) {
      problems.push(`no switch or checkbox named ${switchName} on the page`);
      return { durations: [], toggles: 0, problems };
    }
    const baseline = await measureCount(page);
    let consecutiveMisses = 0;
    for (let i = 0; i < toggles && consecutiveMisses < 3; i++) {
      const before = await measureCount(page);
      await statementSwitch.click({ timeout: 10_000 });
      done++;
      try {
        await page.waitForFunction(
          (count) => performance.getEntriesByName('vpce:preview-update', 'measure').length > count,
          before,
          {
            polling: 'raf',
            timeout: 5_000,
          },
        );
        consecutiveMisses = 0;
      } catch {
        consecutiveMisses++;
        problems.push(`toggle ${i + 1}: no "vpce:preview-update" measure within 5 s`);
      }
    }
    if (consecutiveMisses >= 3)
      problems.push('stopped toggling after 3 toggles in a row without a measure');
    const durations = await page.evaluate(
      (skip) =>
        performance
          .getEntriesByName('vpce:preview-update', 'measure')
          .slice(skip)
          .map((entry) => entry.duration),
      baseline,
    );
    return { durations, toggles: done, problems };
  } catch (error) {
    problems.push(
      `preview measurement failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
    );
    return { durations: [], toggles: done, problems };
  } finally {
    await context.close().catch(() => undefined);
  }
}
