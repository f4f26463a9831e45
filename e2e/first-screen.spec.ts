/**
 * A first visit opens on a first screen built into the page, usable before the app's scripts
 * have run; the app then takes it over. These tests hold the app's script back to act on that
 * screen as a user on a slow connection would: what they typed or ticked reaches the app, a
 * share link or saved work never shows the default choices, not even for a moment, and the
 * takeover redraws nothing (React reports any difference as an error), at every window size and
 * in both colour schemes.
 */
import { expect, test, type Page } from '@playwright/test';
import {
  loadShareCodec,
  openBuilder,
  ORG_ID,
  organizationField,
  seriousViolations,
  shownPolicy,
  statementSwitch,
  waitForMark,
} from './builder';
import { testRegionCode, testServiceId } from '../src/core/catalog/ids.testing';

/** Holds the app's entry script until `release` is called; returns `release`. */
async function holdAppScript(page: Page): Promise<() => void> {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/assets\/index-[^/]*\.js$/, async (route) => {
    await held;
    await route.continue();
  });
  return release;
}

/** What `recordStyleInsertions` keeps on the page's window: each rule inserted, with when. */
interface StyleLog {
  insertedStyleRules?: [number, string][];
}

/**
 * Records the style rules inserted into the page (emotion inserts MUI's styles this way), with
 * when; `stylesInsertedBefore(page, mark)` reads the component styles (`.css-…` classes) among
 * those inserted before a performance mark. (Each MUI text field also adds its autofill
 * keyframes, emotion's global styles, once more: a handful of rules, left alone.)
 */
async function recordStyleInsertions(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const insertRule = CSSStyleSheet.prototype.insertRule;
    const log = window as StyleLog;
    log.insertedStyleRules = [];
    CSSStyleSheet.prototype.insertRule = function (rule: string, index?: number) {
      log.insertedStyleRules?.push([performance.now(), rule]);
      return insertRule.call(this, rule, index);
    };
  });
}

function stylesInsertedBefore(page: Page, mark: string): Promise<string[]> {
  return page.evaluate((mark) => {
    const at = performance.getEntriesByName(mark)[0]?.startTime ?? Number.POSITIVE_INFINITY;
    return ((window as StyleLog).insertedStyleRules ?? [])
      .filter(([time, rule]) => time <= at && rule.includes('.css-'))
      .map(([, rule]) => rule);
  }, mark);
}

/** Console errors of the page, among them React's report of a first screen it had to redraw. */
function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

const sizes = [
  { width: 1280, height: 720 },
  { width: 1440, height: 900 },
  { width: 390, height: 844 },
] as const;

for (const size of sizes) {
  for (const colorScheme of ['light', 'dark'] as const) {
    test(`the built first screen is usable at once and taken over as it is, ${size.width}x${size.height}, ${colorScheme}`, async ({
      page,
    }) => {
      await page.setViewportSize(size);
      await page.emulateMedia({ colorScheme });
      const errors = watchErrors(page);
      await recordStyleInsertions(page);
      const release = await holdAppScript(page);
      await page.goto('/', { waitUntil: 'commit' });
      // Before any of the app's code: the form is there, in the reader's colour scheme.
      await expect(organizationField(page)).toBeEditable();
      await expect(page.locator('html')).toHaveClass(colorScheme);
      await expect(page.locator('#pane-policy')).toContainText('"Version": "2012-10-17"');
      expect(await seriousViolations(page)).toEqual([]);
      release();
      await waitForMark(page, 'vpce:form-usable');
      // The page carries every style its first screen was drawn with, those of the layers a
      // component is composed of included: taking it over compiles and inserts no class again.
      expect(await stylesInsertedBefore(page, 'vpce:form-usable')).toEqual([]);
      await expect(page.locator('#pane-policy button', { hasText: /^Copy$/ })).toHaveCount(1);
      await expect(page.locator('html')).toHaveClass(colorScheme);
      expect(errors).toEqual([]);
    });
  }
}

