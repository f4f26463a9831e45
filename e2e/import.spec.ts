import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadEngine, openBuilder, ORG_ID, organizationField, statementSwitch } from './builder';
import {
  openImport,
  pastePolicy,
  problem,
  problemsList,
  waitForCheck,
  type RepeatedText,
} from './policy-editor';

const fixture = fileURLToPath(new URL('./fixtures/ssm_endpoint_policy.json', import.meta.url));
const upstream = fileURLToPath(
  new URL(
    '../../shared/reference/upstream/vpc_endpoint_policies/ssm_endpoint_policy.json',
    import.meta.url,
  ),
);
const sample = readFileSync(fixture, 'utf8');

/** The sample with its placeholders filled, and one statement of our own that the builder cannot generate. */
function filledSampleWithPartnerStatement(): string {
  const policy = JSON.parse(
    sample.replaceAll('<my-org-id>', ORG_ID).replaceAll('<region>', 'eu-west-1'),
  ) as { Statement: unknown[] };
  policy.Statement.push({
    Sid: 'PartnerBucket',
    Effect: 'Allow',
    Principal: '*',
    Action: 's3:GetObject',
    Resource: 'arn:aws:s3:::partner-bucket/*',
  });
  return JSON.stringify(policy, null, 4);
}

const chips = (page: Page) => page.locator('.MuiAutocomplete-root .MuiChip-root');

test('the fixture is the upstream sample, verbatim', () => {
  expect(existsSync(upstream)).toBe(true);
  expect(sample).toBe(readFileSync(upstream, 'utf8'));
});

test('an upstream sample opened from a file: its statements and patterns are recognized and each placeholder is an error at its place', async ({
  page,
}) => {
  await openBuilder(page);
  await openImport(page);
  await page.getByLabel('Open a policy file').setInputFiles(fixture);
  await expect(page.getByText('Imported from ssm_endpoint_policy.json.')).toBeVisible();
  await waitForCheck(page);

  const engine = await loadEngine();
  const expected = engine.validate(sample).diagnostics;
  const placeholders = expected.filter((d) => d.code === 'placeholder/unfilled');
  expect(placeholders).toHaveLength(6);
  expect(expected.filter((d) => d.severity === 'error')).toEqual(placeholders);
  // Placeholders are values to fill, not errors, counted once each as the builder counts them.
  const distinct = new Set(placeholders.map((d) => /<[^>]+>/.exec(d.message)![0])).size;
  await expect(
    page
      .getByRole('region', { name: 'Your policy' })
      .getByText(`${distinct} to fill`, { exact: true }),
  ).toBeVisible();
  const listed = problem(page, 'placeholder/unfilled');
  await expect(listed).toHaveCount(6);
  for (const [index, diagnostic] of placeholders.entries()) {
    await expect(listed.nth(index)).toContainText(
      `Line ${diagnostic.range!.start.line}, column ${diagnostic.range!.start.column}: ${diagnostic.message}`,
    );
  }

  const recognition = engine.validate(sample).recognition!;
  const statements = page
    .getByRole('list', { name: 'Recognized statements' })
    .getByRole('listitem');
  await expect(statements).toHaveText(
    recognition.statements.map(
      (s) =>
        new RegExp(
          `^${s.sid}: ${engine.catalog.statement(s.statement!).title} \\(by Sid and shape\\)`,
        ),
    ),
  );
  await expect(
    page.getByRole('list', { name: 'Recognized data access patterns' }).getByRole('listitem'),
  ).toHaveText(recognition.dataAccessPatterns.map((p) => p.title));
  await expect(
    page.getByText(
      /Endpoint service: AWS Systems Manager \(ssm, guessed from its actions and resources\)/,
    ),
  ).toBeVisible();
});

test('Adopt loads the recognized choices into the builder and lists what it could not map; the comparison opens', async ({
  page,
}) => {
  await openBuilder(page);
  await openImport(page);
  // Dropped on the drop zone, as a file dragged from the desktop.
  const transfer = await page.evaluateHandle((text) => {
    const data = new DataTransfer();
    data.items.add(new File([text], 'ssm-filled.json', { type: 'application/json' }));
    return data;
  }, filledSampleWithPartnerStatement());
  await page
    .getByRole('group', { name: 'Drop a policy file here' })
    .dispatchEvent('drop', { dataTransfer: transfer });
  await expect(page.getByText('Imported from ssm-filled.json.')).toBeVisible();
  await waitForCheck(page);
  await expect(
    page.getByRole('list', { name: 'Recognized statements' }).getByRole('listitem'),
  ).toHaveCount(5);
  await expect(
    page.getByText('2 elements cannot be mapped (listed below).', { exact: false }),
  ).toBeVisible();

  await expect(chips(page)).toHaveText(['s3', 'us-east-1']);
  await page.getByRole('button', { name: 'Adopt', exact: true }).click();
  // The policy names another region than the one chosen: Adopt asks which to keep.
  const question = page.getByRole('group', { name: 'Before adopting' });
  await question.getByRole('button', { name: "Take the policy's: eu-west-1" }).click();
  await question.getByRole('button', { name: 'Adopt with these' }).click();
  await expect(chips(page)).toHaveText(['ssm', 'eu-west-1']);
  await expect(organizationField(page)).toHaveValue(ORG_ID);
  await expect(page.getByRole('tab', { name: 'ssm', selected: true })).toBeVisible();
  await expect(
    page.getByText(
      /^Loaded into the builder: ssm in eu-west-1, organization o-a1b2c3d4e5\. 2 elements could not be mapped/,
    ),
  ).toBeVisible();
  const unmapped = page.getByRole('list', { name: 'Not mapped' }).getByRole('listitem');
  await expect(unmapped).toHaveCount(2);
  await expect(
    unmapped.filter({
      hasText: '"arn:aws:s3:::partner-bucket/*" belongs to no data access pattern of ssm',
    }),
  ).toHaveCount(1);
  await expect(
    unmapped.filter({
      hasText: 'The action s3:GetObject comes from no recognized data access pattern',
    }),
  ).toHaveCount(1);

  const compare = page.getByRole('button', { name: 'Compare with generated' });
  await compare.click();
  await expect(compare).toHaveAttribute('aria-pressed', 'true');
  const comparison = page.getByRole('region', { name: 'Comparison with the generated policy' });
  // The partner statement is the difference between the policy and what the adopted choices generate.
  await expect(comparison.getByRole('status')).toHaveText(
    /^[1-9]\d* changed blocks? between the generated ssm-endpoint-policy\.json and yours\.$/,
  );
  await compare.click();
  await expect(comparison).toHaveCount(0);
  await expect(
    problemsList(page).or(page.getByText('No problems found in this policy.')),
  ).toBeVisible();

  await page.getByRole('button', { name: 'Undo adopt' }).click();
  await expect(chips(page)).toHaveText(['s3', 'us-east-1']);
});

