import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { writeFile } from 'node:fs/promises';
import {
  loadEngine,
  openBuilder,
  ORG_ID,
  organizationField,
  readDownload,
  showPlainText,
  statementSwitch,
  waitForMark,
} from './builder';
import { cursorPosition, openImport, pastePolicy, waitForCheck } from './policy-editor';
import { testConfig, testRegionCode, testServiceId } from '../src/core/catalog/ids.testing';

const ORG_STATEMENT = 'AllowRequestsByOrgsIdentitiesToOrgsResources';
const OUR_ROLE_READS = 'One of our roles reads our bucket';
const PERSONAL_CREDENTIALS = "A personal account's credentials used from our network";

const simulator = (page: Page) => page.getByRole('region', { name: 'Request simulator' });
const verdict = (page: Page) => simulator(page).getByRole('status', { name: 'Verdict' });
const savedList = (page: Page) => simulator(page).getByRole('list', { name: 'Saved requests' });

/** The statements that need third-party values: left on without them, the policy has values to fill. */
const THIRD_PARTY_STATEMENTS = [
  'AllowRequestsByThirdPartyIdentitiesToThirdPartyResources',
  'AllowRequestsByOrgsIdentitiesToThirdPartyResources',
] as const;

/**
 * Opens the builder with an organization chosen and the third-party statements off (a policy with
 * values still to fill gets no verdict), and the simulator panel.
 */
async function openSimulator(page: Page): Promise<void> {
  await openBuilder(page);
  await organizationField(page).fill(ORG_ID);
  for (const sid of THIRD_PARTY_STATEMENTS) {
    await statementSwitch(page, sid).click();
    await expect(statementSwitch(page, sid)).not.toBeChecked();
  }
  await page.getByRole('tab', { name: 'Request simulator' }).click();
  await expect(simulator(page)).toBeVisible();
}

async function pickScenario(page: Page, name: string): Promise<void> {
  const button = simulator(page)
    .getByRole('list', { name: 'Ready-made requests' })
    .getByRole('button', { name, exact: true });
  await button.click();
  await expect(button).toHaveAttribute('aria-pressed', 'true');
}

test('the panel opens beside the preview with the ready-made requests of a perimeter', async ({
  page,
}) => {
  await openSimulator(page);
  const engine = await loadEngine();
  const scenarios = engine.perimeterScenarios({
    version: 1,
    organizationIds: [ORG_ID],
    regions: [testRegionCode('us-east-1')],
    services: [testServiceId('s3')],
  });
  // The requests of the service the preview shows: S3's own.
  expect(new Set(scenarios.map((s) => s.service))).toEqual(new Set(['s3']));
  const items = simulator(page)
    .getByRole('list', { name: 'Ready-made requests' })
    .getByRole('listitem');
  await expect(items).toHaveCount(scenarios.length);
  await expect(items.getByRole('button')).toHaveText(scenarios.map((s) => s.name));
  // The first ready-made request is open at once, and its verdict is there, naming the policy and its region.
  await expect(verdict(page)).toHaveText(new RegExp(`^Allowed by ${ORG_STATEMENT}`));
  await expect(simulator(page)).toContainText(
    'Evaluated against the s3 policy for us-east-1, the one the preview shows.',
  );
  const seriousViolations = async () =>
    (await new AxeBuilder({ page }).include('#side-panel').analyze()).violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes[0]?.target.join(' ')}`);
  expect(await seriousViolations()).toEqual([]);
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(page.locator('html')).toHaveClass(/\bdark\b/);
  expect(await seriousViolations()).toEqual([]);
});

test("a personal account's credentials are denied, and the panel says which condition stopped them", async ({
  page,
}) => {
  await openSimulator(page);
  await pickScenario(page, PERSONAL_CREDENTIALS);
  await expect(verdict(page)).toContainText('ImplicitDeny');

  // The words are the evaluator's own for this request and policy.
  const engine = await loadEngine();
  const config = {
    version: 1 as const,
    organizationIds: [ORG_ID],
    regions: ['us-east-1'],
    services: ['s3'],
  };
  const scenario = engine
    .perimeterScenarios(testConfig(config))
    .find((s) => s.name === PERSONAL_CREDENTIALS)!;
  const result = engine.evaluate(
    engine.endpointPolicyFor(testConfig(config), testServiceId('s3')).text,
    scenario.request,
  );
  const failure = result.statements.find((s) => s.sid === ORG_STATEMENT)!.failure!;
  expect(failure.message).toContain('aws:PrincipalOrgID is absent');
  const line = simulator(page)
    .getByRole('listitem')
    .filter({ hasText: `${ORG_STATEMENT} (Allow): does not apply` });
  await expect(line).toContainText(`Condition StringEquals aws:PrincipalOrgID: ${failure.message}`);
  await expect(simulator(page).getByRole('list', { name: 'Context keys used' })).toContainText(
    "aws:PrincipalOrgID absent (the principal's account is in no organization)",
  );
});

test('our role reading our bucket is allowed by the organization statement, highlighted in the policy; turning it off denies', async ({
  page,
}) => {
  await openSimulator(page);
  await pickScenario(page, OUR_ROLE_READS);
  await expect(verdict(page)).toContainText(`Allowed by ${ORG_STATEMENT}`);
  await expect(simulator(page).getByRole('list', { name: 'Context keys used' })).toContainText(
    `aws:PrincipalOrgID = ${ORG_ID} (derived: the organization of the principal's account)`,
  );

  await showPlainText(page);
  const marked = page.getByTestId('policy-text').locator('mark');
  await expect(marked).toContainText(`"Sid": "${ORG_STATEMENT}"`);

  await statementSwitch(page, ORG_STATEMENT).click();
  await expect(statementSwitch(page, ORG_STATEMENT)).not.toBeChecked();
  await expect(verdict(page)).toHaveText(/^ImplicitDeny/);
  // No statement decides any more: nothing stays highlighted.
  await expect(marked).toHaveCount(0);

  await statementSwitch(page, ORG_STATEMENT).click();
  await expect(verdict(page)).toContainText(`Allowed by ${ORG_STATEMENT}`);
  await expect(marked).toContainText(`"Sid": "${ORG_STATEMENT}"`);
  const measures = await page.evaluate(() =>
    performance.getEntriesByName('vpce:simulator-update', 'measure').map((m) => m.duration),
  );
  expect(measures.length).toBeGreaterThanOrEqual(2);
});

