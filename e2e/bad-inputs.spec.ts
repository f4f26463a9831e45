import { expect, test } from '@playwright/test';
import {
  loadEngine,
  loadShareCodec,
  openBuilder,
  ORG_ID,
  organizationField,
  servicesField,
  showPlainText,
  shownPolicy,
} from './builder';
import { testRegionCode, testServiceId } from '../src/core/catalog/ids.testing';

test('a bad organization id gets a message next to the field and never reaches the policy', async ({
  page,
}) => {
  await openBuilder(page);
  await organizationField(page).fill(ORG_ID);
  await showPlainText(page);
  await expect(page.getByTestId('policy-text')).toContainText(ORG_ID);

  await organizationField(page).fill('o-NotAnOrg');
  await expect(organizationField(page)).toHaveAttribute('aria-invalid', 'true');
  const help = page.locator(
    '#' + (await organizationField(page).getAttribute('aria-describedby'))!.split(' ')[0],
  );
  await expect(help).toContainText(
    '"o-NotAnOrg"): expected an organization id: "o-" and 10 to 32 lowercase letters or digits',
  );
  // The policy keeps the last valid value.
  expect(await shownPolicy(page)).toContain(ORG_ID);
  expect(await shownPolicy(page)).not.toContain('o-NotAnOrg');

  await organizationField(page).fill('o-zzzzzzzzzz, o-zzzzzzzzzz');
  await expect(help).toContainText('listed twice');
  await organizationField(page).fill('');
  await expect(organizationField(page)).toHaveAttribute('aria-invalid', 'false');
  await expect(page.getByTestId('policy-text')).toContainText('<my-org-id>');
});

test('bad values in the parameters get the engine message next to the field', async ({ page }) => {
  await openBuilder(page);
  await page
    .getByRole('button', { name: 'Details: Our identities to trusted third-party resources' })
    .click();
  const resources = page.getByRole('textbox', { name: 'Resource ARNs' });
  await resources.fill('arn:aws:s3:::partner-bucket/*\nnot-an-arn');
  await expect(resources).toHaveAttribute('aria-invalid', 'true');
  await expect(
    page.getByText(
      'Line 2 ("not-an-arn"): expected an ARN such as "arn:aws:s3:::partner-bucket/*".',
    ),
  ).toBeVisible();
  // A space inside a value splits it in two: the message names the line it was typed on.
  const actions = page.getByRole('textbox', { name: 'Actions' }).first();
  await actions.fill('s3:Get Object');
  await expect(actions).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText(/^Line 1, item 2 \("Object"\): /)).toBeVisible();
});

test('a corrupted saved state opens the defaults with a message and keeps the bad text', async ({
  page,
}) => {
  const corrupted = '{"format":1,"config":{"version":1,"services":["s3"';
  await page.addInitScript((text) => {
    if (!sessionStorage.getItem('seeded')) {
      localStorage.setItem('vpce-policy:state', text);
      sessionStorage.setItem('seeded', '1');
    }
  }, corrupted);
  await openBuilder(page);
  const alert = page.getByRole('alert').filter({ hasText: 'Your saved choices could not be read' });
  await expect(alert).toBeVisible();
  await expect(alert).toContainText('not valid JSON');
  await expect(servicesField(page)).toBeVisible();
  const engine = await loadEngine();
  expect(await shownPolicy(page)).toBe(
    engine.generate(
      {
        version: 1,
        organizationIds: [],
        regions: [testRegionCode('us-east-1')],
        services: [testServiceId('s3')],
      },
      testServiceId('s3'),
    ).text,
  );
  const rejected = await page.evaluate(
    () => JSON.parse(localStorage.getItem('vpce-policy:rejected') ?? '{}') as { text?: string },
  );
  expect(rejected.text).toBe(corrupted);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    alert.getByRole('button', { name: 'Save a copy of it' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('rejected-saved-state.txt');
});

test('a saved state with an invalid value names the field and opens the defaults', async ({
  page,
}) => {
  await page.addInitScript(() => {
    if (!sessionStorage.getItem('seeded')) {
      localStorage.setItem(
        'vpce-policy:state',
        JSON.stringify({
          format: 1,
          config: {
            version: 1,
            organizationIds: ['o-BAD'],
            regions: ['us-east-1'],
            services: ['ec2'],
          },
          view: {},
        }),
      );
      sessionStorage.setItem('seeded', '1');
    }
  });
  await openBuilder(page);
  const alert = page.getByRole('alert').filter({ hasText: 'Your saved choices could not be read' });
  await expect(alert).toContainText('organizationIds[0]');
  await expect(page.getByRole('tab', { name: 's3', selected: true })).toBeVisible();
  await expect(organizationField(page)).toHaveValue('');
});

test('a damaged share link opens the defaults with a message', async ({ page }) => {
  const { encodeConfigForUrl } = await loadShareCodec();
  const fragment = encodeConfigForUrl({
    version: 1,
    organizationIds: [ORG_ID],
    regions: [testRegionCode('eu-west-1')],
    services: [testServiceId('ec2')],
  });
  await openBuilder(page, `/#${fragment.slice(0, fragment.length - 15)}`);
  const alert = page.getByRole('alert').filter({ hasText: 'The shared link could not be opened' });
  await expect(alert).toContainText('damaged');
  await expect(page.getByRole('tab', { name: 's3', selected: true })).toBeVisible();
});
