import { expect, test } from '@playwright/test';
import {
  loadEngine,
  openBuilder,
  seriousViolations,
  shownPolicy,
  statementSwitch,
} from './builder';
import { STATEMENT_SIDS } from '../src/core/catalog/ids';
import { testConfig, testServiceId } from '../src/core/catalog/ids.testing';

const sid = 'AllowRequestsByAWSServicePrincipals';

test('turning a statement off removes it from the policy, turning it on brings it back', async ({
  page,
}) => {
  await openBuilder(page);
  const toggle = statementSwitch(page, sid);
  await expect(toggle).toBeChecked();
  expect(await shownPolicy(page)).toContain(`"Sid": "${sid}"`);

  await toggle.click();
  await expect(toggle).not.toBeChecked();
  await expect(page.getByTestId('policy-text')).not.toContainText(`"Sid": "${sid}"`);
  const without = JSON.parse(await shownPolicy(page)) as { Statement: { Sid: string }[] };
  expect(without.Statement.map((s) => s.Sid)).not.toContain(sid);
  expect(without.Statement.length).toBeGreaterThan(0);

  await toggle.click();
  await expect(toggle).toBeChecked();
  await expect(page.getByTestId('policy-text')).toContainText(`"Sid": "${sid}"`);
});

test('the statement switches are named by title and Sid, and open to patterns and parameters', async ({
  page,
}) => {
  await openBuilder(page);
  await expect(page.getByRole('switch', { name: 'Our identities to our resources' })).toBeVisible();
  for (const name of [
    'AllowRequestsByOrgsIdentitiesToOrgsResources',
    'AllowRequestsByAWSServicePrincipals',
    'AllowRequestsToAWSOwnedResources',
    'AllowRequestsByOrgsIdentitiesToAWSResources',
    'AllowRequestsByThirdPartyIdentitiesToThirdPartyResources',
    'AllowRequestsByOrgsIdentitiesToThirdPartyResources',
    'AllowRequestsByOrgsIdentitiesToAnyResources',
  ]) {
    await expect(statementSwitch(page, name)).toHaveCount(1);
  }

  await page.getByRole('button', { name: 'Details: Anyone to named AWS-owned resources' }).click();
  const patterns = page.getByRole('region', { name: 'Data access patterns' });
  const al2 = patterns.getByRole('checkbox', { name: 'Amazon Linux 2 package repositories' });
  await expect(al2).toBeChecked();
  await expect(patterns).toContainText('Off by default:');
  await al2.click();
  await expect(al2).not.toBeChecked();
  const engine = await loadEngine();
  const expected = engine.generate(
    testConfig({
      version: 1,
      organizationIds: [],
      regions: ['us-east-1'],
      services: ['s3'],
      dataAccessPatterns: { 'amazon-linux-2-repositories': false },
    }),
    testServiceId('s3'),
  );
  expect(await shownPolicy(page)).toBe(expected.text);

  await page
    .getByRole('button', { name: 'Details: Trusted third parties to their own resources' })
    .click();
  await page.getByRole('textbox', { name: 'Third-party account ids' }).fill('111122223333');
  await expect(page.getByTestId('policy-text')).toContainText(
    '"aws:PrincipalAccount": "111122223333"',
  );
});

