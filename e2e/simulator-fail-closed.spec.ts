/**
 * The request simulator never fails open: no verdict on a policy the validator finds errors in
 * (the user's text, or a generated policy with values still to fill), with the errors and their
 * places, a click moving there; and no Allowed or Denied when the evaluation goes over its budget.
 */
import { expect, test, type Page } from '@playwright/test';
import { tsImport } from 'tsx/esm/api';
import type { PerimeterConfigDocument } from '../src/core/config/schema';
import type * as VerdictCheckModule from '../src/core/validate/verdict-check';
import {
  loadEngine,
  loadShareCodec,
  openBuilder,
  ORG_ID,
  seriousViolations,
  showPlainText,
} from './builder';
import {
  cursorPosition,
  MALFORMED_CIDR_DENY,
  openImport,
  pastePolicy,
  waitForCheck,
  withStatement,
} from './policy-editor';
import { testConfig, testServiceId } from '../src/core/catalog/ids.testing';

test.use({ viewport: { width: 1280, height: 720 } });

const OUR_ROLE_READS = 'One of our roles reads our bucket';
const THIRD_PARTY_OFF = {
  AllowRequestsByThirdPartyIdentitiesToThirdPartyResources: false,
  AllowRequestsByOrgsIdentitiesToThirdPartyResources: false,
};
/** A finished perimeter: every value given, so that its policy gets verdicts. */
const finished: PerimeterConfigDocument = {
  version: 1,
  organizationIds: [ORG_ID],
  regions: ['us-east-1'],
  services: ['s3'],
  statements: THIRD_PARTY_OFF,
};

/** The decision the CLI and the simulator share, run in the test for the figures the page must show. */
function loadVerdictCheck(): Promise<typeof VerdictCheckModule> {
  return tsImport('../src/core/validate/verdict-check.ts', import.meta.url) as Promise<
    typeof VerdictCheckModule
  >;
}

const simulator = (page: Page) => page.getByRole('region', { name: 'Request simulator' });
const verdict = (page: Page) => simulator(page).getByRole('status', { name: 'Verdict' });
const policyErrors = (page: Page) =>
  simulator(page).getByRole('list', { name: 'Errors in the policy' });
const savedList = (page: Page) => simulator(page).getByRole('list', { name: 'Saved requests' });

async function openSimulatorWith(page: Page, choices: PerimeterConfigDocument): Promise<void> {
  const { encodeConfigForUrl } = await loadShareCodec();
  await openBuilder(page, `/#${encodeConfigForUrl(testConfig(choices))}`);
  await expect(page.getByText('Opened the choices of the shared link.')).toBeVisible();
  await page.getByRole('tab', { name: 'Request simulator' }).click();
  await expect(simulator(page)).toBeVisible();
}

async function expectNoSeriousViolations(page: Page): Promise<void> {
  expect(await seriousViolations(page, '#side-panel')).toEqual([]);
}

test('a malformed CIDR in a Deny of the text being edited: no verdict, the error and its place, a click moves there', async ({
  page,
}) => {
  await openSimulatorWith(page, finished);
  await simulator(page)
    .getByRole('list', { name: 'Ready-made requests' })
    .getByRole('button', { name: OUR_ROLE_READS, exact: true })
    .click();
  await expect(verdict(page)).toHaveText(/^Allowed by /);

  // The generated policy plus a Deny outside our network whose CIDR is malformed: the evaluator
  // cannot read it, so the Deny would not apply and the request would pass.
  const engine = await loadEngine();
  const text = withStatement(
    engine.generate(testConfig(finished), testServiceId('s3')).text,
    MALFORMED_CIDR_DENY,
  );
  const cidrLine = text.split('\n').findIndex((line) => line.includes('10.0.0.0/33')) + 1;
  const check = (await loadVerdictCheck()).checkPolicyForVerdict(text);
  const cidrError = check.errors.find((d) => d.range?.start.line === cidrLine);
  expect(cidrError).toBeDefined();

  await page
    .getByRole('group', { name: 'Policy mode' })
    .getByRole('button', { name: 'Edit policy' })
    .click();
  await openImport(page);
  await pastePolicy(page, text);
  await waitForCheck(page);

  const count = check.errors.length;
  await expect(verdict(page)).toHaveText(
    `No verdict: your policy text in the editor has ${count} error${count === 1 ? '' : 's'}; no verdict is given on a policy that cannot be deployed as it is.` +
      'A statement the engine cannot read, or a value left to fill, would not apply, and the verdict could say a request passes that the deployed policy denies. Fix the errors below, then the verdict is given.',
  );
  await expect(verdict(page)).not.toContainText('Allowed');
  const place = `Line ${cidrLine}, column ${cidrError!.range!.start.column}`;
  const item = policyErrors(page).getByRole('button', { name: new RegExp(`${place}:`) });
  await expect(item).toContainText(cidrError!.message);
  await expectNoSeriousViolations(page);

  // As a click in the problems list: the cursor goes to the place of the error.
  await expect(cursorPosition(page)).not.toHaveText(new RegExp(`^Line ${cidrLine},`));
  await item.click();
  await expect(cursorPosition(page)).toHaveText(new RegExp(`^Line ${cidrLine},`));

  // Fixed, the Deny applies (the request names no source address) and the verdict says so.
  await openImport(page);
  await pastePolicy(page, text.replace('10.0.0.0/33', '10.0.0.0/8'));
  await waitForCheck(page);
  await expect(verdict(page)).toHaveText(/^ExplicitDeny by DenyOutsideOurNetwork/);
});

