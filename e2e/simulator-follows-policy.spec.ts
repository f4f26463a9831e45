/**
 * The simulator follows the policy the preview shows (service tab and region), offers the
 * ready-made requests of each service, and runs every request in every region as a matrix with
 * the failures first; at the three window sizes, in both themes, with no serious accessibility
 * violation.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import type { PerimeterConfigDocument, SavedRequest } from '../src/core/index';
import {
  loadEngine,
  loadShareCodec,
  openBuilder,
  ORG_ID,
  serviceTab,
  showPane,
  showPlainText,
} from './builder';
import { testConfig, testServiceId } from '../src/core/catalog/ids.testing';

const SIZES = [
  { width: 1280, height: 720 },
  { width: 1440, height: 900 },
  { width: 390, height: 844 },
] as const;
const ORG_STATEMENT = 'AllowRequestsByOrgsIdentitiesToOrgsResources';
const FEDERATION = 'A CI job or EKS pod assumes one of our roles with a web identity token';

const wronglyExpected: SavedRequest = {
  name: 'An unsigned read of our bucket, expected to pass',
  service: 's3',
  request: {
    principal: { type: 'anonymous' },
    action: 's3:GetObject',
    resource: 'arn:aws:s3:::example-data/a.csv',
  },
  expect: 'Allowed',
};
const config: PerimeterConfigDocument = {
  version: 1,
  organizationIds: [ORG_ID],
  regions: ['us-east-1', 'eu-west-1'],
  services: ['s3', 'kms', 'sts', 'access-analyzer'],
  output: { shape: 'per-region' },
  // Statements with values still to fill would leave the policies unfinished, and the simulator
  // gives no verdict on an unfinished policy.
  statements: {
    AllowRequestsByThirdPartyIdentitiesToThirdPartyResources: false,
    AllowRequestsByOrgsIdentitiesToThirdPartyResources: false,
  },
  savedRequests: [wronglyExpected],
};

const simulator = (page: Page) => page.getByRole('region', { name: 'Request simulator' });
const verdict = (page: Page) => simulator(page).getByRole('status', { name: 'Verdict' });
const readyMade = (page: Page) =>
  simulator(page).getByRole('list', { name: 'Ready-made requests' }).getByRole('listitem');
const matrixResult = (page: Page) => simulator(page).getByRole('status', { name: 'Matrix result' });

async function seriousViolations(page: Page): Promise<string[]> {
  await page.waitForFunction(() =>
    document.getAnimations().every((animation) => animation.playState !== 'running'),
  );
  return (await new AxeBuilder({ page }).analyze()).violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id}: ${v.nodes.map((n) => `${n.target.join(' ')} ${n.html} ${n.failureSummary}`).join(', ')}`,
    );
}

/** The page scrolls vertically only: nothing is wider than the window. */
async function expectNoSidewaysScroll(page: Page): Promise<void> {
  expect(
    await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
  ).toBeLessThanOrEqual(0);
}

async function openWithChoices(page: Page, choices: PerimeterConfigDocument): Promise<void> {
  const { encodeConfigForUrl } = await loadShareCodec();
  await openBuilder(page, `/#${encodeConfigForUrl(testConfig(choices))}`);
  await expect(page.getByText('Opened the choices of the shared link.')).toBeVisible();
  await showPane(page, 'Explain & test');
  await page.getByRole('tab', { name: 'Request simulator' }).click();
  await expect(simulator(page)).toBeVisible();
}

/**
 * Shows a service's policy in the preview (a region too, when given), then comes back to the
 * simulator: on a narrow window the two are panes of their own.
 */
async function showPolicyOf(page: Page, service: string, region?: string): Promise<void> {
  await showPane(page, 'Policy');
  await serviceTab(page, service).click();
  if (region) await page.getByRole('combobox', { name: 'Policy region' }).selectOption(region);
  await showPane(page, 'Explain & test');
}

