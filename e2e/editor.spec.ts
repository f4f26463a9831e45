import { expect, test, type Page } from '@playwright/test';
import {
  downloadText,
  loadEngine,
  openBuilder,
  ORG_ID,
  organizationField,
  showPlainText,
  waitForMark,
} from './builder';
import { testConfig, testServiceId } from '../src/core/catalog/ids.testing';
import {
  cursorPosition,
  MALFORMED_CIDR_DENY,
  openImport,
  pastePolicy,
  policyTextInput,
  problem,
  problemsList,
  waitForCheck,
  withStatement,
} from './policy-editor';

test('editing the generated policy: a typed error is listed with its line, a click puts the cursor there, and the text survives a switch of mode and a reload', async ({
  page,
}) => {
  await openBuilder(page);
  await waitForMark(page, 'vpce:editor-ready');
  await organizationField(page).fill(ORG_ID);
  const mode = page.getByRole('group', { name: 'Policy mode' });
  await mode.getByRole('button', { name: 'Edit policy' }).click();
  await expect(mode.getByRole('button', { name: 'Edit policy' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await expect(page.getByText('Started from the generated s3 policy.')).toBeVisible();
  await waitForCheck(page);
  await expect(problem(page, 'placeholder/unfilled').first()).toBeVisible();
  await expect(problem(page, 'json/syntax')).toHaveCount(0);

  // Type into the code editor: after the Version line's comma, a stray word.
  await policyTextInput(page).focus();
  await page.keyboard.press('Control+Home');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('End');
  await page.keyboard.type(' x');
  const syntax = problem(page, 'json/syntax').first();
  await expect(syntax).toContainText(/^(error)?Line 2, column 2[78]: /);
  await page.keyboard.press('Control+End');
  await expect(cursorPosition(page)).not.toHaveText(/^Line 2,/);
  await syntax.getByRole('button').click();
  await expect(cursorPosition(page)).toHaveText(/^Line 2, column \d+$/);

  // Download takes the edited text, and says so.
  const edited = (await downloadText(page, 'Download edited: your s3-endpoint-policy.json')).text;
  expect(edited.split('\n')[1]).toBe('  "Version": "2012-10-17", x');

  // Back to the generated policy and to editing: the text is there.
  await mode.getByRole('button', { name: 'Generated policy' }).click();
  await expect(page.getByRole('region', { name: 'Your policy' })).toHaveCount(0);
  await expect(page.getByRole('meter', { name: 'Policy size' })).toBeVisible();
  await mode.getByRole('button', { name: 'Edit policy' }).click();
  await expect(problem(page, 'json/syntax').first()).toContainText('Line 2, column');

  // A reload opens the editor again with the same text; the plain text view shows it too.
  await page.reload();
  await expect(page.getByRole('region', { name: 'Your policy' })).toBeVisible();
  await expect(problem(page, 'json/syntax').first()).toContainText('Line 2, column');
  await showPlainTextEditor(page);
  await expect(policyTextInput(page)).toHaveValue(edited);
});

/** Switches the preview to plain text, which in edit mode makes the policy a plain text area. */
async function showPlainTextEditor(page: Page) {
  await page.getByRole('button', { name: 'Plain text' }).click();
  await expect(policyTextInput(page)).toHaveJSProperty('tagName', 'TEXTAREA');
}

test('action names and condition keys are checked once the IAM reference index has loaded in the worker', async ({
  page,
  baseURL,
}) => {
  const requests: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  await openBuilder(page);
  await showPlainText(page);
  await page.getByRole('button', { name: 'Edit policy' }).click();
  await showPlainTextEditor(page);
  const policy = {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'ReadOwnBuckets',
        Effect: 'Allow',
        Principal: '*',
        Action: 's3:GetObjectt',
        Resource: '*',
        Condition: { StringEquals: { 'aws:PrincipalOrgId': ORG_ID, 'aws:NoSuchKey': 'x' } },
      },
    ],
  };
  const text = JSON.stringify(policy, null, 2);
  await policyTextInput(page).fill(text);
  await expect(problem(page, 'action/unknown')).toContainText('s3 has no action "GetObjectt"');
  await expect(problem(page, 'condition/unknown-key')).toContainText('aws:NoSuchKey');
  // The finding's place (its first button; the second is the suggested fix).
  await problem(page, 'action/unknown').getByRole('button').first().click();
  const actionLine = text.split('\n').findIndex((line) => line.includes('s3:GetObjectt')) + 1;
  await expect(cursorPosition(page)).toHaveText(new RegExp(`^Line ${actionLine}, column \\d+$`));
  await expect(policyTextInput(page)).toBeFocused();

  // The validator ran in a module worker of the app, and nothing came from elsewhere.
  expect(
    requests.some(
      (url) =>
        url.startsWith(`${baseURL}/assets/`) && /\/policy-validation\.worker-[\w-]+\.js$/.test(url),
    ),
  ).toBe(true);
  expect(
    requests.filter((url) => !url.startsWith(`${baseURL}/`) && !/^(data|blob):/.test(url)),
  ).toEqual([]);
});

test('the comparison with the generated policy follows the layout of the text, Minified or not', async ({
  page,
}) => {
  await openBuilder(page);
  await page.getByRole('button', { name: 'Edit policy' }).click();
  await waitForCheck(page);
  await page.getByRole('button', { name: 'Compare with generated' }).click();
  const status = page
    .getByRole('region', { name: 'Comparison with the generated policy' })
    .getByRole('status');
  await expect(status).toHaveText('No differences from the generated policy.');
  // The generated policy minified, the text still indented: the same document, no difference.
  await page.getByRole('switch', { name: 'Minified' }).check();
  await expect(page.getByRole('switch', { name: 'Minified' })).toBeChecked();
  // The comparison is computed again within moments of a change of either side; this one must
  // leave it as it was (before the fix it read "1 changed block": every line).
  await page.waitForTimeout(1500);
  await expect(status).toHaveText('No differences from the generated policy.');
});

test('the problems of a text list its errors first, and the status counts its notes too', async ({
  page,
}) => {
  const choices = {
    version: 1 as const,
    organizationIds: [ORG_ID],
    regions: ['us-east-1'],
    services: ['s3'],
    statements: {
      AllowRequestsByThirdPartyIdentitiesToThirdPartyResources: false,
      AllowRequestsByOrgsIdentitiesToThirdPartyResources: false,
    },
  };
  await openBuilder(page);
  await organizationField(page).fill(ORG_ID);
  for (const sid of Object.keys(choices.statements))
    await page.getByRole('switch', { name: new RegExp(sid) }).uncheck();
  await page.getByRole('button', { name: 'Edit policy' }).click();
  await waitForCheck(page);
  // The generated text as it is: notes only, and the status says so rather than "No problems".
  const items = problemsList(page).getByRole('listitem');
  const notes = await items.count();
  expect(notes).toBeGreaterThan(0);
  const status = page.getByRole('region', { name: 'Your policy' }).getByRole('status').first();
  await expect(status).toHaveText(notes === 1 ? '1 note' : `${notes} notes`);

  // A malformed CIDR in a statement at the end: its error comes before the notes.
  const engine = await loadEngine();
  await openImport(page);
  await pastePolicy(
    page,
    withStatement(
      engine.generate(testConfig(choices), testServiceId('s3')).text,
      MALFORMED_CIDR_DENY,
    ),
  );
  await waitForCheck(page);
  await expect(items.first()).toContainText('condition/invalid-ip');
  await expect(status).toHaveText(/^1 error, \d+ notes?$/);
});