test('a generated policy with values still to fill: no verdict in the form, the ready-made list and the matrix; a click shows the place in the preview', async ({
  page,
}) => {
  // The third-party statements are on, without their values.
  const { statements: _off, ...unfinished } = finished;
  await openSimulatorWith(page, unfinished);
  const engine = await loadEngine();
  const check = (await loadVerdictCheck()).checkPolicyForVerdict(
    engine.endpointPolicyFor(testConfig(unfinished), testServiceId('s3')).text,
  );
  expect(check.errors.length).toBeGreaterThan(0);

  await expect(verdict(page)).toHaveText(
    /^No verdict: the s3 policy for us-east-1 has \d+ values? still to fill; no verdict is given/,
  );
  const readyMade = simulator(page).getByRole('list', { name: 'Ready-made requests' });
  // Values still to give make the policy unfinished, not wrong: the page says which.
  await expect(readyMade.getByRole('listitem').first()).toContainText(
    'No verdict: the policy has values still to fill',
  );
  await expect(readyMade).not.toContainText('Allowed');
  await expect(policyErrors(page).getByRole('listitem')).toHaveCount(
    Math.min(check.errors.length, 20),
  );
  await expectNoSeriousViolations(page);

  // The place is shown in the preview's policy.
  await showPlainText(page);
  const first = check.errors[0]!;
  await policyErrors(page).getByRole('button').first().click();
  const placeholder = /<[^>]+>/.exec(first.message)![0];
  await expect(page.getByTestId('policy-text').locator('mark')).toContainText(placeholder);

  // The matrix: every cell of the policy says so, none says Allowed or Denied.
  await simulator(page)
    .getByRole('group', { name: 'Simulator mode' })
    .getByRole('button', { name: 'Matrix' })
    .click();
  const grid = simulator(page).getByRole('table', { name: 'Verdicts by request and region' });
  await expect(grid).toBeVisible();
  const cells = grid.getByRole('button');
  const total = await cells.count();
  expect(total).toBeGreaterThan(0);
  await expect(
    grid.getByRole('button', { name: /^No verdict: the policy has values still to fill/ }),
  ).toHaveCount(total);
  await cells.first().click();
  await expect(simulator(page).getByRole('region', { name: 'Matrix cell' })).toContainText(
    'No verdict: the policy has values still to fill',
  );
  await expectNoSeriousViolations(page);
});

test('a saved request over the evaluation budget, from a share link: no verdict, with the budget, in the list, the form and the matrix', async ({
  page,
}) => {
  // Patterns built to be slow against a long resource: matching one request goes over its budget.
  const piece = `${'a?'.repeat(100)}b`;
  const slow: PerimeterConfigDocument = {
    ...finished,
    statements: { AllowRequestsByThirdPartyIdentitiesToThirdPartyResources: false },
    parameters: {
      orgIdentitiesToThirdPartyResources: {
        accounts: ['444455556666'],
        actions: ['s3:GetObject'],
        resources: Array.from({ length: 20 }, (_, i) => `arn:aws:s3:::*${piece}*${'?'.repeat(i)}`),
      },
    },
    savedRequests: [
      {
        name: 'A read of a bucket with a long name',
        service: 's3',
        request: {
          principal: { type: 'iam', account: '111122223333', organizationId: ORG_ID },
          action: 's3:GetObject',
          resource: `arn:aws:s3:::${'a'.repeat(2_000)}`,
        },
        expect: 'ImplicitDeny',
      },
    ],
  };
  const engine = await loadEngine();
  const policyText = engine.endpointPolicyFor(testConfig(slow), testServiceId('s3')).text;
  expect((await loadVerdictCheck()).checkPolicyForVerdict(policyText).errors).toEqual([]);
  const result = engine.evaluate(policyText, testConfig(slow).savedRequests![0]!.request);
  expect(result.withheld).toBeDefined();

  await openSimulatorWith(page, slow);
  const item = savedList(page).getByRole('listitem').first();
  await expect(item).toContainText(`Expects ImplicitDeny. No verdict: ${result.withheld!}`);
  await expect(item).not.toContainText('got ImplicitDeny');
  await expect(item).toContainText('Fails its expectation');

  await item.getByRole('button', { name: 'Edit' }).click();
  await expect(verdict(page)).toHaveText(`No verdict: ${result.withheld!}`);
  await expect(simulator(page)).toContainText(
    'The evaluation stopped at its budget, so it says neither Allowed nor Denied.',
  );
  await expectNoSeriousViolations(page);

  await simulator(page)
    .getByRole('group', { name: 'Simulator mode' })
    .getByRole('button', { name: 'Matrix' })
    .click();
  const cell = simulator(page).getByRole('button', {
    name: 'No verdict: over the evaluation budget, expected Denied: A read of a bucket with a long name, us-east-1',
  });
  await cell.click();
  await expect(simulator(page).getByRole('region', { name: 'Matrix cell' })).toContainText(
    `No verdict: ${result.withheld!}`,
  );
});