test('what a user types and ticks before the app has started reaches the app', async ({ page }) => {
  const release = await holdAppScript(page);
  await page.goto('/', { waitUntil: 'commit' });
  const field = organizationField(page);
  await field.click();
  await page.keyboard.type(ORG_ID);
  const services = statementSwitch(page, 'AllowRequestsByAWSServicePrincipals');
  await expect(services).toBeChecked();
  await services.click();
  await expect(services).not.toBeChecked();
  release();
  await waitForMark(page, 'vpce:form-usable');
  // Kept through the app's own renders (a blur re-renders the field).
  await field.press('Tab');
  await expect(field).toHaveValue(ORG_ID);
  await expect(services).not.toBeChecked();
  await expect(page.getByRole('button', { name: 'Copy', exact: true })).toBeVisible();
  const policy = await shownPolicy(page);
  expect(policy).toContain(`"aws:PrincipalOrgID": "${ORG_ID}"`);
  expect(policy).not.toContain('AllowRequestsByAWSServicePrincipals');
  // And saved: a reload shows them.
  await page.reload();
  await expect(organizationField(page)).toHaveValue(ORG_ID);
  await expect(statementSwitch(page, 'AllowRequestsByAWSServicePrincipals')).not.toBeChecked();
});

/** The fragment of a share link choosing one service in eu-west-1 for the test organization. */
async function shareFragment(service: string): Promise<string> {
  const { encodeConfigForUrl } = await loadShareCodec();
  return encodeConfigForUrl({
    version: 1,
    organizationIds: [ORG_ID],
    regions: [testRegionCode('eu-west-1')],
    services: [testServiceId(service)],
  });
}

test('a share link never shows the default choices, even before the app has started', async ({
  page,
}) => {
  const fragment = await shareFragment('sqs');
  const errors = watchErrors(page);
  const release = await holdAppScript(page);
  await page.goto(`/#${fragment}`, { waitUntil: 'commit' });
  await expect(page.locator('html')).toHaveAttribute('data-start', 'restore');
  await expect(page.locator('#root')).toBeHidden();
  release();
  await expect(organizationField(page)).toHaveValue(ORG_ID);
  await expect(page.getByRole('button', { name: 'Copy', exact: true })).toBeVisible();
  expect(await shownPolicy(page)).toContain(ORG_ID);
  expect(errors).toEqual([]);
});

test("neither a first visit nor a share link fetches Monaco's code before its form is usable", async ({
  page,
}) => {
  const fragment = await shareFragment('s3');
  const monacoFile = /\/assets\/monaco-(base|common|setup)-[\w-]+\.(js|css)$/;
  for (const path of ['/', `/#${fragment}`]) {
    await page.goto('about:blank');
    await page.goto(path);
    await waitForMark(page, 'vpce:editor-ready');
    const fetched = await page.evaluate(() => {
      const usable = performance.getEntriesByName('vpce:form-usable', 'mark')[0]?.startTime;
      return performance.getEntriesByType('resource').map((entry) => ({
        path: new URL(entry.name).pathname,
        beforeUsable: usable === undefined || entry.startTime <= usable,
      }));
    });
    // Monaco's core comes in these chunks (vite.config.ts), once the form is usable.
    expect(fetched.filter((file) => monacoFile.test(file.path)).length, path).toBeGreaterThan(2);
    expect(
      fetched.filter((file) => file.beforeUsable && monacoFile.test(file.path)),
      path,
    ).toEqual([]);
  }
});