for (const size of SIZES) {
  for (const theme of ['light', 'dark'] as const) {
    test(`at ${size.width}x${size.height} in the ${theme} theme: the simulator follows the policy shown, offers each service's requests, and runs the matrix failures first`, async ({
      page,
    }) => {
      await page.setViewportSize(size);
      await page.emulateMedia({ colorScheme: theme });
      await openWithChoices(page, config);
      await expect(page.locator('html')).toHaveClass(new RegExp(`\\b${theme}\\b`));
      const engine = await loadEngine();
      const names = (service: string, region: string) =>
        engine
          .perimeterScenarios(testConfig(config), { service: testServiceId(service), region })
          .map((s) => s.name);

      // The preview shows the first service, which has no ready-made requests of its own: the
      // panel says so and offers those of the other selected services.
      await showPane(page, 'Policy');
      await expect(serviceTab(page, 'access-analyzer')).toHaveAttribute('aria-selected', 'true');
      await showPane(page, 'Explain & test');
      await expect(simulator(page)).toContainText('access-analyzer has none of its own');
      await expect(readyMade(page)).toHaveCount(
        ['kms', 's3', 'sts'].flatMap((service) => names(service, 'eu-west-1')).length,
      );

      // The s3 tab in eu-west-1 (the first region in the catalog's order): so does the simulator.
      await showPolicyOf(page, 's3');
      await expect(readyMade(page).getByRole('button')).toHaveText(names('s3', 'eu-west-1'));
      await expect(simulator(page)).toContainText(
        'Evaluated against the s3 policy for eu-west-1, the one the preview shows.',
      );

      // Another service tab and region: the ready-made requests and the verdict follow.
      await showPolicyOf(page, 'kms');
      await expect(readyMade(page).getByRole('button')).toHaveText(names('kms', 'eu-west-1'));
      await showPolicyOf(page, 'kms', 'us-east-1');
      await expect(simulator(page)).toContainText(
        'Evaluated against the kms policy for us-east-1, the one the preview shows.',
      );
      await expect(
        simulator(page).getByRole('textbox', { name: 'Resource ARN', exact: true }),
      ).toHaveValue(/^arn:aws:kms:us-east-1:/);
      await expect(verdict(page)).toContainText(`Allowed by ${ORG_STATEMENT}`);

      // The STS requests, federation included, each with the verdict the choices call for.
      await showPolicyOf(page, 'sts');
      const sts = engine.perimeterScenarios(testConfig(config), {
        service: testServiceId('sts'),
        region: 'us-east-1',
      });
      await expect(readyMade(page).getByRole('button')).toHaveText(sts.map((s) => s.name));
      const federation = sts.find((s) => s.name === FEDERATION)!;
      await readyMade(page).getByRole('button', { name: FEDERATION }).click();
      await expect(verdict(page)).toHaveText(new RegExp(`^${federation.expect}`));
      await expect(simulator(page)).toContainText(federation.expectation);
      // Each list entry shows its verdict; none differs from what the choices call for.
      for (const [index, scenario] of sts.entries())
        await expect(readyMade(page).nth(index)).toHaveText(
          new RegExp(`${scenario.name}\\s*${scenario.expect}$`),
        );

      // Stricter choices read as choices: no "sound" judgement anywhere.
      await expect(simulator(page)).not.toContainText(/\bsound\b/i);
      await expectNoSidewaysScroll(page);
      expect(await seriousViolations(page)).toEqual([]);

      // The matrix: every request in every region, the saved request that fails first.
      await simulator(page).getByRole('button', { name: 'Matrix', exact: true }).click();
      await expect(matrixResult(page)).toContainText('2 cells not as expected');
      const plan = engine.planRequestMatrix(testConfig(config));
      await expect(matrixResult(page)).toHaveText(
        new RegExp(`^${plan.rows.length} requests × 2 regions`),
      );
      const grid = simulator(page).getByRole('table', { name: 'Verdicts by request and region' });
      const firstRow = grid.getByRole('row').nth(1);
      await expect(firstRow.getByRole('rowheader')).toContainText(wronglyExpected.name);
      await expect(simulator(page)).toContainText(
        'No ready-made requests are written for access-analyzer',
      );

      // A failing cell explains itself.
      await firstRow
        .getByRole('button', {
          name: `Denied, expected Allowed: ${wronglyExpected.name}, eu-west-1`,
        })
        .click();
      const details = simulator(page).getByRole('region', { name: 'Matrix cell' });
      await expect(details).toContainText('ImplicitDeny; expected Allowed: not as expected.');
      await expect(details).toContainText('Saved with the expectation Allowed.');

      // A passing cell names its deciding statement and shows it in its policy.
      await grid
        .getByRole('button', {
          name: 'Allowed: Our role decrypts data with one of our KMS keys, eu-west-1',
        })
        .click();
      await expect(details).toContainText(
        `Allowed by ${ORG_STATEMENT}; expected Allowed, as expected.`,
      );
      await expectNoSidewaysScroll(page);
      expect(await seriousViolations(page)).toEqual([]);
      await details.getByRole('button', { name: `Show ${ORG_STATEMENT} in the policy` }).click();
      await expect(serviceTab(page, 'kms')).toHaveAttribute('aria-selected', 'true');
      await expect(serviceTab(page, 'kms')).toBeVisible();
      await expect(page.getByRole('combobox', { name: 'Policy region' })).toHaveValue('eu-west-1');
      await showPlainText(page);
      await expect(page.getByTestId('policy-text').locator('mark')).toContainText(
        `"Sid": "${ORG_STATEMENT}"`,
      );

      // Open in the form: the single request, built for the cell's region.
      await showPane(page, 'Explain & test');
      await simulator(page).getByRole('button', { name: 'Matrix', exact: true }).click();
      await grid
        .getByRole('button', {
          name: 'Allowed: Our role decrypts data with one of our KMS keys, eu-west-1',
        })
        .click();
      await details.getByRole('button', { name: 'Open in the form' }).click();
      await expect(
        simulator(page).getByRole('textbox', { name: 'Resource ARN', exact: true }),
      ).toHaveValue(/^arn:aws:kms:eu-west-1:/);
      await expect(verdict(page)).toContainText(`Allowed by ${ORG_STATEMENT}`);
    });
  }
}

