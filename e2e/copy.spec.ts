import { expect, test } from '@playwright/test';
import { loadEngine, openBuilder, ORG_ID, organizationField } from './builder';
import { testRegionCode, testServiceId } from '../src/core/catalog/ids.testing';

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

test('Copy puts the policy on the clipboard and says so', async ({ page }) => {
  await openBuilder(page);
  await organizationField(page).fill(ORG_ID);
  const engine = await loadEngine();
  const expected = engine.generate(
    {
      version: 1,
      organizationIds: [ORG_ID],
      regions: [testRegionCode('us-east-1')],
      services: [testServiceId('s3')],
    },
    testServiceId('s3'),
  );
  await expect(page.getByRole('meter', { name: 'Policy size' })).toHaveAttribute(
    'aria-valuenow',
    String(expected.size),
  );

  await page.getByRole('button', { name: 'Copy', exact: true }).click();
  // The third-party statements still have values to fill: the page asks first, and says which.
  const question = page.getByRole('dialog', { name: 'Export an unfinished policy?' });
  await expect(question.getByRole('list', { name: 'To fill' })).toContainText(
    'Third-party account ids, under',
  );
  await expect(question).not.toContainText('Organization ID');
  await question.getByRole('button', { name: 'Copy anyway' }).click();
  await expect(page.getByText('Copied s3-endpoint-policy.json to the clipboard')).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(expected.text);
});
