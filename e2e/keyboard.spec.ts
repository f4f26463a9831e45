import { expect, test, type Locator, type Page } from '@playwright/test';
import {
  openBuilder,
  ORG_ID,
  organizationField,
  pick,
  regionsField,
  servicesField,
  showPane,
  statementSwitch,
} from './builder';
import { problemsList, waitForCheck } from './policy-editor';

/** From the top of the page, Tab until the regions field has the focus (the services field comes first). */
async function tabToRegions(page: Page): Promise<void> {
  await page.locator('body').focus();
  let reached = false;
  for (let i = 0; i < 15 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = await regionsField(page).evaluate((element) => element === document.activeElement);
  }
  expect(reached).toBe(true);
}

test('the choices can be made with the keyboard alone', async ({ page }) => {
  await openBuilder(page);
  await tabToRegions(page);
  await page.keyboard.type('eu-west-1');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Escape');
  await expect(page.locator('.MuiAutocomplete-root .MuiChip-root')).toHaveText([
    's3',
    'us-east-1',
    'eu-west-1',
  ]);

  const toggle = statementSwitch(page, 'AllowRequestsByAWSServicePrincipals');
  await toggle.focus();
  await page.keyboard.press('Space');
  await expect(toggle).not.toBeChecked();

  await page.getByRole('button', { name: 'Reset' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog', { name: 'Discard all choices?' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(toggle).not.toBeChecked();
});

test('Enter picks the first match of what was typed, and a second Enter picks nothing', async ({
  page,
}) => {
  await openBuilder(page);
  const chips = page.locator('.MuiAutocomplete-root .MuiChip-root');
  await servicesField(page).click();
  await page.keyboard.type('kms');
  await page.keyboard.press('Enter');
  await expect(chips).toHaveText(['s3', 'kms', 'us-east-1']);
  // The input is empty again and nothing is highlighted: this Enter toggles nothing.
  await expect(servicesField(page)).toHaveValue('');
  await page.keyboard.press('Enter');
  await expect(chips).toHaveText(['s3', 'kms', 'us-east-1']);
  await page.keyboard.press('Escape');
  await regionsField(page).click();
  await page.keyboard.type('eu-west-1');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Escape');
  await expect(chips).toHaveText(['s3', 'kms', 'us-east-1', 'eu-west-1']);
});

test('a choice list opens under its field, as wide as it, and its chips take the arrow keys', async ({
  page,
}) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await openBuilder(page);
  // The first thing done on the page: the list hangs from the field it belongs to.
  const services = servicesField(page);
  await services.click();
  const listbox = page.getByRole('listbox');
  await expect(listbox).toBeVisible();
  const box = await services
    .locator('xpath=ancestor::div[contains(@class,"MuiInputBase-root")]')
    .boundingBox();
  const list = await page.locator('.MuiAutocomplete-popper').boundingBox();
  expect(box && list).toBeTruthy();
  expect(Math.abs(list!.x - box!.x)).toBeLessThanOrEqual(2);
  expect(Math.abs(list!.width - box!.width)).toBeLessThanOrEqual(2);
  expect(list!.y).toBeGreaterThanOrEqual(box!.y + box!.height - 2);
  // Services are found by title as well as by id, and each option names its service.
  await services.fill('Key Management');
  await expect(page.getByRole('option').first()).toHaveText(/^kmsAWS Key Management Service/);
  await page.keyboard.press('Escape');

  // Reached by the keyboard alone, ArrowLeft moves to the last chip and Backspace removes it.
  await tabToRegions(page);
  await page.keyboard.press('ArrowLeft');
  await expect(page.locator(':focus')).toHaveText('us-east-1');
  await page.keyboard.press('Backspace');
  await expect(
    regionsField(page)
      .locator('xpath=ancestor::div[contains(@class,"MuiAutocomplete-root")]')
      .locator('.MuiChip-root'),
  ).toHaveCount(0);
  expect(errors).toEqual([]);
});

test("a region's chip counts the findings that concern that region only", async ({ page }) => {
  await openBuilder(page);
  // s3's policy in sa-east-1 needs service accounts no source lists for that region.
  await pick(page, regionsField(page), 'sa-east-1');
  const chip = (region: string) => page.locator('.MuiChip-root', { hasText: region });
  await expect(chip('sa-east-1').getByLabel(/to fill$/)).toHaveAttribute(
    'title',
    /^sa-east-1: \d+ to fill$/,
  );
  await expect(chip('us-east-1').getByLabel(/error|to fill/)).toHaveCount(0);
  // Read out as two words, the region and its count.
  await expect(chip('sa-east-1')).toHaveAccessibleName(/^sa-east-1 \d+ to fill$/);
});

/** Gives a control the focus and presses Enter on it, as a keyboard user would. */
async function pressEnterOn(locator: Locator): Promise<void> {
  await locator.focus();
  await locator.press('Enter');
}

test('Escape in the value of a placeholder gives the focus back to its Fill button', async ({
  page,
}) => {
  await openBuilder(page);
  await pressEnterOn(page.getByRole('button', { name: 'Edit policy' }));
  await waitForCheck(page);
  const fill = problemsList(page).getByRole('button', { name: 'Fill <my-org-id>…' }).first();
  await pressEnterOn(fill);
  const value = page.getByRole('textbox', { name: 'Value for <my-org-id>' });
  await expect(value).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(value).toHaveCount(0);
  await expect(fill).toBeFocused();
});

test('in the simulator, a button that goes away with its action leaves the focus on the form or the list', async ({
  page,
}) => {
  await openBuilder(page);
  await organizationField(page).fill(ORG_ID);
  for (const sid of [
    'AllowRequestsByThirdPartyIdentitiesToThirdPartyResources',
    'AllowRequestsByOrgsIdentitiesToThirdPartyResources',
  ]) {
    await statementSwitch(page, sid).focus();
    await page.keyboard.press('Space');
    await expect(statementSwitch(page, sid)).not.toBeChecked();
  }
  await pressEnterOn(page.getByRole('tab', { name: 'Request simulator' }));
  const simulator = page.getByRole('region', { name: 'Request simulator' });
  const form = simulator.getByRole('region', { name: 'Request', exact: true });
  const saved = simulator.getByRole('region', { name: 'Saved requests' });

  // An edited ready-made request, then back to it: the button goes, the form keeps the focus.
  await simulator.getByRole('textbox', { name: 'Action', exact: true }).fill('s3:PutObject');
  await pressEnterOn(simulator.getByRole('button', { name: 'Back to the ready-made request' }));
  await expect(form).toBeFocused();

  await pressEnterOn(simulator.getByRole('button', { name: 'Add to suite' }));
  const savedList = saved.getByRole('list', { name: 'Saved requests' });
  await expect(savedList.getByRole('listitem')).toHaveCount(1);
  // Edit brings the form into view with the focus; Stop editing leaves it there.
  await pressEnterOn(savedList.getByRole('button', { name: 'Edit' }));
  await expect(form).toBeFocused();
  await pressEnterOn(simulator.getByRole('button', { name: 'Stop editing' }));
  await expect(simulator.getByRole('button', { name: 'Stop editing' })).toHaveCount(0);
  await expect(form).toBeFocused();
  await pressEnterOn(savedList.getByRole('button', { name: 'Remove' }));
  await expect(savedList).toHaveCount(0);
  await expect(saved).toBeFocused();

  // A cell of the matrix opened in the form: the matrix goes, the form has the focus.
  await pressEnterOn(simulator.getByRole('button', { name: 'Matrix', exact: true }));
  await pressEnterOn(
    simulator
      .getByRole('table', { name: 'Verdicts by request and region' })
      .getByRole('button')
      .first(),
  );
  await pressEnterOn(
    simulator
      .getByRole('region', { name: 'Matrix cell' })
      .getByRole('button', { name: 'Open in the form' }),
  );
  await expect(form).toBeFocused();
});

test('the buttons that pick a file open the picker with Enter and with Space', async ({ page }) => {
  // Listened for from the start: a listener added just before the key may come too late.
  const opened: boolean[] = [];
  page.on('filechooser', (chooser) => {
    opened.push(chooser.isMultiple());
    // Closed without a choice, as a person cancels the picker.
    void chooser.setFiles([]);
  });
  await openBuilder(page);
  const importSuite = page
    .getByRole('region', { name: 'Request simulator' })
    .getByRole('button', { name: 'Import suite' });
  const chooseFiles = page.getByRole('button', { name: 'Choose files' });
  for (const [button, tab, multiple] of [
    [importSuite, 'Request simulator', false],
    [chooseFiles, 'Impact', true],
  ] as const) {
    for (const key of ['Enter', 'Space']) {
      await pressEnterOn(page.getByRole('tab', { name: tab }));
      await button.focus();
      const before = opened.length;
      await page.keyboard.press(key);
      await expect
        .poll(() => opened.slice(before), { message: `${key} on ${tab}` })
        .toEqual([multiple]);
    }
  }
});

test.describe('on a narrow screen', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('"Show in policy" by keyboard leaves the focus on the policy pane it brings forward', async ({
    page,
  }) => {
    await openBuilder(page);
    await showPane(page, 'Explain & test');
    await pressEnterOn(
      page
        .getByRole('region', { name: /^Explanations/ })
        .getByRole('button', { name: 'Show in policy' })
        .nth(1),
    );
    await expect(page.getByRole('tab', { name: 'Policy', selected: true })).toBeVisible();
    await expect(page.locator('#pane-policy')).toBeFocused();
  });
});
