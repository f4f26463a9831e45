import { expect, test, type Page } from '@playwright/test';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { tsImport } from 'tsx/esm/api';
import type * as Fixtures from '../src/core/impact/trail-fixtures.testing';
import type * as Generator from '../bench/impact/generate-trail';
import { openBuilder, ORG_ID, organizationField, readDownload } from './builder';

const panel = (page: Page) => page.getByRole('region', { name: 'Impact on real traffic' });
const summary = (page: Page) => panel(page).getByRole('status', { name: 'Impact summary' });
const shapes = (page: Page) => panel(page).getByRole('list', { name: 'Request shapes' });

let dir: string;
let files: Record<'gz' | 'json' | 'truncated' | 'text' | 'accounts', string>;

test.beforeAll(async () => {
  const f = (await tsImport(
    '../src/core/impact/trail-fixtures.testing.ts',
    import.meta.url,
  )) as typeof Fixtures;
  dir = await mkdtemp(join(tmpdir(), 'impact-e2e-'));
  const allowed = [
    f.s3Event(f.identities.role(), 'our-data', 'reports/2026/q1.csv', f.OURS),
    f.s3Event(
      f.identities.anonymous(),
      'al2023-repos-us-east-1-de612dc2',
      'core/mirror.list',
      undefined,
    ),
    f.s3Event(f.identities.role(), 'personal-bucket', 'x.zip', f.OUTSIDE, {
      eventName: 'PutObject',
    }),
  ];
  const breaking = [
    f.s3Event(f.identities.role(), 'vendor-feed', 'daily/feed.csv', f.PARTNER, {
      time: '2026-11-21T08:00:00Z',
    }),
    f.s3Event(f.identities.role(), 'awslambda-us-east-1-tasks', 'snapshots/1/fn', undefined, {
      time: '2026-11-21T09:00:00Z',
    }),
  ];
  files = {
    gz: join(dir, 'a.json.gz'),
    json: join(dir, 'b.json'),
    truncated: join(dir, 'c.json.gz'),
    text: join(dir, 'notes.txt'),
    accounts: join(dir, 'accounts.json'),
  };
  await writeFile(files.gz, f.gzipLogFile(allowed));
  await writeFile(files.json, f.logFile(breaking));
  await writeFile(files.truncated, f.gzipLogFile(allowed).subarray(0, 120));
  await writeFile(files.text, 'not a trail\n');
  await writeFile(
    files.accounts,
    JSON.stringify({ Accounts: [{ Id: f.OURS }, { Id: f.OURS_TOO }] }),
  );
});

test.afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function openImpact(page: Page): Promise<void> {
  await openBuilder(page);
  await organizationField(page).fill(ORG_ID);
  await page.getByRole('tab', { name: 'Impact' }).click();
  await expect(panel(page)).toBeVisible();
  await panel(page)
    .getByLabel("Load the organization's accounts (aws organizations list-accounts output)")
    .setInputFiles(files.accounts);
  await expect(panel(page).getByText('2 accounts loaded from accounts.json.')).toBeVisible();
}

test('one account and one endpoint are counted in the singular', async ({ page }) => {
  await openBuilder(page);
  await page.getByRole('tab', { name: 'Impact' }).click();
  await panel(page)
    .getByLabel("Load the organization's accounts (aws organizations list-accounts output)")
    .setInputFiles({
      name: 'one-account.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify({ Accounts: [{ Id: '111122223333' }] })),
    });
  await expect(panel(page).getByText('1 account loaded from one-account.json.')).toBeVisible();
  await panel(page)
    .getByLabel('Load the endpoint inventory (aws ec2 describe-vpc-endpoints output)')
    .setInputFiles({
      name: 'one-endpoint.json',
      mimeType: 'application/json',
      buffer: Buffer.from(
        JSON.stringify({
          VpcEndpoints: [
            {
              VpcEndpointId: 'vpce-0123456789abcdef0',
              ServiceName: 'com.amazonaws.eu-west-1.s3',
            },
          ],
        }),
      ),
    });
  await expect(
    panel(page).getByText(
      '1 endpoint loaded from one-endpoint.json; it applies to the next files read.',
    ),
  ).toBeVisible();
});

