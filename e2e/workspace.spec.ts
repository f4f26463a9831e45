/**
 * The workspace at the three window sizes the page is designed for, in both themes: the policy,
 * its status and its checks in view on a first visit, the controls that say what they do, the
 * question before an unfinished export, and work that is never lost. Every test ends with an
 * accessibility scan of the state it reached.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { tsImport } from 'tsx/esm/api';
import type * as FindingKinds from '../src/core/finding-kinds';
import {
  loadEngine,
  ORG_ID,
  organizationField,
  pick,
  servicesField,
  showPane as showWorkspacePane,
} from './builder';
import { pastePolicy, problemsList, waitForCheck } from './policy-editor';
import { testConfig, testServiceId } from '../src/core/catalog/ids.testing';

const findingKinds = () =>
  tsImport('../src/core/finding-kinds.ts', import.meta.url) as Promise<typeof FindingKinds>;

const SIZES = [
  { name: '1280x720', width: 1280, height: 720, narrow: false },
  { name: '1440x900', width: 1440, height: 900, narrow: false },
  { name: '390x844', width: 390, height: 844, narrow: true },
] as const;
type Size = (typeof SIZES)[number];
const THEMES = ['light', 'dark'] as const;
type Theme = (typeof THEMES)[number];

const FIRST_VISIT = {
  version: 1 as const,
  organizationIds: [],
  regions: ['us-east-1'],
  services: ['s3'],
};

async function seriousViolations(page: Page) {
  // Transitions in flight read as low contrast: scan the settled page.
  await page.waitForFunction(() =>
    document.getAnimations().every((animation) => animation.playState !== 'running'),
  );
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, help: v.help, targets: v.nodes.slice(0, 5).map((n) => n.target) }));
}

async function open(page: Page, size: Size, theme: Theme, path = '/') {
  await page.setViewportSize({ width: size.width, height: size.height });
  await page.emulateMedia({ colorScheme: theme });
  await page.goto(path);
  await expect(organizationField(page)).toBeVisible();
  await expect(page.locator('html')).toHaveClass(new RegExp(`\\b${theme}\\b`));
  // The policy pane has loaded (its Copy button exists, shown or not on a narrow screen).
  await expect(page.locator('#pane-policy button', { hasText: /^Copy/ })).toHaveCount(1);
}

/** On a narrow screen, switches the workspace to a pane; a wide one shows them all. */
async function showPane(page: Page, size: Size, pane: 'Choices' | 'Policy' | 'Explain & test') {
  if (size.narrow) await showWorkspacePane(page, pane);
}

const policyRegion = (page: Page) =>
  page.getByRole('region', { name: 'Policy s3-endpoint-policy.json', exact: true });

async function plainText(page: Page) {
  const plain = page.getByRole('button', { name: 'Plain text' });
  if ((await plain.getAttribute('aria-pressed')) !== 'true') await plain.click();
  await expect(page.getByTestId('policy-text')).toBeVisible();
}

async function box(locator: Locator) {
  const found = await locator.boundingBox();
  if (!found) throw new Error('not on screen');
  return found;
}

/** Inside the window, without scrolling the page. */
async function expectInWindow(page: Page, locator: Locator) {
  const { x, y, width, height } = await box(locator);
  const viewport = page.viewportSize()!;
  expect(y).toBeGreaterThanOrEqual(0);
  expect(x).toBeGreaterThanOrEqual(0);
  expect(y + height).toBeLessThanOrEqual(viewport.height + 1);
  expect(x + width).toBeLessThanOrEqual(viewport.width + 1);
}

/** Lines of the plain policy text that the window shows. */
async function visibleLines(page: Page): Promise<number> {
  return policyRegion(page).evaluate((region) => {
    const pre = region.querySelector('pre')!;
    const lineHeight = parseFloat(getComputedStyle(pre).lineHeight);
    const rect = region.getBoundingClientRect();
    const shown = Math.min(rect.bottom, window.innerHeight) - Math.max(rect.top, 0);
    return Math.floor(shown / lineHeight);
  });
}

