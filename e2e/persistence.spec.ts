import { expect, test, type Page } from '@playwright/test';
import {
  loadEngine,
  openBuilder,
  ORG_ID,
  organizationField,
  pick,
  regionsField,
  servicesField,
  showPlainText,
  shownPolicy,
  statementSwitch,
} from './builder';
import { testRegionCode, testServiceId } from '../src/core/catalog/ids.testing';
import { hugeFile } from './deploy';

async function makeChoices(page: Page) {
  await pick(page, servicesField(page), 'ec2');
  await pick(page, regionsField(page), 'eu-west-1');
  await organizationField(page).fill(ORG_ID);
  await showPlainText(page);
  await expect(page.getByTestId('policy-text')).toContainText(ORG_ID);
  await statementSwitch(page, 'AllowRequestsByOrgsIdentitiesToAnyResources').click();
  await expect(
    statementSwitch(page, 'AllowRequestsByOrgsIdentitiesToAnyResources'),
  ).not.toBeChecked();
}

const chips = (page: Page) => page.locator('.MuiAutocomplete-root .MuiChip-root');

test('a reload keeps the choices', async ({ page }) => {
  await openBuilder(page);
  await makeChoices(page);
  const before = await shownPolicy(page);

  await page.reload();
  await expect(page.getByRole('button', { name: 'Copy', exact: true })).toBeVisible();
  await expect(chips(page)).toHaveText(['s3', 'ec2', 'us-east-1', 'eu-west-1']);
  await expect(organizationField(page)).toHaveValue(ORG_ID);
  await expect(
    statementSwitch(page, 'AllowRequestsByOrgsIdentitiesToAnyResources'),
  ).not.toBeChecked();
  expect(await shownPolicy(page)).toBe(before);
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('a share link reproduces the choices in a fresh browser', async ({
  page,
  browser,
  baseURL,
}) => {
  await openBuilder(page);
  await makeChoices(page);
  await page.getByRole('button', { name: 'Share link' }).click();
  const link = await page.getByRole('textbox', { name: 'Link to these choices' }).inputValue();
  expect(link.startsWith(`${baseURL}/#c1.`), link).toBe(true);

  const fresh = await browser.newContext();
  try {
    const other = await fresh.newPage();
    await openBuilder(other, link);
    await expect(other.getByText('Opened the choices of the shared link.')).toBeVisible();
    await expect(chips(other)).toHaveText(['s3', 'ec2', 'us-east-1', 'eu-west-1']);
    await expect(organizationField(other)).toHaveValue(ORG_ID);
    await expect(
      statementSwitch(other, 'AllowRequestsByOrgsIdentitiesToAnyResources'),
    ).not.toBeChecked();
    // The link has been read: the address no longer carries it, and a reload shows the saved choices.
    await expect.poll(() => other.evaluate(() => window.location.hash)).toBe('');

    const engine = await loadEngine();
    const decoded = engine.generate(
      {
        version: 1,
        organizationIds: [ORG_ID],
        regions: [testRegionCode('us-east-1'), testRegionCode('eu-west-1')],
        services: [testServiceId('s3'), testServiceId('ec2')],
        statements: { AllowRequestsByOrgsIdentitiesToAnyResources: false },
      },
      testServiceId('ec2'),
    );
    // The first selected service in catalog order is the one previewed: ec2 comes before s3.
    await expect(other.getByRole('tab', { name: 'ec2', selected: true })).toBeVisible();
    expect(await shownPolicy(other)).toBe(decoded.text);
  } finally {
    await fresh.close();
  }
});

test('Reset asks before it discards the choices', async ({ page }) => {
  await openBuilder(page);
  await makeChoices(page);
  await page.getByRole('button', { name: 'Reset' }).click();
  const dialog = page.getByRole('dialog', { name: 'Discard all choices?' });
  await dialog.getByRole('button', { name: 'Keep my choices' }).click();
  await expect(organizationField(page)).toHaveValue(ORG_ID);

  await page.getByRole('button', { name: 'Reset' }).click();
  await dialog.getByRole('button', { name: 'Discard and reset' }).click();
  await expect(chips(page)).toHaveText(['s3', 'us-east-1']);
  await expect(organizationField(page)).toHaveValue('');
});

test('Export and Import use the engine configuration format', async ({ page }) => {
  await openBuilder(page);
  await makeChoices(page);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export config' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('perimeter.json');
  // The browser shows the file in its own bar; a screen reader hears it from the page.
  await expect(
    page.getByRole('status').filter({ hasText: /^Saved the configuration as perimeter\.json at / }),
  ).toHaveCount(1);
  const exported = await download.path();

  await page.getByRole('button', { name: 'Reset' }).click();
  await page.getByRole('button', { name: 'Discard and reset' }).click();
  await expect(organizationField(page)).toHaveValue('');

  await page.getByRole('button', { name: 'Import config' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import a configuration' });
  await dialog.locator('input[type=file]').setInputFiles(exported);
  await expect(dialog.getByText('Valid: 2 services, 2 regions.')).toBeVisible();
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(organizationField(page)).toHaveValue(ORG_ID);
  await expect(chips(page)).toHaveText(['s3', 'ec2', 'us-east-1', 'eu-west-1']);

  await page.getByRole('button', { name: 'Import config' }).click();
  await dialog
    .getByRole('textbox', { name: 'Or paste the configuration' })
    .fill('version: 1\norganizationIds: [o-a1b2c3d4e5]\nregions: [us-west-2]\nservices: [sts]\n');
  await dialog.getByRole('button', { name: 'YAML' }).click();
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(chips(page)).toHaveText(['sts', 'us-west-2']);

  await page.getByRole('button', { name: 'Import config' }).click();
  await dialog
    .getByRole('textbox', { name: 'Or paste the configuration' })
    .fill(
      '{ "version": 1, "organizationIds": ["o-a1b2c3d4e5"], "regions": ["us-east-1"], "services": ["s4"] }',
    );
  await expect(dialog).toContainText('Unknown endpoint service "s4"');
  await expect(dialog.getByRole('button', { name: 'Import', exact: true })).toBeDisabled();
});

test('Import config refuses an empty file, a file or a paste far too large for a configuration, and keeps the current choices', async ({
  page,
}) => {
  await openBuilder(page);
  await page.getByRole('button', { name: 'Import config' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import a configuration' });
  const box = dialog.getByRole('textbox', { name: /configuration/ });
  await dialog.locator('input[type=file]').setInputFiles({
    name: 'empty.json',
    mimeType: 'application/json',
    buffer: Buffer.alloc(0),
  });
  await expect(dialog.getByRole('alert')).toHaveText(
    'empty.json is empty: expected a configuration in JSON or YAML.',
  );
  // 50 MB: refused by its size, before it is read, and the text box stays as it was.
  await dialog.locator('input[type=file]').setInputFiles(await hugeFile());
  await expect(dialog.getByRole('alert')).toHaveText(
    /^vpce-e2e-huge\.json is 52,428,800 bytes; a configuration is at most 1,000,000 characters, so it was not opened\./,
  );
  await expect(box).toHaveValue('');
  // A paste over the limit is not put in the box either.
  await box.focus();
  await page.keyboard.insertText(' '.repeat(1_000_001));
  await expect(dialog.getByRole('alert')).toHaveText(
    /^The pasted text is 1,000,001 characters; a configuration is at most 1,000,000 characters/,
  );
  await expect(box).toHaveValue('');
  // On a phone a long path in a message wraps inside the dialog.
  await page.setViewportSize({ width: 390, height: 844 });
  await box.fill(
    JSON.stringify({
      version: 1,
      organizationIds: [],
      regions: ['us-east-1'],
      services: ['s3'],
      parameters: { thirdPartyIdentitiesToThirdPartyResources: { accounts: ['12'] } },
    }),
  );
  const message = dialog.getByRole('status').locator('.MuiAlert-message').first();
  await expect(message).toContainText('accounts[0]');
  // Nothing in the message runs past its own box, nor the box past the dialog.
  expect(await message.evaluate((element) => element.scrollWidth - element.clientWidth)).toBe(0);
  const inDialog = await dialog.boundingBox();
  const text = await message.boundingBox();
  expect(text!.x + text!.width).toBeLessThanOrEqual(inDialog!.x + inDialog!.width);
  await page.setViewportSize({ width: 1280, height: 720 });
  // One service and one region are said in the singular.
  await box.fill(
    '{ "version": 1, "organizationIds": [], "regions": ["us-east-1"], "services": ["s3"] }',
  );
  await expect(dialog.getByRole('alert')).toHaveCount(0);
  await expect(dialog.getByText('Valid: 1 service, 1 region.')).toBeVisible();
});

test('a field the engine refuses keeps its text across a reload, and the link and the file say they leave it out', async ({
  page,
}) => {
  await openBuilder(page);
  await organizationField(page).fill(ORG_ID);
  await expect
    .poll(() => page.evaluate(() => localStorage.getItem('vpce-policy:state') ?? ''))
    .toContain(ORG_ID);
  const typed = `${ORG_ID}, o-NEWORG`;
  await organizationField(page).fill(typed);
  await expect(organizationField(page)).toHaveAttribute('aria-invalid', 'true');

  await page.getByRole('button', { name: 'Share link' }).click();
  const share = page.getByRole('dialog', { name: 'Share link' });
  await expect(share.getByRole('alert')).toContainText(
    `The link leaves out what this field holds, since it is not valid yet: Organization ID ("${typed}"). It carries the last valid value instead.`,
  );
  await share.getByRole('button', { name: 'Done' }).click();

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export config' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('perimeter.json');
  await expect(
    page.getByText(/^The file perimeter\.json leaves out what this field holds/),
  ).toBeVisible();

  // Reloaded, the field has its text back, still refused, and the valid value is the choice.
  await page.reload();
  await expect(organizationField(page)).toHaveValue(typed);
  await expect(organizationField(page)).toHaveAttribute('aria-invalid', 'true');
  // Corrected, the text becomes the choice and nothing is left out any more.
  await organizationField(page).fill(`${ORG_ID}, o-b2c3d4e5f6`);
  await expect(organizationField(page)).toHaveAttribute('aria-invalid', 'false');
  await expect
    .poll(() => page.evaluate(() => localStorage.getItem('vpce-policy:unsaved-fields')))
    .toBeNull();
  await page.getByRole('button', { name: 'Share link' }).click();
  await expect(page.getByRole('dialog', { name: 'Share link' })).not.toContainText('leaves out');
});

test('a share link pasted into the address bar of an open page is opened as a new visit opens it', async ({
  page,
}) => {
  await openBuilder(page);
  await makeChoices(page);
  await page.getByRole('button', { name: 'Share link' }).click();
  const link = await page.getByRole('textbox', { name: 'Link to these choices' }).inputValue();
  await page.getByRole('button', { name: 'Done' }).click();
  await page.getByRole('button', { name: 'Reset' }).click();
  await page.getByRole('button', { name: 'Discard and reset' }).click();
  await expect(organizationField(page)).toHaveValue('');
  // Only the fragment changes, as when a link is pasted into the address bar of this tab.
  await page.evaluate((fragment) => {
    window.location.hash = fragment;
  }, new URL(link).hash);
  await expect(page.getByText('Opened the choices of the shared link.')).toBeVisible();
  await expect(organizationField(page)).toHaveValue(ORG_ID);
  await expect(chips(page)).toHaveText(['s3', 'ec2', 'us-east-1', 'eu-west-1']);
  await expect.poll(() => page.evaluate(() => window.location.hash)).toBe('');
  // Another fragment (not a link) changes nothing.
  await page.evaluate(() => {
    window.location.hash = 'pane-policy';
  });
  await expect(organizationField(page)).toHaveValue(ORG_ID);
});

test("Reset discards a refused field text as well, even where the field's value does not change", async ({
  page,
}) => {
  await openBuilder(page);
  // Refused over the empty value, which Reset leaves empty.
  await organizationField(page).fill('o-NOPE');
  await expect(organizationField(page)).toHaveAttribute('aria-invalid', 'true');
  await expect
    .poll(() => page.evaluate(() => localStorage.getItem('vpce-policy:unsaved-fields')))
    .toContain('o-NOPE');
  await page.getByRole('button', { name: 'Reset' }).click();
  await page.getByRole('button', { name: 'Discard and reset' }).click();
  await expect(organizationField(page)).toHaveValue('');
  await expect(organizationField(page)).toHaveAttribute('aria-invalid', 'false');
  await expect
    .poll(() => page.evaluate(() => localStorage.getItem('vpce-policy:unsaved-fields')))
    .toBeNull();
  await page.reload();
  await expect(organizationField(page)).toHaveValue('');
});
