/**
 * Corrected catalog facts and safe defaults as the built page shows them: the Patch Manager
 * buckets of a region in the downloaded policy, Cloud9's bucket as a name the user fills, the STS
 * federation statement, and discontinued services hidden unless asked for.
 */
import { expect, test } from '@playwright/test';
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
  shownPolicy,
  showPlainText,
} from './builder';
import { openImport, pastePolicy, problem, waitForCheck } from './policy-editor';
import { testRegionCode, testServiceId } from '../src/core/catalog/ids.testing';

test('the downloaded S3 policy of eu-south-2 names the Patch Manager buckets of the Systems Manager table', async ({
  page,
}) => {
  await openBuilder(page);
  await clearChips(page, regionsField(page));
  await pick(page, regionsField(page), 'eu-south-2');
  await organizationField(page).fill(ORG_ID);

  const file = await downloadText(page, 'Download');
  for (const bucket of [
    'aws-patch-manager-eu-south-2-a4cf248b1',
    'aws-patchmanager-macos-eu-south-2-a4cf248b1',
    'patch-baseline-snapshot-eu-south-2-df2c9d70',
  ])
    expect(file.text).toContain(`"arn:aws:s3:::${bucket}/*"`);
  expect(file.text).not.toContain('arn:aws:s3:::patch-baseline-snapshot-eu-south-2/*');
  // No bucket name completed by a wildcard in the statement that admits anyone.
  expect(file.text).not.toContain('static-eu-south-2-prod-static-*');
  const engine = await loadEngine();
  const expected = engine.generate(
    {
      version: 1,
      organizationIds: [ORG_ID],
      regions: [testRegionCode('eu-south-2')],
      services: [testServiceId('s3')],
    },
    testServiceId('s3'),
  );
  expect(file.text).toBe(expected.text);
});

test('Cloud9 is off by default and, once on, takes the exact bucket name instead of a wildcard', async ({
  page,
}) => {
  await openBuilder(page);
  await page.getByRole('button', { name: 'Details: Anyone to named AWS-owned resources' }).click();
  const patterns = page.getByRole('region', { name: 'Data access patterns' });
  const cloud9 = patterns.getByRole('checkbox', { name: 'AWS Cloud9 environment dependencies' });
  await expect(cloud9).not.toBeChecked();
  expect(await shownPolicy(page)).not.toContain('prod-static');

  await cloud9.click();
  await expect(cloud9).toBeChecked();
  await expect(page.getByTestId('policy-text')).toContainText(
    '"arn:aws:s3:::static-us-east-1-prod-static-<string>/content/dependencies/*"',
  );
  const names = page.getByRole('textbox', { name: 'us-east-1 bucket names' });
  await expect(names).toBeVisible();
  await names.fill('static-us-east-1-prod-static-*');
  await expect(page.getByRole('region', { name: /^Bucket names: / })).toContainText('no wildcard');
  await names.fill('static-us-east-1-prod-static-0a1b2c3d4e');
  await expect(page.getByTestId('policy-text')).toContainText(
    '"arn:aws:s3:::static-us-east-1-prod-static-0a1b2c3d4e/content/dependencies/*"',
  );
  expect(await shownPolicy(page)).not.toContain('<string>');
});

test('the STS policy admits SAML and web identity federation to roles of the organization', async ({
  page,
}) => {
  await openBuilder(page);
  await clearChips(page, servicesField(page));
  await pick(page, servicesField(page), 'sts');
  await organizationField(page).fill(ORG_ID);
  await showPlainText(page);
  await expect(page.getByTestId('policy-text')).toContainText(
    'AllowRequestsByOrgsIdentitiesToOrgsResourcesFederation',
  );
  const policy = JSON.parse(await shownPolicy(page)) as {
    Statement: Array<{ Sid: string; Action: unknown; Resource: unknown; Condition: unknown }>;
  };
  const federation = policy.Statement.find(
    (s) => s.Sid === 'AllowRequestsByOrgsIdentitiesToOrgsResourcesFederation',
  );
  expect(federation?.Action).toEqual(['sts:AssumeRoleWithSAML', 'sts:AssumeRoleWithWebIdentity']);
  expect(federation?.Resource).toBe('arn:aws:iam::*:role/*');
  expect(federation?.Condition).toEqual({ StringEquals: { 'aws:ResourceOrgID': ORG_ID } });

  await page.getByRole('button', { name: 'Details: Our identities to our resources' }).click();
  const toggle = page
    .getByRole('region', { name: 'Data access patterns' })
    .getByRole('checkbox', { name: /Federated sign-in to our roles/ });
  await expect(toggle).toBeChecked();
  await toggle.click();
  await expect(page.getByTestId('policy-text')).not.toContainText('Federation');
});

test('discontinued services are hidden from the picker unless asked for', async ({ page }) => {
  await openBuilder(page);
  const field = servicesField(page);
  await field.click();
  await field.fill('robomaker');
  await expect(page.getByRole('option', { name: /^robomaker/ })).toHaveCount(0);
  await field.press('Escape');

  await page.getByRole('checkbox', { name: 'Show discontinued services' }).check();
  await field.click();
  await field.fill('robomaker');
  const option = page.getByRole('option', { name: /^robomaker/ });
  await expect(option).toBeVisible();
  await expect(option).toContainText('discontinued');
  await option.click();
  await field.press('Escape');
  await expect(page.getByText('robomaker is discontinued: AWS no longer lists it')).toBeVisible();
});

test('the validator in the page: an endpoint open to anyone is an error, never described as a perimeter statement', async ({
  page,
}) => {
  await openBuilder(page);
  await openImport(page);
  await pastePolicy(
    page,
    JSON.stringify(
      {
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'AllowRequestsByOrgsIdentitiesToOrgsResources',
            Effect: 'Allow',
            Principal: '*',
            Action: '*',
            Resource: '*',
          },
        ],
      },
      null,
      2,
    ),
  );
  await waitForCheck(page);
  await expect(problem(page, 'perimeter/admits-anyone')).toContainText(
    'this endpoint admits anyone',
  );
  await expect(problem(page, 'perimeter/no-org-to-org')).toHaveCount(1);
  await expect(page.getByRole('list', { name: 'Recognized statements' })).toContainText(
    'AllowRequestsByOrgsIdentitiesToOrgsResources: not a perimeter statement',
  );
});

test('the validator in the page warns when an STS endpoint policy blocks federation', async ({
  page,
}) => {
  await openBuilder(page);
  await clearChips(page, servicesField(page));
  await pick(page, servicesField(page), 'sts');
  await organizationField(page).fill(ORG_ID);
  // The generated STS policy without its federation statement, checked as the sts policy it is.
  await page.getByRole('button', { name: 'Details: Our identities to our resources' }).click();
  await page
    .getByRole('region', { name: 'Data access patterns' })
    .getByRole('checkbox', { name: /Federated sign-in to our roles/ })
    .click();
  const mode = page.getByRole('group', { name: 'Policy mode' });
  await mode.getByRole('button', { name: 'Edit policy' }).click();
  await expect(page.getByText('Started from the generated sts policy.')).toBeVisible();
  await waitForCheck(page);
  await expect(problem(page, 'perimeter/sts-federation-blocked')).toContainText(
    'carry no aws:PrincipalOrgID',
  );
});
