import { expect, test, type Page } from '@playwright/test';
import {
  clearChips,
  loadEngine,
  openBuilder,
  ORG_ID,
  organizationField,
  pick,
  readDownload,
  regionsField,
  seriousViolations,
  servicesField,
} from './builder';
import { hugeFile, loadDeployEngine } from './deploy';
import { testConfig, testRegionCode, testServiceId } from '../src/core/catalog/ids.testing';

const auditPanel = (page: Page) => page.getByRole('region', { name: 'Audit deployed endpoints' });
const filesInput = (page: Page) =>
  auditPanel(page).getByRole('group', { name: 'Endpoints to audit' }).locator('input[type=file]');

const config = {
  version: 1 as const,
  organizationIds: [ORG_ID],
  regions: ['eu-west-1', 'us-east-1'],
  services: ['s3', 'ec2'],
};

async function chooseS3AndEc2(page: Page): Promise<void> {
  await openBuilder(page);
  await clearChips(page, servicesField(page));
  await pick(page, servicesField(page), 's3');
  await pick(page, servicesField(page), 'ec2');
  await clearChips(page, regionsField(page));
  await pick(page, regionsField(page), 'eu-west-1');
  await pick(page, regionsField(page), 'us-east-1');
  await organizationField(page).fill(ORG_ID);
  await page.getByRole('tab', { name: 'Audit' }).click();
  await expect(auditPanel(page)).toBeVisible();
}

test('the audit lists every endpoint with its state, the statements that differ, and downloads as CSV', async ({
  page,
}) => {
  const [engine, deploy] = await Promise.all([loadEngine(), loadDeployEngine()]);
  const designed = (service: string, region: string) =>
    engine.generate(testConfig(config), testServiceId(service), {
      regions: [testRegionCode(region)],
      format: 'minified',
    }).text;
  const eu = deploy.describeOutput([
    { n: 1, service: 's3', region: 'eu-west-1', policy: designed('s3', 'eu-west-1') },
    {
      n: 2,
      service: 'ec2',
      region: 'eu-west-1',
      policy: designed('ec2', 'eu-west-1').replace('"Action":"*"', '"Action":"ec2:*"'),
    },
    { n: 3, service: 'sqs', region: 'eu-west-1', policy: '{"Statement":[]}' },
  ]);
  const us = deploy.describeOutput([{ n: 4, service: 's3', region: 'us-east-1' }]);
  await chooseS3AndEc2(page);
  await filesInput(page).setInputFiles([
    { name: 'endpoints-eu-west-1.json', mimeType: 'application/json', buffer: Buffer.from(eu) },
    { name: 'endpoints-us-east-1.json', mimeType: 'application/json', buffer: Buffer.from(us) },
  ]);
  await expect(auditPanel(page).getByText(/^4 endpoints in 2 regions:/)).toHaveText(
    '4 endpoints in 2 regions: 1 matches the design, 1 differs from the design, 1 default full-access policy, 1 service not in the design, 1 endpoint missing; 1 open to everyone.',
  );
  const table = auditPanel(page).getByRole('table', { name: 'Audited endpoints' });
  const row = (id: string) => table.getByRole('row').filter({ hasText: id });
  await expect(row(deploy.hexId('vpce', 1))).toContainText('Matches the design');
  await expect(row(deploy.hexId('vpce', 2))).toContainText('Differs from the design');
  await expect(row(deploy.hexId('vpce', 3))).toContainText('Service not in the design');
  await expect(row(deploy.hexId('vpce', 4))).toContainText('Default full-access policy');
  await expect(table.getByRole('row').filter({ hasText: 'Endpoint missing' })).toContainText(
    'us-east-1',
  );

  await auditPanel(page)
    .getByRole('button', { name: `Show details of ${deploy.hexId('vpce', 2)}` })
    .click();
  await expect(table.getByRole('list', { name: 'Statement changes' })).toContainText(
    'changed AllowRequestsByOrgsIdentitiesToOrgsResources (Action +ec2:* -*)',
  );
  expect(await seriousViolations(page, 'section[aria-labelledby="audit-title"]')).toEqual([]);

  await expect(auditPanel(page).getByText(/The choices changed since this audit/)).toHaveCount(0);
  await auditPanel(page)
    .getByRole('button', { name: /^Differs from the design \(1\)$/ })
    .click();
  await expect(table.getByRole('row')).toHaveCount(2);

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    auditPanel(page).getByRole('button', { name: 'Download CSV' }).click(),
  ]);
  const csv = await readDownload(download);
  expect(csv.name).toBe('endpoint-audit.csv');
  const read = deploy.readDescribeVpcEndpoints([
    { name: 'endpoints-eu-west-1.json', text: eu },
    { name: 'endpoints-us-east-1.json', text: us },
  ]);
  const iamIndex = await engine.loadIamIndex();
  const { output: _output, ...chosen } = { ...config, output: undefined };
  expect(csv.text).toBe(
    deploy.auditCsv(deploy.auditEndpoints(testConfig(chosen), read.endpoints, { iamIndex })),
  );
});

