import { expect, test, type Page } from '@playwright/test';
import { parse as parseHcl } from '@cdktf/hcl2json';
import { strFromU8, unzipSync } from 'fflate';
import {
  clearChips,
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

async function chooseS3AndEc2(page: Page): Promise<void> {
  await openBuilder(page);
  await clearChips(page, servicesField(page));
  await pick(page, servicesField(page), 's3');
  await pick(page, servicesField(page), 'ec2');
  await clearChips(page, regionsField(page));
  await pick(page, regionsField(page), 'eu-west-1');
  await pick(page, regionsField(page), 'us-east-1');
  await organizationField(page).fill(ORG_ID);
}

const exportDialog = (page: Page) => page.getByRole('dialog', { name: 'Export as' });

async function downloadZip(page: Page): Promise<{ name: string; files: Record<string, string> }> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    exportDialog(page).getByRole('button', { name: 'Download zip' }).click(),
  ]);
  const file = await readDownload(download);
  const entries = unzipSync(new Uint8Array(file.bytes));
  return {
    name: file.name,
    files: Object.fromEntries(
      Object.entries(entries).map(([path, bytes]) => [path, strFromU8(bytes)]),
    ),
  };
}

test('Export as Terraform: endpoints imported from describe-vpc-endpoints, every file as the engine writes it', async ({
  page,
}) => {
  const deploy = await loadDeployEngine();
  await chooseS3AndEc2(page);
  await page.getByRole('button', { name: 'Export as…' }).click();
  await expect(exportDialog(page).getByRole('radio', { name: /Terraform module/ })).toBeChecked();

  const describe = deploy.describeOutput([
    { n: 1, service: 's3', region: 'eu-west-1', name: 'shared-s3' },
    { n: 2, service: 'ec2', region: 'eu-west-1' },
    { n: 3, service: 'sqs', region: 'eu-west-1' },
  ]);
  await exportDialog(page)
    .getByRole('group', { name: 'Import endpoints from describe-vpc-endpoints output' })
    .locator('input[type=file]')
    .setInputFiles({
      name: 'endpoints-eu-west-1.json',
      mimeType: 'application/json',
      buffer: Buffer.from(describe),
    });
  await expect(exportDialog(page).getByText('Listed 3 endpoints in eu-west-1.')).toBeVisible();
  // sqs is not among the chosen services: listed, and said to receive no policy.
  await expect(
    exportDialog(page).getByText(/endpoint of sqs, which is not among the chosen services/),
  ).toBeVisible();
  await expect(exportDialog(page).getByText(/lists 3 endpoints: eu-west-1 \(3\)/)).toBeVisible();
  expect(await seriousViolations(page, '[role="dialog"]')).toEqual([]);

  const zip = await downloadZip(page);
  expect(zip.name).toBe('vpc-endpoint-policies-terraform.zip');
  const config = JSON.parse(zip.files['perimeter.json']!);
  expect(config.inventory['eu-west-1'].map((e: { id: string }) => e.id)).toEqual([
    deploy.hexId('vpce', 1),
    deploy.hexId('vpce', 2),
    deploy.hexId('vpce', 3),
  ]);
  const expected = deploy.exportPolicies(config, 'terraform');
  expect(Object.keys(zip.files).sort()).toEqual(
    [...expected.files.map((f) => f.path), 'perimeter.json'].sort(),
  );
  for (const file of expected.files) expect(zip.files[file.path], file.path).toBe(file.text);
  const main = (await parseHcl('main.tf', zip.files['main.tf']!)) as {
    resource: { aws_vpc_endpoint_policy: Record<string, [{ for_each: string }]> };
  };
  expect(main.resource.aws_vpc_endpoint_policy.s3_eu_west_1![0].for_each).toContain(
    deploy.hexId('vpce', 1),
  );
  expect(main.resource.aws_vpc_endpoint_policy.s3_us_east_1![0].for_each).toContain(
    'var.vpc_endpoint_ids',
  );
});

