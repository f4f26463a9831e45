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

/**
 * A text made in the page from repeated parts (`[text, times]`), so that a text of megabytes does
 * not cross from the test to the browser; the page's Content-Security-Policy forbids building it
 * with `new Function`.
 */
export interface RepeatedText {
  parts: Array<[string, number]>;
}

/** Pastes `text`, or the text its repeated parts make, into the "Paste a policy" box. */
export async function pastePolicy(page: Page, text: string | RepeatedText): Promise<void> {
  await page.getByRole('textbox', { name: 'Paste a policy' }).evaluate((element, source) => {
    const value =
      typeof source === 'string'
        ? source
        : source.parts.map(([part, times]) => part.repeat(times)).join('');
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

/**
 * A Deny outside our network whose CIDR is malformed: the evaluator could not read it (the Deny
 * would not apply), and the validator reports it as an error at its place.
 */
export const MALFORMED_CIDR_DENY = {
  Sid: 'DenyOutsideOurNetwork',
  Effect: 'Deny',
  Principal: '*',
  Action: '*',
  Resource: '*',
  Condition: { NotIpAddress: { 'aws:SourceIp': '10.0.0.0/33' } },
};

/** A policy text with one more statement at its end, indented by two spaces. */
export function withStatement(text: string, statement: unknown): string {
  const policy = JSON.parse(text) as { Statement: unknown[] };
  policy.Statement.push(statement);
  return JSON.stringify(policy, null, 2);
}