test("Monaco's stylesheets add no rule for the whole document: its font and root properties are in the page from the start", async ({
  page,
}) => {
  const response = await page.goto('/');
  await waitForMark(page, 'vpce:editor-ready');
  // In the page as served, before any script: the codicon font and the sash's custom properties.
  const headStyles = [
    ...((await response!.text()).split('</head>')[0] ?? '').matchAll(/<style>([^<]*)<\/style>/g),
  ]
    .map((match) => match[1]!)
    .join('');
  expect(headStyles).toMatch(/@font-face\{font-family:\s*"?codicon"?;/);
  expect(headStyles).toContain('--vscode-sash-size');
  // The stylesheets Monaco brought: editor rules, and neither @font-face nor :root rules, whose
  // arrival would make the browser restyle and lay out the whole page again.
  const linked = await page.evaluate(() =>
    [...document.styleSheets]
      .filter((sheet) => sheet.href)
      .map((sheet) => ({
        editorRules: [...sheet.cssRules].filter(
          (rule) => rule instanceof CSSStyleRule && rule.selectorText.includes('.monaco-editor'),
        ).length,
        documentRules: [...sheet.cssRules]
          .filter(
            (rule) =>
              rule instanceof CSSFontFaceRule ||
              (rule instanceof CSSStyleRule && rule.selectorText.trim() === ':root'),
          )
          .map((rule) => rule.cssText.slice(0, 80)),
      })),
  );
  expect(linked.reduce((total, sheet) => total + sheet.editorRules, 0)).toBeGreaterThan(50);
  expect(linked.flatMap((sheet) => sheet.documentRules)).toEqual([]);
  // The moved font still loads from its new place, under the page's Content-Security-Policy.
  expect(
    await page.evaluate(() => document.fonts.load('16px codicon').then((faces) => faces.length)),
  ).toBe(1);
});

test('saved work is shown on return, never the default choices first', async ({ page }) => {
  await openBuilder(page);
  await organizationField(page).fill(ORG_ID);
  await expect(page.getByRole('button', { name: 'Copy', exact: true })).toBeVisible();
  await expect.poll(() => page.evaluate(() => localStorage.length)).toBeGreaterThan(0);
  const release = await holdAppScript(page);
  await page.reload({ waitUntil: 'commit' });
  await expect(page.locator('html')).toHaveAttribute('data-start', 'restore');
  await expect(page.locator('#root')).toBeHidden();
  release();
  await expect(organizationField(page)).toHaveValue(ORG_ID);
});

/** What `recordLayout` keeps on the page's window. */
interface LayoutLog {
  layoutShifts?: number[];
  /** Whether the policy's status said, to screen readers, that the choices were being checked. */
  checkingStatusSeen?: boolean;
  /** The Organization ID field's box when it was first drawn, and whether the link's check was told then. */
  firstField?: { box: number[]; checkingShown: boolean };
}

/**
 * Records the page's layout shifts (not those right after an input) and, in the first frame that
 * draws the Organization ID field, its box and whether the page says the link is being checked;
 * and whether the policy's status said the choices were being checked, in any frame.
 */
async function recordLayout(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const log = window as LayoutLog;
    log.layoutShifts = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as (PerformanceEntry & {
        value: number;
        hadRecentInput: boolean;
      })[])
        if (!entry.hadRecentInput) log.layoutShifts?.push(entry.value);
    }).observe({ type: 'layout-shift', buffered: true });
    const watchStatus = () => {
      const status = document.querySelector('[role="status"][aria-label="Policy status"]');
      if (status?.getAttribute('aria-busy') === 'true' && status.textContent?.includes('checking'))
        log.checkingStatusSeen = true;
      if (performance.now() < 10_000) requestAnimationFrame(watchStatus);
    };
    requestAnimationFrame(watchStatus);
    const watch = () => {
      const field = [...document.querySelectorAll('input')].find(
        (input) =>
          input.labels?.[0]?.textContent?.includes('Organization ID') &&
          input.getClientRects().length > 0,
      );
      if (!field) return void requestAnimationFrame(watch);
      const { x, y, width, height } = field.getBoundingClientRect();
      log.firstField = {
        box: [x, y, width, height],
        checkingShown: (document.body.textContent ?? '').includes(
          'Checking the choices of the shared link',
        ),
      };
    };
    requestAnimationFrame(watch);
  });
}

/**
 * Once the start is done (the editor shows the policy; from a laptop's width up, the side panels
 * are drawn): the Organization ID field is where it was first drawn, and the page's layout shifts
 * add up to less than a tenth of what browsers call a good cumulative layout shift (0.1). Returns
 * what `recordLayout` kept, for the caller's own checks.
 */
