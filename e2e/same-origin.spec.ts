import { expect, test } from '@playwright/test';
import {
  downloadText,
  hoverStatementSid,
  openBuilder,
  ORG_ID,
  organizationField,
  pick,
  regionsField,
  waitForMark,
} from './builder';

test('no request leaves the origin, whatever the page does', async ({ page, baseURL }) => {
  const requests: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  await openBuilder(page);
  await waitForMark(page, 'vpce:editor-ready');
  await pick(page, regionsField(page), 'eu-west-1');
  await organizationField(page).fill(ORG_ID);

  // A statement shown in the editor and its hover, the details of a statement, the explanations.
  await hoverStatementSid(page, 'AllowRequestsByAWSServicePrincipals');
  await page.getByRole('button', { name: 'Details: Anyone to named AWS-owned resources' }).click();
  await expect(page.getByRole('region', { name: 'Data access patterns' })).toBeVisible();
  await page
    .getByRole('region', { name: /^Explanations/ })
    .getByRole('button', { name: 'Why, risks and sources' })
    .first()
    .click();
  await page.getByRole('button', { name: 'Share link' }).click();
  await page.getByRole('button', { name: 'Done' }).click();
  await page.getByRole('button', { name: 'Import config' }).click();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await downloadText(page, 'Download all');
  await page.getByRole('button', { name: /^Theme:/ }).click();

  expect(requests.length).toBeGreaterThan(5);
  const foreign = requests.filter(
    (url) => !url.startsWith(`${baseURL}/`) && !/^(data|blob):/.test(url),
  );
  expect(foreign).toEqual([]);
});
