/**
 * Helpers for driving the builder by role and label, and the engine itself for expected results.
 * The engine is loaded through tsx, which reads the catalog's JSON modules as the app's build does.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, type Download, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { tsImport } from 'tsx/esm/api';
import type * as ShareModule from '../src/core/config/share';
import type * as EngineModule from '../src/core/index';

export type Engine = typeof EngineModule;

let engine: Promise<Engine> | undefined;

/** The engine the app renders (src/core), for computing what the app must show. */
export function loadEngine(): Promise<Engine> {
  engine ??= tsImport('../src/core/index.ts', import.meta.url) as Promise<Engine>;
  return engine;
}

/** The engine's share-link codec. */
export function loadShareCodec(): Promise<typeof ShareModule> {
  return tsImport('../src/core/config/share.ts', import.meta.url) as Promise<typeof ShareModule>;
}

export const ORG_ID = 'o-a1b2c3d4e5';

/** The origin the app is served from in these tests (the port the Playwright config uses). */
export const APP_ORIGIN = `http://127.0.0.1:${process.env.E2E_PORT ?? 4174}`;

/** A text matched literally inside a regular expression. */
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The pane switch of a narrow window; a wide window shows every pane and has none. */
const paneSwitch = (page: Page) => page.getByRole('navigation', { name: 'Workspace' });

/**
 * Opens the app and waits until the preview panel (with its Copy button) is there: shown on a wide
 * window, present in its pane on a narrow one.
 */
export async function openBuilder(page: Page, path = '/'): Promise<void> {
  await page.goto(path);
  await expect(organizationField(page)).toBeVisible();
  // A hidden pane's button has no role to find it by: its element is looked up instead.
  await expect(page.locator('#pane-policy button', { hasText: /^Copy$/ })).toHaveCount(1);
  if (!(await paneSwitch(page).isVisible()))
    await expect(page.getByRole('button', { name: 'Copy', exact: true })).toBeVisible();
}

/** On a narrow window, switches the workspace to a pane; a wide one shows them all already. */
export async function showPane(
  page: Page,
  pane: 'Choices' | 'Policy' | 'Explain & test',
): Promise<void> {
  if (!(await paneSwitch(page).isVisible())) return;
  await paneSwitch(page).getByRole('tab', { name: pane }).click();
}

/** The preview's tab of one service, whatever badge of values to fill or errors it carries. */
export const serviceTab = (page: Page, service: string) =>
  page
    .getByRole('tablist', { name: 'Policy of each endpoint service' })
    .getByRole('tab', { name: new RegExp(`^${escapeRegExp(service)}(?: |$)`) });

export const servicesField = (page: Page) =>
  page.getByRole('combobox', { name: 'Endpoint services' });
export const regionsField = (page: Page) => page.getByRole('combobox', { name: 'Regions' });
export const organizationField = (page: Page) =>
  page.getByRole('textbox', { name: 'Organization ID' });
export const statementSwitch = (page: Page, sid: string) =>
  page.getByRole('switch', { name: new RegExp(sid) });

/** Removes every chip of a multi-select by keyboard. */
export async function clearChips(
  page: Page,
  field: ReturnType<typeof servicesField>,
): Promise<void> {
  await field.click();
  const chips = field
    .locator('xpath=ancestor::div[contains(@class,"MuiAutocomplete-root")]')
    .locator('.MuiChip-root');
  while ((await chips.count()) > 0) await field.press('Backspace');
}

/** Types into a multi-select and picks the option whose name starts with `value`. */
export async function pick(
  page: Page,
  field: ReturnType<typeof servicesField>,
  value: string,
): Promise<void> {
  await field.click();
  await field.fill(value);
  await page
    .getByRole('option', {
      name: new RegExp(`^${escapeRegExp(value)}(?![\\w.-])`),
    })
    .click();
  await field.press('Escape');
}

/** The policy as the preview's plain-text view shows it. */
export async function shownPolicy(page: Page): Promise<string> {
  await showPlainText(page);
  return (await page.getByTestId('policy-text').textContent()) ?? '';
}

export async function showPlainText(page: Page): Promise<void> {
  const plain = page.getByRole('button', { name: 'Plain text' });
  if ((await plain.getAttribute('aria-pressed')) !== 'true') await plain.click();
  await expect(page.getByTestId('policy-text')).toBeVisible();
}

/**
 * Clicks a download button and reads the file. A policy that still has values to fill or errors
 * is exported only once the user confirms the question the page asks; `confirm: false` expects
 * no question (a finished policy).
 */
export async function downloadText(
  page: Page,
  buttonName: string,
  { confirm = true }: { confirm?: boolean } = {},
): Promise<{ name: string; text: string; bytes: Buffer }> {
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: buttonName, exact: true }).click();
  const question = page.getByRole('dialog', { name: 'Export an unfinished policy?' });
  const first = await Promise.race([
    downloading.then(() => 'download' as const),
    question.waitFor().then(() => 'question' as const),
  ]);
  if (first === 'question') {
    expect(confirm, 'the page asked before exporting an unfinished policy').toBe(true);
    await question.getByRole('button', { name: / anyway$/ }).click();
  }
  return readDownload(await downloading);
}

export async function readDownload(
  download: Download,
): Promise<{ name: string; text: string; bytes: Buffer }> {
  const path = await download.path();
  const bytes = await readFile(path);
  return { name: download.suggestedFilename(), text: bytes.toString('utf8'), bytes };
}

/**
 * Shows a statement in the editor from its explanation (the editor draws only the lines in view),
 * hovers its Sid and waits for the hover that explains it.
 */
export async function hoverStatementSid(page: Page, sid: string): Promise<void> {
  await page
    .getByRole('region', { name: /^Explanations/ })
    .getByRole('listitem')
    .filter({ hasText: sid })
    .getByRole('button', { name: 'Show in policy' })
    .click();
  await page
    .locator('.monaco-editor .view-line span[class^="mtk"]', { hasText: `"${sid}"` })
    .hover();
  await expect(page.locator('.monaco-hover').filter({ hasText: 'Why:' })).toBeVisible();
}

/** Waits for a contract mark of the browser benchmark. */
export async function waitForMark(page: Page, mark: string): Promise<void> {
  await page.waitForFunction((name) => performance.getEntriesByName(name, 'mark').length > 0, mark);
}

/**
 * Serious and critical accessibility violations of the page as it is, once its transitions
 * settled; of one part of it when `within` (a CSS selector) is given.
 */
export async function seriousViolations(page: Page, within?: string) {
  // A dialog fading in has a partial opacity that axe reads as low contrast: scan the settled page.
  await page.waitForFunction(() =>
    document.getAnimations().every((animation) => animation.playState !== 'running'),
  );
  const builder = new AxeBuilder({ page });
  const results = await (within ? builder.include(within) : builder).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
    }));
}