test('a saved request is flagged when a change of choices breaks its expectation, and is kept by reload and share link', async ({
  page,
  browser,
}) => {
  await openSimulator(page);
  await pickScenario(page, OUR_ROLE_READS);
  await expect(simulator(page).getByRole('combobox', { name: 'Expected verdict' })).toHaveValue(
    'Allowed',
  );
  await simulator(page).getByRole('button', { name: 'Add to suite' }).click();
  const item = savedList(page).getByRole('listitem').filter({ hasText: OUR_ROLE_READS });
  await expect(item).toContainText('Expects Allowed, got Allowed · passes');
  await expect(simulator(page).getByRole('status', { name: 'Suite result' })).toHaveText(
    '1 saved request: 1 as expected.',
  );

  await statementSwitch(page, ORG_STATEMENT).click();
  await expect(item).toContainText('Expects Allowed, got ImplicitDeny');
  await expect(item).toContainText('Fails its expectation');
  await expect(item).toContainText('Verdict changed: was Allowed');
  await expect(simulator(page).getByRole('status', { name: 'Suite result' })).toContainText(
    '1 fails its expectation',
  );

  // Kept with the choices: a reload shows the suite (and the panel) as they were.
  await page.reload();
  await expect(simulator(page)).toBeVisible();
  await expect(savedList(page).getByRole('listitem')).toHaveCount(1);
  await expect(item).toContainText('Fails its expectation');

  // Exported in the CLI's --requests format.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    simulator(page).getByRole('button', { name: 'Export suite' }).click(),
  ]);
  const exported = await readDownload(download);
  expect(exported.name).toBe('saved-requests.json');
  const engine = await loadEngine();
  const parsed = engine.parseSavedRequests(JSON.parse(exported.text));
  expect(parsed.requests?.map((r) => [r.name, r.expect])).toEqual([[OUR_ROLE_READS, 'Allowed']]);

  // And in the configuration that Export config writes.
  const [configDownload] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export config' }).click(),
  ]);
  const exportedConfig = JSON.parse((await readDownload(configDownload)).text) as {
    savedRequests?: { name: string }[];
  };
  expect(exportedConfig.savedRequests?.map((r) => r.name)).toEqual([OUR_ROLE_READS]);

  // Carried by the share link into a browser that has never seen it.
  await page.getByRole('button', { name: 'Share link' }).click();
  const link = await page.getByRole('textbox', { name: 'Link to these choices' }).inputValue();
  const fresh = await browser.newContext();
  try {
    const other = await fresh.newPage();
    await openBuilder(other, link);
    await expect(other.getByText('Opened the choices of the shared link.')).toBeVisible();
    await other.getByRole('tab', { name: 'Request simulator' }).click();
    const otherItem = savedList(other).getByRole('listitem').filter({ hasText: OUR_ROLE_READS });
    await expect(otherItem).toContainText('Expects Allowed, got ImplicitDeny');
    await statementSwitch(other, ORG_STATEMENT).click();
    await expect(otherItem).toContainText('Expects Allowed, got Allowed · passes');
  } finally {
    await fresh.close();
  }
});

