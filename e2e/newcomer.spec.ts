import { expect, test } from '@playwright/test';
import { unzipSync, strFromU8 } from 'fflate';
import {
  clearChips,
  downloadText,
  loadEngine,
  openBuilder,
  ORG_ID,
  organizationField,
  pick,
  regionsField,
  servicesField,
  statementSwitch,
} from './builder';
import { testConfig, testRegionCode, testServiceId } from '../src/core/catalog/ids.testing';

test('a newcomer chooses S3, two regions and an organization, and downloads the policy the engine generates', async ({
  page,
}) => {
  await openBuilder(page);
  await clearChips(page, servicesField(page));
  await pick(page, servicesField(page), 's3');
  await clearChips(page, regionsField(page));
  await pick(page, regionsField(page), 'us-east-1');
  await pick(page, regionsField(page), 'eu-west-1');
  await organizationField(page).fill(ORG_ID);

  const config = {
    version: 1 as const,
    organizationIds: [ORG_ID],
    regions: ['us-east-1', 'eu-west-1'],
    services: ['s3'],
  };
  const engine = await loadEngine();
  const expected = engine.generate(testConfig(config), testServiceId('s3'));
  await expect(page.getByRole('meter', { name: 'Policy size' })).toHaveAttribute(
    'aria-valuenow',
    String(expected.size),
  );

  const file = await downloadText(page, 'Download');
  expect(file.name).toBe('s3-endpoint-policy.json');
  expect(file.text).toBe(expected.text);
  expect(JSON.parse(file.text)).toEqual(expected.policy);
});

test('"Download all" zips every policy of the choices with the configuration and the manifest', async ({
  page,
}) => {
  await openBuilder(page);
  await pick(page, servicesField(page), 'ec2');
  await organizationField(page).fill(ORG_ID);
  await page.getByRole('button', { name: 'One per region' }).click();
  await pick(page, regionsField(page), 'eu-west-1');

  const zip = await downloadText(page, 'Download all');
  expect(zip.name).toBe('vpc-endpoint-policies.zip');
  const files = unzipSync(new Uint8Array(zip.bytes));
  const config = JSON.parse(strFromU8(files['perimeter.json']!)) as Parameters<
    Awaited<ReturnType<typeof loadEngine>>['generatePolicies']
  >[0];
  const engine = await loadEngine();
  const outputs = engine.generatePolicies(config);
  expect(Object.keys(files).sort()).toEqual(
    [...outputs.map((o) => o.fileName), 'manifest.json', 'perimeter.json'].sort(),
  );
  expect(outputs.map((o) => o.fileName)).toContain('ec2-eu-west-1-endpoint-policy.json');
  // Each file as `vpce-policy build --out` writes it: the policy and a newline.
  for (const output of outputs)
    expect(strFromU8(files[output.fileName]!)).toBe(`${output.result.text}\n`);
});

test('a first visit reads the policy with the form, before the engine has loaded; a changed choice waits for the engine', async ({
  page,
}) => {
  // The engine's files (the full catalog and the preview's generator) are held back.
  let release = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  const held: string[] = [];
  await page.route(/\/assets\/(catalog|preview-policy)-[\w-]+\.js$/, async (route) => {
    held.push(route.request().url());
    await released;
    await route.continue();
  });
  await page.goto('/');
  const engine = await loadEngine();
  const expected = engine.generate(
    {
      version: 1,
      organizationIds: [],
      regions: [testRegionCode('us-east-1')],
      services: [testServiceId('s3')],
    },
    testServiceId('s3'),
  ).text;
  const text = page.getByRole('region', { name: 'Policy text' });
  await expect(text).toBeVisible();
  expect(await text.textContent()).toBe(expected);
  await expect.poll(() => held.length).toBeGreaterThan(0);
  // Another choice is not the first visit's policy: the text waits for the engine.
  await statementSwitch(page, 'AllowRequestsByAWSServicePrincipals').click();
  await expect(page.getByText('Preparing the policy…')).toBeVisible();
  release();
  await expect(page.getByRole('button', { name: 'Copy', exact: true })).toBeVisible();
  const changed = engine.generate(
    {
      version: 1,
      organizationIds: [],
      regions: [testRegionCode('us-east-1')],
      services: [testServiceId('s3')],
      statements: { AllowRequestsByAWSServicePrincipals: false },
    },
    testServiceId('s3'),
  ).text;
  expect((await downloadText(page, 'Download')).text).toBe(changed);
});