test('bad input gets a diagnostic and the page stays usable: a 10 MB paste, a binary file, deep nesting, __proto__, truncated JSON, 10,000 statements', async ({
  page,
}) => {
  await openBuilder(page);
  await openImport(page);
  await pastePolicy(page, sample);
  await expect(page.getByText('Pasted.')).toBeVisible();
  await expect(problem(page, 'placeholder/unfilled')).toHaveCount(6);

  await openImport(page);
  await pastePolicy(page, {
    parts: [
      ['{"Statement": "', 1],
      ['x', 10 * 1024 * 1024],
      ['"}', 1],
    ],
  });
  await expect(problem(page, 'input/too-large')).toContainText(
    'The text is 10,485,777 characters; an endpoint policy is at most 20,480',
  );
  await expect(page.getByRole('region', { name: 'Beginning of the text' })).toBeVisible();
  await expect(
    page.getByText(/too large to keep in this browser \(10,485,777 characters\)/),
  ).toBeVisible();
  // The page answers at once: the text it replaced comes back.
  await page.getByRole('button', { name: 'Bring back the replaced text' }).click();
  await expect(problem(page, 'placeholder/unfilled')).toHaveCount(6);

  await openImport(page);
  await page.getByLabel('Open a policy file').setInputFiles({
    name: 'photo.png',
    mimeType: 'image/png',
    buffer: Buffer.from([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52,
    ]),
  });
  await expect(problem(page, 'input/binary')).toContainText(
    'The text contains binary data (control characters); expected a JSON policy.',
  );

  const cases: Array<[string, string | RepeatedText]> = [
    [
      'json/too-deep',
      {
        parts: [
          ['[', 100_000],
          [']', 100_000],
        ],
      },
    ],
    [
      'grammar/unknown-element',
      '{"Version": "2012-10-17", "__proto__": {"polluted": true}, "Statement": []}',
    ],
    ['json/syntax', sample.slice(0, sample.length / 2)],
    [
      'size/over-limit',
      JSON.stringify({
        Version: '2012-10-17',
        Statement: Array.from({ length: 10_000 }, (_, i) => ({
          Sid: `S${i}`,
          Effect: 'Allow',
          Principal: '*',
          Action: 's3:GetObject',
          Resource: `arn:aws:s3:::bucket-${i}/*`,
        })),
      }),
    ],
  ];
  for (const [code, text] of cases) {
    await openImport(page);
    await pastePolicy(page, text);
    await expect(problem(page, code).first()).toBeVisible();
  }
  expect(await page.evaluate(() => (({}) as Record<string, unknown>).polluted)).toBeUndefined();

  // The builder still works.
  await page.getByRole('button', { name: 'Generated policy', exact: true }).click();
  const toggle = statementSwitch(page, 'AllowRequestsByAWSServicePrincipals');
  await toggle.click();
  await expect(toggle).not.toBeChecked();
  await expect(page.getByRole('meter', { name: 'Policy size' })).toBeVisible();
});

test('no serious or critical accessibility violations in edit mode, with the import area and the comparison', async ({
  page,
}) => {
  await openBuilder(page);
  await openImport(page);
  await pastePolicy(page, sample);
  await waitForCheck(page);
  await openImport(page);
  const serious = async () =>
    (await new AxeBuilder({ page }).analyze()).violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({
        id: v.id,
        help: v.help,
        targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
      }));
  expect(await serious()).toEqual([]);
  await page.getByRole('button', { name: 'Close import' }).click();
  await page.getByRole('button', { name: 'Compare with generated' }).click();
  await expect(
    page.getByRole('region', { name: 'Comparison with the generated policy' }).getByRole('status'),
  ).toHaveText(/changed block/);
  expect(await serious()).toEqual([]);
});