test('a saved request can be edited and removed, and a suite file imported', async ({
  page,
}, testInfo) => {
  await openSimulator(page);
  await pickScenario(page, PERSONAL_CREDENTIALS);
  // The form's message has its status in the page before any message, so that a screen reader
  // reads the first one too (a status added with its text may go unread).
  const form = simulator(page).getByRole('region', { name: 'Request', exact: true });
  await expect(form.getByRole('status')).toHaveText('');
  await simulator(page).getByRole('button', { name: 'Add to suite' }).click();
  const item = savedList(page).getByRole('listitem').filter({ hasText: PERSONAL_CREDENTIALS });
  await expect(item).toContainText('Expects ImplicitDeny, got ImplicitDeny · passes');

  await item.getByRole('button', { name: 'Edit' }).click();
  await simulator(page).getByRole('combobox', { name: 'Expected verdict' }).selectOption('Allowed');
  await simulator(page).getByRole('button', { name: 'Save changes' }).click();
  await expect(form.getByRole('status')).toHaveText(/^Saved the changes to /);
  await expect(item).toContainText('Expects Allowed, got ImplicitDeny');
  await expect(item).toContainText('Fails its expectation');

  const bad = testInfo.outputPath('bad-suite.json');
  await writeFile(
    bad,
    JSON.stringify({
      savedRequests: [
        {
          name: 'x',
          service: 's3',
          expect: 'Maybe',
          request: { principal: { type: 'anonymous' }, action: 's3:GetObject', resource: '*' },
        },
      ],
    }),
  );
  await simulator(page).locator('input[type=file]').setInputFiles(bad);
  await expect(simulator(page).getByRole('alert')).toContainText('[0].expect is "Maybe"');

  const good = testInfo.outputPath('suite.json');
  await writeFile(
    good,
    JSON.stringify([
      {
        name: 'Unsigned read',
        service: 's3',
        expect: 'ImplicitDeny',
        request: {
          principal: { type: 'anonymous' },
          action: 's3:GetObject',
          resource: 'arn:aws:s3:::example-data/a.csv',
        },
      },
    ]),
  );
  await simulator(page).locator('input[type=file]').setInputFiles(good);
  await expect(simulator(page)).toContainText('Imported 1 saved request from suite.json.');
  await expect(
    savedList(page).getByRole('listitem').filter({ hasText: 'Unsigned read' }),
  ).toContainText('Expects ImplicitDeny, got ImplicitDeny · passes');

  await item.getByRole('button', { name: 'Remove' }).click();
  await expect(savedList(page).getByRole('listitem')).toHaveCount(1);
  await expect(savedList(page)).not.toContainText(PERSONAL_CREDENTIALS);
});

test('bad input in the form shows a message next to the field and no verdict', async ({ page }) => {
  await openSimulator(page);
  const action = simulator(page).getByRole('textbox', { name: 'Action', exact: true });
  await action.fill('s3 get');
  await expect(action).toHaveAccessibleDescription(
    'Action ("s3 get"): expected an action such as "s3:GetObject".',
  );
  await expect(verdict(page)).toHaveText(
    'No verdict: the request has errors (see the fields below).',
  );
  await expect(simulator(page).getByRole('button', { name: 'Add to suite' })).toBeDisabled();

  const account = simulator(page).getByRole('textbox', { name: 'Resource account', exact: true });
  await action.fill('s3:GetObject');
  await account.fill('12345');
  await expect(account).toHaveAccessibleDescription(
    'Resource account ("12345"): expected a 12-digit AWS account id.',
  );
  await account.fill('111122223333');
  await expect(verdict(page)).toContainText(`Allowed by ${ORG_STATEMENT}`);

  // An edited ready-made request is the user's own until they go back to it.
  await simulator(page)
    .getByRole('textbox', { name: "Principal's organization", exact: true })
    .fill('none');
  await expect(verdict(page)).toHaveText(/^ImplicitDeny/);
  await simulator(page).getByRole('button', { name: 'Back to the ready-made request' }).click();
  await expect(verdict(page)).toContainText(`Allowed by ${ORG_STATEMENT}`);
});