test('reads CloudTrail files in the page, says what would break and applies a fix in one click', async ({
  page,
}) => {
  await openImpact(page);
  await panel(page)
    .getByLabel('Choose CloudTrail log files')
    .setInputFiles([files.gz, files.json, files.truncated, files.text]);
  await expect(summary(page)).toContainText(
    '2 legitimate-looking request shapes (2 events) would be denied.',
  );
  const problems = panel(page).getByRole('alert', { name: 'Files with problems' });
  await expect(problems).toContainText('c.json.gz: the gzip data is corrupt or cut short');
  await expect(problems).toContainText('notes.txt: not CloudTrail');
  await expect(
    panel(page).getByRole('img', { name: /^Events per day from 2026-11-20 to 2026-11-21/ }),
  ).toBeVisible();

  // "Would break" lists the two legitimate-looking shapes, each with its confirmed fix.
  const rows = shapes(page).getByRole('listitem');
  await expect(rows).toHaveCount(2);
  const lambda = rows.filter({ hasText: 'awslambda-us-east-1-tasks' });
  await expect(lambda).toContainText(
    'Fix: turn on the data access pattern lambda-deployment-packages',
  );
  await lambda
    .getByRole('button', {
      name: /^Apply: turn on the data access pattern lambda-deployment-packages/,
    })
    .click();
  await expect(summary(page)).toContainText(
    '1 legitimate-looking request shape (1 event) would be denied.',
  );
  await expect(rows).toHaveCount(1);
  // The applied row went with its button: the focus is on the summary, not dropped to the page.
  await expect(summary(page)).toBeFocused();
  // The remaining fix names a statement by its long Sid: it wraps, and its Apply button is inside
  // the panel, which does not scroll sideways.
  const apply = rows
    .first()
    .getByRole('button', { name: /^Apply/ })
    .first();
  await apply.scrollIntoViewIfNeeded();
  const inside = await panel(page).boundingBox();
  const button = await apply.boundingBox();
  expect(button!.x + button!.width).toBeLessThanOrEqual(inside!.x + inside!.width + 1);
  expect(
    await panel(page).evaluate((element) => {
      let overflow = 0;
      for (let node: Element | null = element; node; node = node.parentElement)
        overflow = Math.max(overflow, node.scrollWidth - node.clientWidth);
      return overflow;
    }),
  ).toBe(0);
  // The change is a choice like any other: saved with the others.
  await expect
    .poll(() => page.evaluate(() => localStorage.getItem('vpce-policy:state') ?? ''))
    .toContain('"lambda-deployment-packages":true');

  // Exfiltration is flagged, without a fix.
  await panel(page).getByRole('button', { name: 'Flagged', exact: true }).click();
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('Flagged: exfiltration');
  await expect(rows.first().getByRole('button', { name: /^Apply/ })).toHaveCount(0);

  const download = page.waitForEvent('download');
  await panel(page).getByRole('button', { name: 'Export CSV' }).click();
  const csv = await readDownload(await download);
  expect(csv.name).toBe('impact-report.csv');
  expect(csv.text.split('\r\n')[0]).toMatch(/^service,region,decision,flag,reason,events,/);
  expect(csv.text).toContain('personal-bucket');
});

test('a large file is read off the page thread, with progress, and can be cancelled', async ({
  page,
}) => {
  const generator = (await tsImport(
    '../bench/impact/generate-trail.ts',
    import.meta.url,
  )) as typeof Generator;
  const big = join(dir, 'big.json');
  const out = createWriteStream(big);
  for (const chunk of generator.pooledTrailText(9, 150_000)) {
    if (!out.write(chunk)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  await openImpact(page);
  await panel(page).getByLabel('Choose CloudTrail log files').setInputFiles(big);
  const progress = panel(page).getByRole('progressbar', { name: 'Reading the logs' });
  await expect(progress).toBeVisible();
  // The page answers while the worker reads.
  await organizationField(page).fill('o-zzzzzzzzzz');
  await expect(organizationField(page)).toHaveValue('o-zzzzzzzzzz');
  await panel(page).getByRole('button', { name: 'Cancel' }).click();
  await expect(panel(page).getByText(/^Cancelled/)).toBeVisible();
  await expect(progress).toHaveCount(0);
});