test('a policy with every statement off reads as an error, not as ready, and one without the first statement warns', async ({
  page,
}) => {
  await openBuilder(page);
  await page.getByRole('textbox', { name: 'Organization ID', exact: true }).fill('o-a1b2c3d4e5');
  const status = page.getByRole('status', { name: 'Policy status' });
  const warnings = async () =>
    Number(/(\d+) warnings?/.exec((await status.textContent()) ?? '')?.[1] ?? 0);
  const before = await warnings();
  const first = statementSwitch(page, 'AllowRequestsByOrgsIdentitiesToOrgsResources');
  await first.click();
  await expect(first).not.toBeChecked();
  await expect.poll(warnings).toBe(before + 1);
  await page.getByRole('button', { name: /^Show warnings and notes/ }).click();
  const warningsList = page.getByRole('list', { name: 'Warnings and notes' });
  await expect(warningsList).toContainText(
    'The policy has no statement that admits our identities to our resources',
  );
  // The switch the warning is about is a button away.
  await warningsList
    .getByRole('button', { name: 'Switch “Our identities to our resources”' })
    .click();
  await expect(first).toBeFocused();

  for (const sid of STATEMENT_SIDS.slice(1)) {
    const toggle = statementSwitch(page, sid);
    if (await toggle.isChecked()) await toggle.click();
    await expect(toggle).not.toBeChecked();
  }
  expect(JSON.parse(await shownPolicy(page))).toEqual({ Version: '2012-10-17', Statement: [] });
  await expect(status).toContainText('1 error');
  await expect(status).not.toContainText('Ready');
  await expect(page.getByRole('list', { name: 'Errors' })).toContainText(
    'Statement is an empty list: the policy allows nothing, so the endpoint blocks every request.',
  );
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`a misspelled third-party action is named under its field and beside the policy, and the suggested action replaces it (${colorScheme})`, async ({
    page,
  }) => {
    await page.emulateMedia({ colorScheme });
    await openBuilder(page);
    await page
      .getByRole('button', { name: 'Details: Trusted third parties to their own resources' })
      .click();
    const actions = page.getByRole('textbox', { name: 'Actions' }).first();
    await actions.fill('s3:PutObject\ns3:GetObjct');
    await actions.blur();
    const message = 'Action s3:GetObjct: s3 has no action "GetObjct". Did you mean "s3:GetObject"?';
    await expect(page.locator('#pane-choices').getByText(message)).toBeVisible();
    const status = page.getByRole('status', { name: 'Policy status' });
    await expect(status).toContainText(/\d+ warnings?/);
    await page.getByRole('button', { name: /^Show warnings and notes/ }).click();
    const list = page.getByRole('list', { name: 'Warnings and notes' });
    await expect(list).toContainText('Action s3:GetObjct: s3 has no action "GetObjct".');
    expect(await seriousViolations(page, '#pane-choices')).toEqual([]);
    expect(await seriousViolations(page, '#pane-policy')).toEqual([]);

    await list.getByRole('button', { name: 'Use s3:GetObject' }).click();
    await expect(actions).toHaveValue('s3:PutObject\ns3:GetObject');
    await expect(page.locator('#pane-choices').getByText(message)).toHaveCount(0);
    await expect(list).not.toContainText('GetObjct');
    expect(await shownPolicy(page)).toContain('"s3:GetObject"');

    // The field named in the finding is a button to it.
    await actions.fill('s3:GetObjct');
    await actions.blur();
    await list
      .getByRole('button', {
        name: 'Actions, under “Trusted third parties to their own resources”',
      })
      .click();
    await expect(actions).toBeFocused();
  });
}

test('a policy with only warnings is not shown in the colour of a ready one', async ({ page }) => {
  await openBuilder(page);
  await page.getByRole('button', { name: 'Import config' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import a configuration' });
  await dialog.getByRole('textbox', { name: 'Or paste the configuration' }).fill(
    JSON.stringify({
      version: 1,
      organizationIds: ['o-a1b2c3d4e5'],
      regions: ['us-east-1'],
      services: ['ec2'],
      statements: {
        AllowRequestsByThirdPartyIdentitiesToThirdPartyResources: false,
        AllowRequestsByOrgsIdentitiesToThirdPartyResources: false,
      },
    }),
  );
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  const status = page.getByRole('status', { name: 'Policy status' });
  await expect(status).toHaveText('Ready: every value of this policy is filled.');
  const colour = () => status.evaluate((element) => getComputedStyle(element).color);
  const ready = await colour();
  await statementSwitch(page, 'AllowRequestsByOrgsIdentitiesToOrgsResources').click();
  await expect(status).toHaveText('1 warning');
  expect(await colour()).not.toBe(ready);
});

test("the warning about accounts from unverified material leads to a field for each region, where setting the account makes it the user's", async ({
  page,
}) => {
  await openBuilder(page);
  await page.getByRole('button', { name: /^Show warnings and notes/ }).click();
  const list = page.getByRole('list', { name: 'Warnings and notes' });
  await expect(list).toContainText('AWS Glue Studio transform buckets');
  await list
    .getByRole('button', { name: /^Accounts of AWS Glue Studio transform buckets/ })
    .click();
  const field = page.getByRole('textbox', { name: 'us-east-1 account' });
  await expect(field).toBeFocused();
  // The field offers the table's account; typing it makes the choice the user's.
  const known = await field.getAttribute('placeholder');
  expect(known).toMatch(/^\d{12}$/);
  await field.fill(known!);
  await field.blur();
  await expect(list).not.toContainText('AWS Glue Studio transform buckets');
  expect(await shownPolicy(page)).toContain(known!);
});