test('while editing, the verdict is about the text in the editor, or the generated policy at a switch; Show in policy finds the statement in the text', async ({
  page,
}) => {
  await openSimulator(page);
  await pickScenario(page, OUR_ROLE_READS);
  await expect(verdict(page)).toContainText(`Allowed by ${ORG_STATEMENT}`);
  const underTest = simulator(page).getByRole('group', { name: 'Policy under test' });
  await expect(underTest).toHaveCount(0);

  const mode = page.getByRole('group', { name: 'Policy mode' });
  await mode.getByRole('button', { name: 'Edit policy' }).click();
  await waitForCheck(page);
  await expect(underTest.getByRole('button', { name: 'Your text' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  // The text started from the generated policy: the same verdict, about the text.
  await expect(verdict(page)).toContainText(`Allowed by ${ORG_STATEMENT}`);
  await expect(simulator(page)).toContainText('your policy text in the editor');

  // A text whose organization statement names another organization lets our role through no more.
  const engine = await loadEngine();
  const generated = engine.generate(
    {
      version: 1,
      organizationIds: [ORG_ID],
      regions: [testRegionCode('us-east-1')],
      services: [testServiceId('s3')],
      statements: Object.fromEntries(THIRD_PARTY_STATEMENTS.map((sid) => [sid, false])),
    },
    testServiceId('s3'),
  ).text;
  const otherOrg = generated.replaceAll(ORG_ID, 'o-zzzzzzzzzz');
  await openImport(page);
  await pastePolicy(page, otherOrg);
  await waitForCheck(page);
  await expect(verdict(page)).toHaveText(/^ImplicitDeny/);
  // Why: the organization statement requires the other organization.
  await expect(simulator(page)).toContainText('o-zzzzzzzzzz');

  // The generated policy at a switch, and back.
  await underTest.getByRole('button', { name: 'Generated' }).click();
  await expect(verdict(page)).toContainText(`Allowed by ${ORG_STATEMENT}`);
  await expect(simulator(page)).toContainText('this verdict is about the policy your choices');
  await underTest.getByRole('button', { name: 'Your text' }).click();
  await expect(verdict(page)).toHaveText(/^ImplicitDeny/);

  // Show in policy puts the cursor on the statement in the user's text.
  await openImport(page);
  await pastePolicy(page, generated);
  await waitForCheck(page);
  await expect(verdict(page)).toContainText(`Allowed by ${ORG_STATEMENT}`);
  await waitForMark(page, 'vpce:editor-ready');
  const lineOfCursor = async () =>
    Number(/^Line (\d+),/.exec(await cursorPosition(page).innerText())?.[1]);
  const lines = generated.split('\n');
  const sidLine = lines.findIndex((line) => line.includes(ORG_STATEMENT)) + 1;
  const nextSidLine = lines.findIndex((line, i) => i >= sidLine && line.includes('"Sid"')) + 1;
  // Before: the cursor is outside the statement.
  expect((await lineOfCursor()) < sidLine - 1 || (await lineOfCursor()) >= nextSidLine - 1).toBe(
    true,
  );
  await simulator(page).getByRole('button', { name: 'Show in policy' }).first().click();
  // The statement is selected: the cursor ends on one of its lines, from the brace before its Sid
  // to the line before the next statement's Sid.
  await expect.poll(lineOfCursor).toBeGreaterThanOrEqual(sidLine - 1);
  expect(await lineOfCursor()).toBeLessThan(nextSidLine - 1);

  // A text that is not a policy gets no verdict, and says why.
  await openImport(page);
  await pastePolicy(page, '{ "Version": "2012-10-17", "Statement": [');
  await waitForCheck(page);
  await expect(verdict(page)).toHaveText(
    /^No verdict: your policy text in the editor is not a readable endpoint policy\./,
  );
});