test('the matrix of every service and every region runs in a worker, the page free and showing progress', async ({
  page,
}) => {
  const engine = await loadEngine();
  const everything: PerimeterConfigDocument = {
    version: 1,
    organizationIds: [ORG_ID],
    regions: engine.catalog.regions.map((r) => r.code),
    services: engine.catalog.services.map((s) => s.id),
    output: { shape: 'per-region' },
    statements: config.statements,
  };
  await openWithChoices(page, everything);
  // Every text the status takes while the matrix runs, and the longest tasks of the page.
  await page.evaluate(() => {
    const seen: string[] = [];
    const longTasks: number[] = [];
    (window as unknown as { matrixStatus: string[] }).matrixStatus = seen;
    (window as unknown as { longTasks: number[] }).longTasks = longTasks;
    new MutationObserver(() => {
      const text = document.querySelector('[aria-label="Matrix result"]')?.textContent;
      if (text && seen.at(-1) !== text) seen.push(text);
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) longTasks.push(entry.duration);
    }).observe({ type: 'longtask' });
  });
  await simulator(page).getByRole('button', { name: 'Matrix', exact: true }).click();
  const plan = engine.planRequestMatrix(testConfig(everything));
  const cells = engine.matrixSize(plan);
  // Done: the count of cells, no longer "Evaluating". Some regions have no documented account for
  // a data access pattern, so their policies keep a value to fill and get no verdict.
  await expect(matrixResult(page)).toHaveText(
    new RegExp(`^${plan.rows.length} requests × ${plan.regions.length} regions: `),
    { timeout: 60_000 },
  );
  const figures = await page.evaluate(() => ({
    status: (window as unknown as { matrixStatus: string[] }).matrixStatus,
    longTasks: (window as unknown as { longTasks: number[] }).longTasks,
    run: performance.getEntriesByName('vpce:simulator-matrix', 'measure').at(-1)?.duration,
    grid: performance.getEntriesByName('vpce:simulator-matrix-grid', 'measure').at(-1)?.duration,
  }));
  // The cells were evaluated off the page's thread.
  expect(page.workers().map((w) => new URL(w.url()).pathname)).toContainEqual(
    expect.stringMatching(/^\/assets\/request-matrix\.worker-[\w-]+\.js$/),
  );
  // The progress was drawn between slices: several counts on the way to the last cell.
  const progress = figures.status.filter((text) =>
    /^Evaluating .*: [\d,]+ of [\d,]+ cells/.test(text),
  );
  expect(progress.length).toBeGreaterThan(2);
  expect(figures.status.at(-1)).toContain(
    `${plan.rows.length} requests × ${plan.regions.length} regions`,
  );
  console.log(
    `matrix of ${cells} cells (${plan.rows.length} requests × ${plan.regions.length} regions): ${Math.round(figures.run ?? NaN)} ms in a worker, ${progress.length} drawn steps, the grid drawn in ${Math.round(figures.grid ?? NaN)} ms; longest task of the page while it ran ${Math.round(Math.max(0, ...figures.longTasks))} ms`,
  );
});

test('where the matrix worker cannot load, the page runs the matrix itself', async ({ page }) => {
  await page.route(/\/assets\/request-matrix\.worker-[\w-]+\.js$/, (route) => route.abort());
  await openWithChoices(page, config);
  await simulator(page).getByRole('button', { name: 'Matrix', exact: true }).click();
  await expect(matrixResult(page)).toContainText('2 cells not as expected');
  const slices = await page.evaluate(
    () => performance.getEntriesByName('vpce:simulator-matrix-slice', 'measure').length,
  );
  expect(slices).toBeGreaterThan(0);
});

test('an unfinished policy leaves the matrix without verdicts, and it says so rather than calling them wrong', async ({
  page,
}) => {
  // The defaults: no organization id yet, so every policy keeps a value to fill.
  await openBuilder(page);
  await showPane(page, 'Explain & test');
  await page.getByRole('tab', { name: 'Request simulator' }).click();
  await simulator(page).getByRole('button', { name: 'Matrix', exact: true }).click();
  const engine = await loadEngine();
  const plan = engine.planRequestMatrix(
    testConfig({ version: 1, organizationIds: [], regions: ['us-east-1'], services: ['s3'] }),
  );
  const cells = engine.matrixSize(plan);
  await expect(matrixResult(page)).toHaveText(
    `${plan.rows.length} requests × 1 region: ${cells} cells without a verdict (the policy has values still to fill), in the first rows.`,
  );
  await expect(matrixResult(page)).not.toContainText('not as expected');
  // The cells say it too, without the mark of a wrong verdict, readable in both schemes.
  const grid = simulator(page).getByRole('table', { name: 'Verdicts by request and region' });
  const first = grid.getByRole('row').nth(1).getByRole('button');
  await expect(first).toHaveText('No verdict');
  await expect(first).toHaveAccessibleName(
    /^No verdict: the policy has values still to fill, expected (Allowed|Denied)/,
  );
  for (const theme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: theme });
    await expect(page.locator('html')).toHaveClass(new RegExp(`\\b${theme}\\b`));
    expect(await seriousViolations(page)).toEqual([]);
  }
});
