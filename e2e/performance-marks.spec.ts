import { expect, test } from '@playwright/test';
import { openBuilder, statementSwitch, waitForMark } from './builder';

test('the page sets the benchmark marks once each and measures every preview update', async ({
  page,
}) => {
  await openBuilder(page);
  for (const mark of ['vpce:form-usable', 'vpce:policy-visible', 'vpce:editor-ready'])
    await waitForMark(page, mark);
  const marks = await page.evaluate(() =>
    ['vpce:form-usable', 'vpce:policy-visible', 'vpce:editor-ready'].map((name) =>
      performance.getEntriesByName(name, 'mark').map((m) => m.startTime),
    ),
  );
  for (const times of marks) expect(times).toHaveLength(1);
  const [usable, visible, ready] = marks.map((times) => times[0]!);
  expect(usable).toBeLessThanOrEqual(visible!);
  expect(visible).toBeLessThanOrEqual(ready!);

  const before = await page.evaluate(
    () => performance.getEntriesByName('vpce:preview-update', 'measure').length,
  );
  const toggle = statementSwitch(page, 'AllowRequestsByAWSServicePrincipals');
  await toggle.click();
  await toggle.click();
  await expect
    .poll(() =>
      page.evaluate(() => performance.getEntriesByName('vpce:preview-update', 'measure').length),
    )
    .toBe(before + 2);
  const durations = await page.evaluate(() =>
    performance.getEntriesByName('vpce:preview-update', 'measure').map((m) => m.duration),
  );
  for (const duration of durations) expect(duration).toBeGreaterThanOrEqual(0);
});
