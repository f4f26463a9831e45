/**
 * Helpers for the policy editor's browser tests: its controls by role and name, and a paste as
 * the browser delivers it (a clipboard event carrying the text), which works for texts of any size.
 */
import { expect, type Page } from '@playwright/test';

export const problemsList = (page: Page) => page.getByRole('list', { name: 'Problems' });
export const cursorPosition = (page: Page) => page.getByRole('status', { name: 'Cursor position' });
export const policyTextInput = (page: Page) =>
  page.getByRole('textbox', { name: 'Policy text (editable)' });

/** A problem of the list by its stable code. */
export const problem = (page: Page, code: string) =>
  problemsList(page).getByRole('listitem').filter({ hasText: code });

/** Opens the import area of the policy editor. */
export async function openImport(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Import policy' }).click();
  await expect(page.getByRole('region', { name: 'Import a policy' })).toBeVisible();
}

/** Pastes `text`, or the text that the function source `build` returns when run in the page, into the "Paste a policy" box. */
export async function pastePolicy(page: Page, text: string | { build: string }): Promise<void> {
  await page.getByRole('textbox', { name: 'Paste a policy' }).evaluate((element, source) => {
    const value =
      typeof source === 'string'
        ? source
        : (new Function(`return (${source.build})();`) as () => string)();
    const data = new DataTransfer();
    data.setData('text/plain', value);
    element.dispatchEvent(
      new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
    );
  }, text);
}

/** The check of the text is done: the status says how many problems, not "Checking…". */
export async function waitForCheck(page: Page): Promise<void> {
  await expect(page.getByRole('region', { name: 'Your policy' })).toBeVisible();
  await expect(page.getByText('Checking…')).toHaveCount(0);
}
