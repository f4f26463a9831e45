import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { openBuilder, statementSwitch, waitForMark } from './builder';

async function seriousViolations(page: Page) {
  // A dialog fading in has a partial opacity that axe reads as low contrast: scan the settled page.
  await page.waitForFunction(() =>
    document.getAnimations().every((animation) => animation.playState !== 'running'),
  );
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
    }));
}

for (const theme of ['light', 'dark'] as const) {
  test(`no serious or critical accessibility violations in the ${theme} theme`, async ({
    page,
  }) => {
    await page.emulateMedia({ colorScheme: theme });
    await openBuilder(page);
    await waitForMark(page, 'vpce:editor-ready');
    await expect(page.locator('html')).toHaveClass(new RegExp(`\\b${theme}\\b`));
    // Open what a user opens: a statement's details and the explanation of one statement.
    await page
      .getByRole('button', { name: 'Details: Anyone to named AWS-owned resources' })
      .click();
    await expect(page.getByRole('region', { name: 'Data access patterns' })).toBeVisible();
    await page
      .getByRole('region', { name: /^Explanations/ })
      .getByRole('button', { name: 'Why, risks and sources' })
      .first()
      .click();
    await statementSwitch(page, 'AllowRequestsByThirdPartyIdentitiesToThirdPartyResources').focus();
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Plain text' }).click();
    await page.getByRole('button', { name: 'Share link' }).click();
    await expect(page.getByRole('dialog', { name: 'Share link' })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
  });
}