for (const size of SIZES) {
  for (const theme of THEMES) {
    test.describe(`${size.name}, ${theme}`, () => {
      test('a first visit shows the choices, the policy and its status; the policy stays in view', async ({
        page,
      }) => {
        await open(page, size, theme);
        await expect(page.evaluate(() => window.scrollY)).resolves.toBe(0);
        if (size.narrow) {
          // A compact header, and a bar to jump between the choices and the policy.
          expect((await box(page.getByRole('banner'))).height).toBeLessThanOrEqual(56);
          await expect(page.getByRole('navigation', { name: 'Workspace' })).toBeVisible();
          await expectInWindow(page, organizationField(page));
          await showPane(page, size, 'Policy');
          await expect(organizationField(page)).toBeHidden();
        } else {
          await expectInWindow(page, organizationField(page));
        }
        const status = page.getByRole('status', { name: 'Policy status' });
        await expect(status).toHaveText(/to fill/);
        await expectInWindow(page, status);
        await plainText(page);
        await expectInWindow(page, page.getByRole('button', { name: /^Copy/ }));
        // On a phone the policy follows its controls: scrolled to, it fills the window.
        if (size.narrow) await policyRegion(page).scrollIntoViewIfNeeded();
        expect(await visibleLines(page)).toBeGreaterThanOrEqual(15);
        // The whole policy box is in the window: nothing below it is cut off.
        if (!size.narrow) await expectInWindow(page, policyRegion(page));

        if (size.narrow) {
          // Long lines scroll inside the policy instead of being cut or widening the page.
          expect(
            await page.evaluate(() => document.documentElement.scrollWidth),
          ).toBeLessThanOrEqual(size.width);
          await expect(policyRegion(page)).toHaveCSS('overflow-x', 'auto');
        } else {
          // The choices scroll on their own; the policy does not move.
          const before = await box(policyRegion(page));
          await page.locator('#pane-choices').evaluate((pane) => pane.scrollTo({ top: 800 }));
          await expect
            .poll(() => page.locator('#pane-choices').evaluate((pane) => pane.scrollTop))
            .toBeGreaterThan(0);
          expect(await box(policyRegion(page))).toEqual(before);
          expect(await page.evaluate(() => window.scrollY)).toBe(0);
          // Its height follows the window.
          await page.setViewportSize({ width: size.width, height: size.height + 200 });
          await expect
            .poll(async () => (await box(policyRegion(page))).height)
            .toBeGreaterThan(before.height + 100);
        }
        expect(await seriousViolations(page)).toEqual([]);
      });

      test('values to fill are a checklist of page controls that move the focus there', async ({
        page,
      }) => {
        await open(page, size, theme);
        await showPane(page, size, 'Policy');
        const { countFindings } = await findingKinds();
        const engine = await loadEngine();
        const generated = engine.generate(testConfig(FIRST_VISIT), testServiceId('s3'));
        const counts = countFindings(generated.diagnostics);
        // The service tab's badge counts errors and values to fill; no red wall on a first visit.
        await expect(page.getByRole('tab', { name: /^s3/ })).toContainText(
          String(counts.toFill + counts.errors),
        );
        await expect(page.getByRole('list', { name: 'Errors' })).toHaveCount(0);
        const toFill = page.getByRole('list', { name: 'To fill' });
        // A phone shows the status line first and the list on request.
        if (size.narrow) await page.getByRole('button', { name: 'Show the fields' }).click();
        // The status counts values (one placeholder can stand in two statements' fields) and
        // says in how many fields they are: as many as the list has rows.
        const fields = Number(
          /to fill in (\d+) fields/.exec(
            (await page.getByRole('status', { name: 'Policy status' }).textContent()) ?? '',
          )?.[1],
        );
        await expect(page.getByRole('status', { name: 'Policy status' })).toContainText(
          `${counts.toFill} to fill in ${fields} fields`,
        );
        await expect(toFill.getByRole('listitem')).toHaveCount(fields);
        await expect(toFill.getByRole('button', { name: /^Organization ID/ })).toBeVisible();
        expect(await seriousViolations(page)).toEqual([]);

        await toFill.getByRole('button', { name: /^Organization ID/ }).click();
        await expect(organizationField(page)).toBeFocused();
        await showPane(page, size, 'Policy');
        await toFill
          .getByRole('button', { name: /^Actions, under “Trusted third parties to their own/ })
          .click();
        await expect(page.locator(':focus')).toHaveAccessibleName('Actions');
        await expect(page.locator(':focus')).toBeInViewport();

        // A value given leaves the list.
        await organizationField(page).fill(ORG_ID);
        await showPane(page, size, 'Policy');
        await expect(toFill.getByRole('button', { name: /^Organization ID/ })).toHaveCount(0);
        await expect(toFill.getByRole('button').first()).toBeVisible();
      });
    });
  }
}

