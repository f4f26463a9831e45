import { expect, test } from '@playwright/test';
import { openBuilder, seriousViolations, statementSwitch, waitForMark } from './builder';

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
