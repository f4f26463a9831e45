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

  const status = (await page.getByRole('status', { name: 'Policy status' }).textContent()) ?? '';
  await page.getByRole('button', { name: 'Copy', exact: true }).click();
  // The third-party statements still have values to fill: the page asks first, and says which.
  const question = page.getByRole('dialog', { name: 'Export an unfinished policy?' });
  await expect(question.getByRole('list', { name: 'To fill' })).toContainText(
    'Third-party account ids, under',
  );
  await expect(question).not.toContainText('Organization ID');
  // Counted as the status line counts them: values, in the fields listed.
  const listed = await question
    .getByRole('list', { name: 'To fill' })
    .getByRole('listitem')
    .count();
  const values = /(\d+) to fill/.exec(status)![1];
  await expect(question).toContainText(
    `still has ${values} value${values === '1' ? '' : 's'} to fill${Number(values) === listed ? '' : ` in ${listed} fields`}`,
  );
  await question.getByRole('button', { name: 'Copy anyway' }).click();
  await expect(page.getByText('Copied s3-endpoint-policy.json to the clipboard')).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(expected.text);
});
