import { expect, test } from '@playwright/test';
import { openBuilder, regionsField, statementSwitch } from './builder';

test('the choices can be made with the keyboard alone', async ({ page }) => {
  await openBuilder(page);
  // From the top of the page, Tab reaches the services field before the regions field.
  await page.locator('body').focus();
  let reached = false;
  for (let i = 0; i < 15 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = await regionsField(page).evaluate((element) => element === document.activeElement);
  }
  expect(reached).toBe(true);
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
