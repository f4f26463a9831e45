/**
 * Hostile policies and links in the page: Markdown, HTML and links in Sids, tag values,
 * parameters and condition values never become live links, images or scripts in hovers (and no
 * request leaves the origin); a 1 MB Sid is checked and shown at once; a link full of slow saved
 * requests opens, and the requests past the budget get no verdict.
 */
import { expect, test, type Page } from '@playwright/test';
import { loadShareCodec, openBuilder, ORG_ID, waitForMark } from './builder';
import { openImport, pastePolicy, problemsList, waitForCheck } from './policy-editor';
import { testRegionCode, testServiceId } from '../src/core/catalog/ids.testing';

const TRACKER = 'tracker.example';

/** Requests the page makes to any origin but its own. */
function watchForeignRequests(page: Page): string[] {
  const foreign: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (!['data:', 'blob:'].includes(url.protocol) && url.hostname !== '127.0.0.1')
      foreign.push(request.url());
  });
  return foreign;
}

/** Hovers the editor's token that holds `text` (scrolling the editor to it), and returns the hover. */
async function hoverToken(page: Page, text: string, hoverText: string | RegExp) {
  const editor = page.locator('.monaco-editor').last();
  const span = editor.locator('.view-line span[class^="mtk"]', { hasText: text }).first();
  await editor.hover();
  for (let step = 0; step < 100 && (await span.count()) === 0; step++)
    await page.mouse.wheel(0, 300);
  await span.hover();
  const hover = page.locator('.monaco-hover').filter({ hasText: hoverText });
  await expect(hover).toBeVisible();
  return hover;
}

async function expectInert(hover: ReturnType<Page['locator']>): Promise<void> {
  await expect(hover.locator('img')).toHaveCount(0);
  await expect(hover.locator('script')).toHaveCount(0);
  await expect(hover.locator(`a[href*="${TRACKER}"], a[href^="javascript:"]`)).toHaveCount(0);
}

test('Markdown and HTML in a pasted policy stay text in the hovers', async ({ page }) => {
  const foreign = watchForeignRequests(page);
  await openBuilder(page);
  await waitForMark(page, 'vpce:editor-ready');
  await openImport(page);
  const sid = `Sid[click](javascript:alert(1))![beacon](https://${TRACKER}/sid.png)<script>alert(2)</script>`;
  await pastePolicy(
    page,
    JSON.stringify(
      {
        Version: '2012-10-17',
        Statement: [
          {
            Sid: sid,
            Effect: 'Allow',
            Principal: '*',
            Action: 's3:GetObject',
            Resource: `arn:aws:s3:::bucket/<img src="https://${TRACKER}/value.png">`,
            Condition: {
              StringEquals: { 'aws:PrincipalTag/team': `![tag](https://${TRACKER}/tag.png)` },
            },
          },
        ],
      },
      null,
      2,
    ),
  );
  await waitForCheck(page);
  const hover = await hoverToken(page, 'beacon', /not one of the perimeter/);
  await expect(hover).toContainText('[click](javascript:alert(1))');
  await expect(hover).toContainText('<script>alert(2)</script>');
  await expectInert(hover);
  await page.mouse.move(0, 0);
  await expectInert(await hoverToken(page, 'value.png', /perimeter|Not mapped/));
  expect(foreign).toEqual([]);
});

test('parameters and tags from a share link stay text in the preview hovers', async ({ page }) => {
  const foreign = watchForeignRequests(page);
  const { encodeConfigForUrl } = await loadShareCodec();
  const fragment = encodeConfigForUrl({
    version: 1,
    organizationIds: [ORG_ID],
    regions: [testRegionCode('us-east-1')],
    services: [testServiceId('s3')],
    parameters: {
      orgIdentitiesToThirdPartyResources: {
        accounts: ['444455556666'],
        actions: ['s3:GetObject'],
        resources: [
          `arn:aws:s3:::partner/![x](https://${TRACKER}/resource.png)[y](javascript:alert(1))`,
        ],
      },
      exclusionTag: { key: 'team', value: `https://${TRACKER}/tag-value` },
    },
  });
  await openBuilder(page, `/#${fragment}`);
  await waitForMark(page, 'vpce:editor-ready');
  const resource = await hoverToken(page, 'resource.png', 'From your setting');
  await expect(resource).toContainText(`![x](https://${TRACKER}/resource.png)`);
  await expectInert(resource);
  await page.mouse.move(0, 0);
  const tag = await hoverToken(page, 'tag-value', 'From your setting');
  await expect(tag.locator('a')).toHaveCount(0);
  expect(foreign).toEqual([]);
});

test('a 1 MB Sid is checked and shown at once, cut to its start', async ({ page }) => {
  await openBuilder(page);
  await openImport(page);
  await pastePolicy(page, {
    parts: [
      ['{"Version": "2012-10-17", "Statement": [{"Sid": "', 1],
      ['A', 1_000_000],
      ['", "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*"}]}', 1],
    ],
  });
  // Within the default wait of the checks: it took over a minute when messages quoted the Sid whole.
  await waitForCheck(page);
  const problems = await problemsList(page).innerText();
  expect(problems).toContain('more characters)');
  expect(problems.length).toBeLessThan(20_000);
});

test('a link full of slow saved requests opens, and the requests past the budget get no verdict', async ({
  page,
}) => {
  const { encodeConfigForUrl } = await loadShareCodec();
  const piece = `${'a?'.repeat(100)}b`;
  const fragment = encodeConfigForUrl({
    version: 1,
    organizationIds: [ORG_ID],
    regions: [testRegionCode('us-east-1')],
    services: [testServiceId('s3')],
    // Off, since it needs values of its own: a policy with values to fill gets no verdict at all.
    statements: { AllowRequestsByThirdPartyIdentitiesToThirdPartyResources: false },
    parameters: {
      orgIdentitiesToThirdPartyResources: {
        accounts: ['444455556666'],
        actions: ['s3:GetObject'],
        resources: Array.from({ length: 20 }, (_, i) => `arn:aws:s3:::*${piece}*${'?'.repeat(i)}`),
      },
    },
    savedRequests: Array.from({ length: 500 }, (_, i) => ({
      name: `slow ${i}`,
      service: 's3',
      request: {
        principal: { type: 'iam', account: '111122223333', organizationId: ORG_ID },
        action: 's3:GetObject',
        resource: `arn:aws:s3:::${'a'.repeat(2_000)}`,
      },
      expect: 'ImplicitDeny',
    })),
  });
  await openBuilder(page, `/#${fragment}`);
  await page.getByRole('tab', { name: 'Request simulator' }).click();
  const simulator = page.getByRole('region', { name: 'Request simulator' });
  await expect(simulator.getByRole('status', { name: 'Suite result' })).toContainText(
    '500 saved requests',
  );
  const items = simulator.getByRole('list', { name: 'Saved requests' }).getByRole('listitem');
  await expect(items.last()).toContainText('No verdict');
  // The page still answers: a choice changes the policy at once.
  await page.getByRole('tab', { name: 'Request simulator' }).focus();
  await expect(page.getByRole('button', { name: 'Copy', exact: true })).toBeEnabled();
});
