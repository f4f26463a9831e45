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
  const clickedAt = await page.evaluate(() => performance.now());
  await toggle.click();
  await toggle.click();
  await expect
    .poll(() =>
      page.evaluate(() => performance.getEntriesByName('vpce:preview-update', 'measure').length),
    )
    .toBe(before + 2);
  const { updates, seenAt } = await page.evaluate(() => ({
    updates: performance
      .getEntriesByName('vpce:preview-update', 'measure')
      .map((m) => ({ start: m.startTime, end: m.startTime + m.duration })),
    seenAt: performance.now(),
  }));
  // Each update the clicks caused is measured from the change to the shown policy: it starts
  // after the first click and has ended by the time both were counted.
  for (const update of updates.slice(before)) {
    expect(update.start).toBeGreaterThanOrEqual(clickedAt);
    expect(update.end).toBeLessThanOrEqual(seenAt);
  }
});

test.describe('in the dark theme', () => {
  test.use({ colorScheme: 'dark' });

  test('the editor has drawn the policy in dark colours by the time it is marked ready', async ({
    page,
  }) => {
    // What the editor shows at the moment of the mark: it is created and drawn in one commit, so
    // a theme given only afterwards would show a light editor on a dark page for a frame.
    await page.addInitScript(() => {
      const mark = performance.mark.bind(performance);
      performance.mark = (name: string, options?: PerformanceMarkOptions) => {
        const entry = mark(name, options);
        if (name === 'vpce:editor-ready') {
          const editor = document.querySelector('.monaco-editor');
          const background = editor?.querySelector('.monaco-editor-background');
          Object.assign(globalThis, {
            atEditorReady: {
              lines: editor?.querySelector('.view-lines')?.textContent?.length ?? 0,
              background: background ? getComputedStyle(background).backgroundColor : 'none',
            },
          });
        }
        return entry;
      };
    });
    await openBuilder(page);
    await waitForMark(page, 'vpce:editor-ready');
    const atReady = await page.evaluate(
      () => (globalThis as { atEditorReady?: { lines: number; background: string } }).atEditorReady,
    );
    expect(atReady?.lines).toBeGreaterThan(0);
    // Monaco's dark theme (vs-dark), not its light one's white.
    expect(atReady?.background).toBe('rgb(30, 30, 30)');
  });
});