test('an audit of 5,000 endpoints runs in a worker with its progress shown', async ({ page }) => {
  const deploy = await loadDeployEngine();
  const regions = ['eu-west-1', 'us-east-1'];
  const files = regions.map((region, r) => ({
    name: `endpoints-${region}.json`,
    mimeType: 'application/json',
    buffer: Buffer.from(
      deploy.describeOutput(
        Array.from({ length: 2_500 }, (_, i) => ({
          n: r * 2_500 + i + 1,
          service: i % 2 === 0 ? 's3' : 'ec2',
          region,
        })),
      ),
    ),
  }));
  await chooseS3AndEc2(page);
  const worker = page.waitForEvent('worker');
  await filesInput(page).setInputFiles(files);
  await expect(auditPanel(page).getByRole('progressbar', { name: 'Audit progress' })).toBeVisible();
  expect((await worker).url()).toMatch(/audit\.worker/);
  await expect(auditPanel(page).getByText(/^5000 endpoints in 2 regions:/)).toBeVisible({
    timeout: 60_000,
  });
  await expect(auditPanel(page).getByRole('progressbar', { name: 'Audit progress' })).toHaveCount(
    0,
  );
  await expect(
    auditPanel(page).getByRole('button', { name: /^Default full-access policy \(5000\)$/ }),
  ).toBeVisible();
  // A page of 25 rows, not 5,000.
  await expect(
    auditPanel(page).getByRole('table', { name: 'Audited endpoints' }).getByRole('row'),
  ).toHaveCount(26);
});

test('bad files are named with what is wrong, and the good ones are still audited', async ({
  page,
}) => {
  const deploy = await loadDeployEngine();
  const good = deploy.describeOutput([{ n: 1, service: 's3', region: 'eu-west-1' }]);
  await chooseS3AndEc2(page);
  await filesInput(page).setInputFiles([
    { name: 'eu-west-1.json', mimeType: 'application/json', buffer: Buffer.from(good) },
    { name: 'cut.json', mimeType: 'application/json', buffer: Buffer.from(good.slice(0, 250)) },
    {
      name: 'instances.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{"Reservations":[]}'),
    },
  ]);
  await expect(auditPanel(page).getByText(/^1 endpoint in 1 region:/)).toBeVisible();
  const problems = auditPanel(page).getByLabel('Problems with the files');
  await expect(problems).toContainText(/cut\.json:\d+:\d+: The JSON ends too early/);
  await expect(problems).toContainText(
    'instances.json: Expected an object with a "VpcEndpoints" list',
  );

  await filesInput(page).setInputFiles(await hugeFile());
  await expect(problems).toContainText(/vpce-e2e-huge\.json: The file is 52\.4 million characters/);
  // The files audited before are kept.
  await expect(auditPanel(page).getByText(/^1 endpoint in 1 region:/)).toBeVisible();
});