test('Export as CloudFormation and as an AWS CLI script', async ({ page }) => {
  const deploy = await loadDeployEngine();
  await chooseS3AndEc2(page);
  await page.getByRole('button', { name: 'Export as…' }).click();
  await exportDialog(page)
    .getByRole('radio', { name: /CloudFormation templates/ })
    .check();
  const cfn = await downloadZip(page);
  const config = JSON.parse(cfn.files['perimeter.json']!);
  for (const file of deploy.exportPolicies(config, 'cloudformation').files)
    expect(cfn.files[file.path], file.path).toBe(file.text);
  expect(cfn.files['vpc-endpoints-eu-west-1.yaml']).toMatch(
    /ServiceName: !Sub com\.amazonaws\.\$\{AWS::Region\}\.s3/,
  );

  await exportDialog(page)
    .getByRole('radio', { name: /AWS CLI script/ })
    .check();
  const cli = await downloadZip(page);
  for (const file of deploy.exportPolicies(config, 'cli').files)
    expect(cli.files[file.path], file.path).toBe(file.text);
  expect(cli.files['apply-endpoint-policies.sh']).toContain('aws ec2 modify-vpc-endpoint');
  const manifest = JSON.parse(cli.files['manifest.json']!);
  expect(manifest.format).toBe('cli');
});

test('a truncated, wrongly shaped or 50 MB endpoints file gets a message and changes nothing', async ({
  page,
}) => {
  const deploy = await loadDeployEngine();
  await chooseS3AndEc2(page);
  await page.getByRole('button', { name: 'Export as…' }).click();
  const input = exportDialog(page)
    .getByRole('group', { name: 'Import endpoints from describe-vpc-endpoints output' })
    .locator('input[type=file]');
  const good = deploy.describeOutput([{ n: 1, service: 's3', region: 'eu-west-1' }]);
  await input.setInputFiles({
    name: 'eu-west-1.json',
    mimeType: 'application/json',
    buffer: Buffer.from(good),
  });
  await expect(exportDialog(page).getByText('Listed 1 endpoint in eu-west-1.')).toBeVisible();

  await input.setInputFiles({
    name: 'cut.json',
    mimeType: 'application/json',
    buffer: Buffer.from(good.slice(0, 200)),
  });
  await expect(
    exportDialog(page).getByText(/^cut\.json:\d+:\d+: The JSON ends too early/),
  ).toBeVisible();
  await input.setInputFiles({
    name: 'other.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{"Reservations":[]}'),
  });
  await expect(
    exportDialog(page).getByText(/other\.json: Expected an object with a "VpcEndpoints" list/),
  ).toBeVisible();
  await input.setInputFiles(await hugeFile());
  await expect(
    exportDialog(page).getByText(
      /vpce-e2e-huge\.json: The file is 52\.4 million characters; the limit is 40,000,000\..*It was not opened\./,
    ),
  ).toBeVisible();
  // The endpoint imported first is still there.
  await expect(exportDialog(page).getByText(/lists 1 endpoint: eu-west-1 \(1\)/)).toBeVisible();
});

test('an endpoint typed into the inventory is checked like the configuration before it is added', async ({
  page,
}) => {
  await chooseS3AndEc2(page);
  await page.getByRole('button', { name: 'Export as…' }).click();
  const form = exportDialog(page).getByRole('form', { name: 'Add an endpoint' });
  await form.getByRole('textbox', { name: 'Endpoint id' }).fill('vpce-123');
  await form.getByRole('textbox', { name: 'Service' }).fill('s4');
  await form.getByRole('textbox', { name: 'Region' }).fill('eu-west-1');
  await form.getByRole('button', { name: 'Add the endpoint' }).click();
  await expect(form.getByRole('status')).toContainText(
    'expected a VPC endpoint id: "vpce-" and 8 or 17 lowercase hexadecimal digits',
  );
  await form.getByRole('textbox', { name: 'Endpoint id' }).fill('vpce-0123456789abcdef0');
  await form.getByRole('button', { name: 'Add the endpoint' }).click();
  await expect(form.getByRole('status')).toContainText('Unknown endpoint service "s4"');
  await form.getByRole('textbox', { name: 'Service' }).fill('s3');
  await form.getByRole('combobox', { name: 'Endpoint type' }).click();
  await page.getByRole('option', { name: 'Gateway', exact: true }).click();
  await form.getByRole('button', { name: 'Add the endpoint' }).click();
  await expect(exportDialog(page).getByText(/lists 1 endpoint: eu-west-1 \(1\)/)).toBeVisible();
});

test('the zip is prepared without taking the focus from the dialog: Escape still closes it', async ({
  page,
}) => {
  await openBuilder(page);
  await page.getByRole('button', { name: 'Export as…' }).click();
  // The defaults make one policy, said in the singular.
  await expect(exportDialog(page)).toContainText('1 policy: 1 service × 1 region,');
  const button = exportDialog(page).getByRole('button', { name: 'Download zip' });
  await button.focus();
  await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  // The button stayed focused while it said "Preparing…", instead of dropping the focus to the
  // page, outside the dialog.
  await expect(exportDialog(page).getByRole('button', { name: 'Download zip' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(exportDialog(page)).toBeHidden();
});
