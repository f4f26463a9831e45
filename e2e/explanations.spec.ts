import { expect, test } from '@playwright/test';
import { openBuilder, showPlainText, waitForMark } from './builder';

// The editor draws only the lines in view: a window tall enough for the revealed statement's resources.
test.use({ viewport: { width: 1440, height: 900 } });

test('hovering a resource in the editor says which data access pattern it comes from', async ({
  page,
}) => {
  await openBuilder(page);
  await waitForMark(page, 'vpce:editor-ready');
  const explanations = page.getByRole('region', { name: /^Explanations/ });
  await explanations
    .getByRole('listitem')
    .filter({ hasText: 'AllowRequestsToAWSOwnedResources' })
    .getByRole('button', { name: 'Show in policy' })
    .click();

  const arn = page.locator('.monaco-editor .view-line span[class^="mtk"]', {
    hasText: 'arn:aws:s3:::al2023-us-east-1/*',
  });
  await arn.hover();
  const hover = page.locator('.monaco-hover').filter({ hasText: 'data access pattern' });
  await expect(hover).toBeVisible();
  await expect(hover).toContainText('Amazon Linux 2023');
  await expect(hover).toContainText('Sources:');

  await page.mouse.move(0, 0);
  const sid = page.locator('.monaco-editor .view-line span[class^="mtk"]', {
    hasText: '"AllowRequestsToAWSOwnedResources"',
  });
  await sid.hover();
  await expect(page.locator('.monaco-hover').filter({ hasText: 'Why:' })).toBeVisible();
});

test('the explanations list the statements of the policy in order, with why, risks and sources', async ({
  page,
}) => {
  await openBuilder(page);
  const explanations = page.getByRole('region', { name: /^Explanations/ });
  const items = explanations.getByRole('listitem').filter({ has: page.getByRole('heading') });
  await expect(items).toHaveCount(7);
  await expect(items.first()).toContainText('AllowRequestsByOrgsIdentitiesToOrgsResources');
  await expect(items.last()).toContainText('AllowRequestsByOrgsIdentitiesToAnyResources');

  const third = items.nth(2);
  await third.getByRole('button', { name: 'Why, risks and sources' }).click();
  await expect(third).toContainText('Why:');
  await expect(third).toContainText('Risk:');
  await expect(third.getByRole('link').first()).toHaveAttribute('href', /^https:\/\//);

  await showPlainText(page);
  await third.getByRole('button', { name: 'Show in policy' }).click();
  const marked = page.getByTestId('policy-text').locator('mark');
  await expect(marked).toContainText('"Sid": "AllowRequestsToAWSOwnedResources"');
  await expect(marked).toBeInViewport();
  // A screen reader is told where the mark is.
  await expect(
    page.getByRole('status').filter({
      hasText: /^Marked AllowRequestsToAWSOwnedResources in the policy, lines \d+ to \d+\.$/,
    }),
  ).toHaveCount(1);
});

test('"Show in policy" brings a statement of a minified policy into view, sideways', async ({
  page,
}) => {
  await openBuilder(page);
  await page.getByRole('switch', { name: 'Minified' }).check();
  await showPlainText(page);
  await page
    .getByRole('region', { name: /^Explanations/ })
    .getByRole('button', { name: 'Show in policy' })
    .nth(3)
    .click();
  const mark = page.getByTestId('policy-text').locator('mark');
  await expect(mark).toContainText('"Sid"');
  // On the one line of a minified policy, the statement is thousands of pixels to the right.
  await expect(mark).toBeInViewport();
  const text = page.getByTestId('policy-text').locator('xpath=..');
  expect(await text.evaluate((element) => element.scrollLeft)).toBeGreaterThan(0);
});