async function expectPageStill(page: Page, width: number): Promise<LayoutLog> {
  await waitForMark(page, 'vpce:editor-ready');
  if (width >= 1200) await expect(page.getByRole('tab', { name: 'Explanations' })).toBeVisible();
  const log = await page.evaluate(() => {
    const { layoutShifts, firstField, checkingStatusSeen } = window as LayoutLog;
    return { layoutShifts, firstField, checkingStatusSeen };
  });
  const box = await organizationField(page).evaluate((field) => {
    const { x, y, width, height } = field.getBoundingClientRect();
    return [x, y, width, height];
  });
  expect(box, 'the field has not moved').toEqual(log.firstField?.box);
  const total = (log.layoutShifts ?? []).reduce((sum, value) => sum + value, 0);
  expect(total).toBeLessThan(0.01);
  return log;
}

for (const size of sizes) {
  for (const colorScheme of ['light', 'dark'] as const) {
    test(`a share link's page does not move once drawn: the link's check is told where its outcome comes, ${size.width}x${size.height}, ${colorScheme}`, async ({
      page,
    }) => {
      await page.setViewportSize(size);
      await page.emulateMedia({ colorScheme });
      const errors = watchErrors(page);
      await recordLayout(page);
      await page.goto(`/#${await shareFragment('s3')}`);
      // The outcome replaces the message of the check, and the rest of the start is done: the
      // editor shows the policy and, from a laptop's width up, the side panels are drawn.
      await expect(page.getByText('Opened the choices of the shared link.')).toBeVisible();
      await expect(page.getByText('Checking the choices of the shared link…')).toHaveCount(0);
      // The message used to push the page down about a second after it was drawn (a layout
      // shift of 0.05 to 0.11).
      const { firstField } = await expectPageStill(page, size.width);
      expect(firstField?.checkingShown, 'the check is told from the first screen').toBe(true);
      expect(await seriousViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
    });
  }
}

test('a share link whose check cannot load says so instead of checking for ever', async ({
  page,
}) => {
  await page.route(/\/assets\/startup-checks-[^/]*\.js$/, (route) => route.abort());
  await page.goto(`/#${await shareFragment('s3')}`);
  await expect(organizationField(page)).toHaveValue(ORG_ID);
  const messages = page.getByRole('region', { name: 'Messages' });
  await expect(messages).toContainText(
    'The choices of the shared link could not be checked, so they are shown but not saved.',
  );
  await expect(page.getByText('Checking the choices of the shared link…')).toHaveCount(0);
  // Not saved: the page without the link (the address it shows now) opens the defaults.
  expect(new URL(page.url()).hash).toBe('');
  await page.reload();
  await expect(organizationField(page)).toHaveValue('');
});

for (const size of sizes) {
  for (const colorScheme of ['light', 'dark'] as const) {
    test(`saved work's page does not move once drawn while its choices are checked, ${size.width}x${size.height}, ${colorScheme}`, async ({
      page,
    }) => {
      await page.setViewportSize(size);
      await page.emulateMedia({ colorScheme });
      await page.goto(`/#${await shareFragment('s3')}`);
      await expect(page.getByText('Opened the choices of the shared link.')).toBeVisible();
      const errors = watchErrors(page);
      await recordLayout(page);
      await page.reload();
      await expect(organizationField(page)).toHaveValue(ORG_ID);
      // On a narrow screen the policy's pane is drawn but not shown (and so not in the
      // accessibility tree): found by its attributes.
      const status = page.locator('[role="status"][aria-label="Policy status"]');
      await expect(status).toBeAttached();
      await expect(status).not.toHaveAttribute('aria-busy', 'true');
      // The check is told to screen readers; shown, it used to wrap the status line's buttons at
      // 1280x720 and unwrap them half a second later (a layout shift of 0.05).
      const { checkingStatusSeen } = await expectPageStill(page, size.width);
      expect(checkingStatusSeen, 'the status said the saved choices were being checked').toBe(true);
      expect(await seriousViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
    });
  }
}