/** The behaviours: at each size, in the theme that alternates with the size. */
const BEHAVIOUR_RUNS = SIZES.map((size, index) => ({
  size,
  theme: THEMES[index % 2]!,
}));

for (const { size, theme } of BEHAVIOUR_RUNS) {
  test.describe(`${size.name}, ${theme}: controls`, () => {
    test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

    test('Copy, Download and Download all ask before exporting an unfinished policy', async ({
      page,
    }) => {
      await open(page, size, theme);
      await showPane(page, size, 'Policy');
      await page.getByRole('button', { name: 'Copy', exact: true }).click();
      const question = page.getByRole('dialog', { name: 'Export an unfinished policy?' });
      await expect(question.getByRole('list', { name: 'To fill' })).toContainText(
        'Organization ID (<my-org-id>)',
      );
      expect(await seriousViolations(page)).toEqual([]);
      await question.getByRole('button', { name: 'Cancel' }).click();
      await expect(question).toHaveCount(0);
      await expect(page.getByText(/^Copied/)).toHaveCount(0);

      await page.getByRole('button', { name: 'Copy', exact: true }).click();
      await question.getByRole('button', { name: 'Copy anyway' }).click();
      await expect(page.getByText('Copied s3-endpoint-policy.json to the clipboard')).toBeVisible();
      const engine = await loadEngine();
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
        engine.generate(testConfig(FIRST_VISIT), testServiceId('s3')).text,
      );

      await page.getByRole('button', { name: 'Download all', exact: true }).click();
      await expect(question).toContainText('The set of generated policies');
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        question.getByRole('button', { name: 'Download all anyway' }).click(),
      ]);
      expect(download.suggestedFilename()).toBe('vpc-endpoint-policies.zip');
    });

    test('statement switches show and choose their scope; adding a service keeps the tab', async ({
      page,
    }) => {
      const engine = await loadEngine();
      // A service that comes before s3 in the tabs' order: adding it must not move the tab.
      const earlier = engine.catalog.services
        .map((s) => s.id)
        .find(
          (id) =>
            id !== 's3' &&
            engine.canonicalServices([id, testServiceId('s3')], engine.catalog)[0] === id,
        );
      expect(earlier).toBeDefined();
      await open(page, size, theme);
      await pick(page, servicesField(page), earlier!);
      await showPane(page, size, 'Policy');
      await expect(page.getByRole('tab', { name: /^s3/ })).toHaveAttribute('aria-selected', 'true');
      await showPane(page, size, 'Choices');

      await expect(page.getByRole('heading', { name: 'Statements', exact: true })).toBeVisible();
      const sid = 'AllowRequestsByAWSServicePrincipals';
      const row = page.locator('#pane-choices').getByRole('listitem').filter({ hasText: sid });
      const scope = row.getByRole('group', { name: /^Which policies the switch changes/ });
      await expect(row).toContainText(`Changes every service's policy: ${earlier}, s3`);
      await scope.getByRole('button', { name: 's3 only' }).click();
      await expect(row).toContainText('Changes the s3 policy only.');
      await row.getByRole('switch').click();
      await expect(row.getByRole('switch')).not.toBeChecked();
      const config = await page.evaluate(
        () => JSON.parse(localStorage.getItem('vpce-policy:state')!).config,
      );
      expect(config.serviceStatements).toEqual({ s3: { [sid]: false } });
      expect(config.statements).toBeUndefined();
      expect(await seriousViolations(page)).toEqual([]);
    });

    test('edit mode names the edited text, counts like the builder, fixes what is certain and keeps the replaced text across a reload', async ({
      page,
    }) => {
      await open(page, size, theme);
      await showPane(page, size, 'Policy');
      const builderStatus = await page.getByRole('status', { name: 'Policy status' }).textContent();
      await page.getByRole('button', { name: 'Edit policy' }).click();
      await waitForCheck(page);
      // The same text, counted the same way: the values to fill match.
      const toFill = /(\d+) to fill/.exec(builderStatus ?? '')![1];
      await expect(
        page
          .getByRole('region', { name: 'Your policy' })
          .getByText(new RegExp(`${toFill} to fill`)),
      ).toBeVisible();
      await expect(
        page.getByRole('heading', { name: 's3-endpoint-policy.json (edited)' }),
      ).toBeVisible();
      await expect(
        page.getByRole('button', { name: 'Copy edited: your s3-endpoint-policy.json' }),
      ).toBeVisible();
      // What the text contains names its statements by Sid, long words that wrap rather than
      // widen the page.
      await expect(
        page.getByRole('list', { name: 'Recognized statements' }).getByRole('button').first(),
      ).toBeVisible();
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        size.width,
      );

      // A misspelled action: the fix the validator suggests.
      await page.getByRole('button', { name: 'Import policy' }).click();
      await pastePolicy(
        page,
        JSON.stringify(
          {
            Version: '2012-10-17',
            Statement: [
              { Sid: 'A', Effect: 'Allow', Principal: '*', Action: 's3:GetObjects', Resource: '*' },
            ],
          },
          null,
          2,
        ),
      );
      await waitForCheck(page);
      await expect(page.getByLabel('Edited text')).toContainText('1 statement');
      await problemsList(page).getByRole('button', { name: 'Use s3:GetObject' }).click();
      await waitForCheck(page);
      await expect(problemsList(page).or(page.getByText('No problems found'))).not.toContainText(
        'action/unknown',
      );
      expect(await seriousViolations(page)).toEqual([]);

      // The text the import replaced can be brought back after a reload.
      await page.reload();
      await expect(organizationField(page)).toBeAttached();
      await showPane(page, size, 'Policy');
      await page.getByRole('button', { name: 'Bring back the replaced text' }).click();
      await expect(page.getByLabel('Edited text')).toContainText('7 statements');
    });

    test('a placeholder is filled from a focused field, everywhere in the text', async ({
      page,
    }) => {
      await open(page, size, theme);
      await showPane(page, size, 'Policy');
      await page.getByRole('button', { name: 'Edit policy' }).click();
      await waitForCheck(page);
      await page.getByRole('button', { name: 'Plain text' }).click();
      // One button a row, each named with its row's place, so that a list of buttons tells them apart.
      const fills = problemsList(page).getByRole('button', { name: /^Fill <my-org-id>…/ });
      await expect(fills.first()).toBeVisible();
      const names = await fills.evaluateAll((buttons) =>
        buttons.map((button) => button.getAttribute('aria-label')),
      );
      expect(names.length).toBeGreaterThan(1);
      expect(new Set(names).size).toBe(names.length);
      expect(names[0]).toMatch(/^Fill <my-org-id>… \(line \d+, column \d+\)$/);
      const fill = fills.first();
      await fill.click();
      const value = page.getByRole('textbox', { name: 'Value for <my-org-id>' });
      await expect(value).toBeFocused();
      await value.fill(ORG_ID);
      // By keyboard: Enter in the field replaces the placeholder everywhere.
      await value.press('Enter');
      const text = page.getByRole('textbox', { name: 'Policy text (editable)' });
      await expect(text).not.toHaveValue(/<my-org-id>/);
      await expect(text).toHaveValue(new RegExp(`"aws:PrincipalOrgID": "${ORG_ID}"`));
      // The fixed problem's row is gone; the focus is on the list, not dropped to the page.
      await expect(problemsList(page)).toBeFocused();
    });

    test('Reset and Import config list what they discard, saved requests included, and can be undone; Start again asks', async ({
      page,
    }) => {
      const savedRequests = [
        {
          name: 'our role reads our bucket',
          service: 's3',
          request: {
            principal: { type: 'iam', account: '111122223333', organizationId: 'o-a1b2c3d4e5' },
            action: 's3:GetObject',
            resource: 'arn:aws:s3:::our-bucket/key',
            resourceAccount: '111122223333',
            resourceOrganizationId: 'o-a1b2c3d4e5',
          },
          expect: 'Allowed',
        },
      ];
      await page.addInitScript((saved) => {
        if (localStorage.getItem('vpce-policy:state')) return;
        localStorage.setItem(
          'vpce-policy:state',
          JSON.stringify({
            format: 1,
            config: {
              version: 1,
              organizationIds: ['o-a1b2c3d4e5'],
              regions: ['eu-west-1'],
              services: ['s3'],
              savedRequests: saved,
            },
            view: {},
          }),
        );
      }, savedRequests);
      await open(page, size, theme);
      await page
        .getByRole('button', { name: /^Menu/ })
        .or(page.getByRole('button', { name: 'Reset' }))
        .first()
        .click();
      if (size.narrow) await page.getByRole('menuitem', { name: 'Reset' }).click();
      const dialog = page.getByRole('dialog', { name: 'Discard all choices?' });
      const discarded = dialog.getByRole('list', { name: 'Discarded' });
      await expect(discarded).toContainText('Organization ID: o-a1b2c3d4e5');
      await expect(discarded).toContainText('Saved requests of the request simulator: 1');
      expect(await seriousViolations(page)).toEqual([]);
      await dialog.getByRole('button', { name: 'Discard and reset' }).click();
      await expect(organizationField(page)).toHaveValue('');
      await page.getByRole('button', { name: 'Undo reset' }).click();
      await expect(organizationField(page)).toHaveValue('o-a1b2c3d4e5');
      // The message went with the button: the focus is in the workspace, not back at the top.
      await expect(page.getByRole('main')).toBeFocused();

      await page
        .getByRole('button', { name: /^Menu/ })
        .or(page.getByRole('button', { name: 'Import config' }))
        .first()
        .click();
      if (size.narrow) await page.getByRole('menuitem', { name: 'Import config' }).click();
      const importDialog = page.getByRole('dialog', { name: 'Import a configuration' });
      await importDialog
        .getByRole('textbox', { name: 'Or paste the configuration' })
        .fill(
          '{"version": 1, "organizationIds": [], "regions": ["us-west-2"], "services": ["ec2"]}',
        );
      await expect(
        importDialog.getByRole('list', { name: 'Replaced by the import' }),
      ).toContainText('Saved requests of the request simulator: 1');
      await importDialog.getByRole('button', { name: 'Import', exact: true }).click();
      await expect(organizationField(page)).toHaveValue('');
      await page.getByRole('button', { name: 'Undo import' }).click();
      await expect(organizationField(page)).toHaveValue('o-a1b2c3d4e5');

      await showPane(page, size, 'Policy');
      await page.getByRole('button', { name: 'Edit policy' }).click();
      await waitForCheck(page);
      await page.getByRole('button', { name: 'Start again from the generated policy' }).click();
      const startAgain = page.getByRole('dialog', { name: /^Replace your text by/ });
      await expect(startAgain.getByRole('list', { name: 'Replaced' })).toContainText('Your text:');
      await startAgain.getByRole('button', { name: 'Keep my text' }).click();
      await expect(startAgain).toHaveCount(0);
    });

    test('two tabs editing at once are told of each other', async ({ page, context }) => {
      await open(page, size, theme);
      const other = await context.newPage();
      await open(other, size, theme);
      const notice = other
        .getByRole('alert')
        .filter({ hasText: 'This page is open in another tab' });
      // The other tab listens once its start-up is done (when the browser is first idle): a
      // change made before is saved but not announced, so the next one is.
      let attempt = 0;
      await expect
        .poll(async () => {
          attempt++;
          await organizationField(page).fill(`o-a1b2c3d4e${attempt % 10}`);
          return notice.count();
        })
        .toBe(1);
      expect(await seriousViolations(other)).toEqual([]);
      // The other tab keeps its own version: it is saved, and the first tab is told in turn.
      await notice.getByRole('button', { name: "Keep this tab's version" }).click();
      await expect(notice).toHaveCount(0);
      const told = page.getByRole('alert').filter({ hasText: 'This page is open in another tab' });
      await expect(told).toBeVisible();
      await told.getByRole('button', { name: "Use the other tab's version" }).click();
      await expect(organizationField(page)).toHaveValue('');
      await other.close();
    });

    test('Adopt keeps the organization id already chosen when the policy names none', async ({
      page,
    }) => {
      await open(page, size, theme);
      await organizationField(page).fill(ORG_ID);
      await showPane(page, size, 'Policy');
      await page.getByRole('button', { name: 'Import policy' }).click();
      const engine = await loadEngine();
      await pastePolicy(page, engine.generate(testConfig(FIRST_VISIT), testServiceId('s3')).text);
      await waitForCheck(page);
      await page.getByRole('button', { name: 'Adopt' }).click();
      await expect(page.getByText(/Kept your organization id \(o-a1b2c3d4e5\)/)).toBeVisible();
      await showPane(page, size, 'Choices');
      await expect(organizationField(page)).toHaveValue(ORG_ID);
    });

    test('Adopt keeps the service shown when the policy does not tell its own', async ({
      page,
    }) => {
      await open(page, size, theme);
      await showPane(page, size, 'Policy');
      await page.getByRole('button', { name: 'Import policy' }).click();
      // Every action on every resource: nothing in it names a service.
      const policy = {
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'AllowRequestsByOrgsIdentitiesToOrgsResources',
            Effect: 'Allow',
            Principal: '*',
            Action: '*',
            Resource: '*',
            Condition: {
              StringEquals: { 'aws:PrincipalOrgID': ORG_ID, 'aws:ResourceOrgID': ORG_ID },
            },
          },
        ],
      };
      await pastePolicy(page, JSON.stringify(policy, null, 2));
      await waitForCheck(page);
      const adopt = page.getByRole('button', { name: 'Adopt' });
      await adopt.click();
      await expect(page.getByText(/Kept the endpoint service shown \(s3\)/)).toBeVisible();
      await expect(page.getByRole('button', { name: 'Undo adopt' })).toBeVisible();
      await expect(page.getByRole('tab', { name: /^s3/ })).toHaveAttribute('aria-selected', 'true');
      // The text adopted is still there to read, and the focus did not fall to the page.
      await expect(page.getByLabel('Edited text')).toContainText('1 statement');
      expect(await page.evaluate(() => document.activeElement !== document.body)).toBe(true);
      await showPane(page, size, 'Choices');
      await expect(organizationField(page)).toHaveValue(ORG_ID);
    });

    // A narrow screen shows one pane at a time: the test after this loop covers it.
    if (!size.narrow)
      test('explanations sit beside the policy: a statement shown in it is on screen with its explanation', async ({
        page,
      }) => {
        await open(page, size, theme);
        await plainText(page);
        const explanations = page.getByRole('region', { name: /^Explanations/ });
        const entry = explanations.getByRole('button', { name: 'Show in policy' }).nth(4);
        await entry.click();
        const marked = policyRegion(page).locator('mark');
        await expect(marked).toContainText('"Sid"');
        // The statement's start is on screen (a long one continues below), with its explanation.
        await expect(marked).toBeInViewport();
        const { y } = await box(marked);
        expect(y).toBeGreaterThanOrEqual((await box(policyRegion(page))).y - 1);
        expect(y).toBeLessThan(page.viewportSize()!.height - 40);
        await expectInWindow(page, entry);
        expect(await seriousViolations(page)).toEqual([]);
      });
  });
}

test('on a narrow screen "Show in policy" switches to the policy with the statement marked', async ({
  page,
}) => {
  const size = SIZES[2];
  await open(page, size, 'dark');
  await showPane(page, size, 'Explain & test');
  await page
    .getByRole('region', { name: /^Explanations/ })
    .getByRole('button', { name: 'Show in policy' })
    .nth(2)
    .click();
  await expect(page.getByRole('tab', { name: 'Policy', selected: true })).toBeVisible();
  await plainText(page);
  await expect(policyRegion(page).locator('mark')).toBeInViewport();
});

test('the page honours a request for reduced motion', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto('/');
  await expect(page.getByRole('button', { name: 'Share link' })).toHaveCSS(
    'transition-duration',
    /^0s/,
  );
  await page.emulateMedia({ reducedMotion: 'no-preference' });
  await expect(page.getByRole('button', { name: 'Share link' })).not.toHaveCSS(
    'transition-duration',
    /^0s(, 0s)*$/,
  );
});

test('on a narrow screen one value to fill is offered as "Show the field"', async ({ page }) => {
  const size = SIZES[2];
  await open(page, size, 'light');
  // The statements that ask for third parties off: the organization id is all that is left.
  for (const sid of [
    'AllowRequestsByThirdPartyIdentitiesToThirdPartyResources',
    'AllowRequestsByOrgsIdentitiesToThirdPartyResources',
  ])
    await page.getByRole('switch', { name: new RegExp(sid) }).uncheck();
  await showPane(page, size, 'Policy');
  await expect(page.getByRole('status', { name: 'Policy status' })).toContainText('1 to fill');
  await page.getByRole('button', { name: 'Show the field', exact: true }).click();
  await expect(
    page.getByRole('list', { name: 'To fill' }).getByRole('button', { name: /^Organization ID/ }),
  ).toBeVisible();
});
