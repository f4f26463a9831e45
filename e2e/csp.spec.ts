/**
 * The page runs under its Content-Security-Policy (the preview server's header and the built
 * page's <meta> element), and using every feature reports no violation: no script, style, worker,
 * font, image or connection the policy does not allow, and no `eval`. The features include the
 * export to infrastructure as code, the audit of deployed endpoints and the impact analysis.
 */
import { createHash } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { tsImport } from 'tsx/esm/api';
import type * as TrailFixtures from '../src/core/impact/trail-fixtures.testing';
import {
  downloadText,
  hoverStatementSid,
  openBuilder,
  ORG_ID,
  organizationField,
  pick,
  regionsField,
  waitForMark,
} from './builder';
import { loadDeployEngine } from './deploy';
import { openImport, pastePolicy, waitForCheck } from './policy-editor';

const loadTrailFixtures = () =>
  tsImport('../src/core/impact/trail-fixtures.testing.ts', import.meta.url) as Promise<
    typeof TrailFixtures
  >;

declare global {
  interface Window {
    cspViolations?: string[];
  }
}

/** Collects violations reported in the page (events) and in its workers (console messages). */
async function watchViolations(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    window.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (event) => {
      window.cspViolations!.push(`${event.effectiveDirective} ${event.blockedURI}`);
    });
  });
  const messages: string[] = [];
  const onConsole = (text: string) => {
    if (/Content Security Policy|Refused to/i.test(text)) messages.push(text);
  };
  page.on('console', (message) => onConsole(message.text()));
  page.on('worker', (worker) => worker.on('console', (message) => onConsole(message.text())));
  return async () => [...messages, ...(await page.evaluate(() => window.cspViolations ?? []))];
}

test('the page has a strict policy, in the header and in the page', async ({ page }) => {
  const response = await page.goto('/');
  // The one inline script (the head script of the first screen) is allowed by its hash, and only it.
  const inlineScripts = await page
    .locator('script:not([src]):not([type="application/json"])')
    .evaluateAll((scripts) => scripts.map((script) => script.textContent ?? ''));
  expect(inlineScripts).toHaveLength(1);
  const scriptHash = `'sha256-${createHash('sha256').update(inlineScripts[0]!).digest('base64')}'`;
  const header = response!.headers()['content-security-policy'] ?? '';
  const meta = await page
    .locator('meta[http-equiv="Content-Security-Policy"]')
    .getAttribute('content');
  for (const policy of [header, meta ?? '']) {
    const directives = new Map(
      policy.split(';').map((d) => {
        const [name, ...values] = d.trim().split(/\s+/);
        return [name!, values] as const;
      }),
    );
    expect(directives.get('default-src')).toEqual(["'none'"]);
    expect(directives.get('script-src')).toEqual(["'self'", scriptHash]);
    expect(directives.get('worker-src')).toEqual(["'self'"]);
    expect(directives.get('connect-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(directives.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(policy).not.toContain('unsafe-eval');
  }
  expect(header).toContain("frame-ancestors 'none'");
});

test('every feature runs without a policy violation', async ({ page }) => {
  const violations = await watchViolations(page);
  await openBuilder(page);
  await waitForMark(page, 'vpce:editor-ready');
  await pick(page, regionsField(page), 'eu-west-1');
  await organizationField(page).fill(ORG_ID);

  // A statement shown in the editor and its hover, the details of a statement, the explanations.
  await hoverStatementSid(page, 'AllowRequestsByAWSServicePrincipals');
  await page.getByRole('button', { name: 'Details: Anyone to named AWS-owned resources' }).click();
  await page
    .getByRole('region', { name: /^Explanations/ })
    .getByRole('button', { name: 'Why, risks and sources' })
    .first()
    .click();

  // Dialogs and downloads.
  await page.getByRole('button', { name: 'Share link' }).click();
  await page.getByRole('button', { name: 'Done' }).click();
  await page.getByRole('button', { name: 'Import config' }).click();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await downloadText(page, 'Download all');
  await page.getByRole('button', { name: 'Export as…' }).click();
  const exportDialog = page.getByRole('dialog', { name: 'Export as' });
  await exportDialog.getByRole('radio', { name: /CloudFormation templates/ }).check();
  await Promise.all([
    page.waitForEvent('download'),
    exportDialog.getByRole('button', { name: 'Download zip' }).click(),
  ]);
  await page.keyboard.press('Escape');
  await expect(exportDialog).toBeHidden();
  await page.getByRole('button', { name: /^Theme:/ }).click();

  // The audit of deployed endpoints and the impact on CloudTrail traffic (a worker reads it).
  const deploy = await loadDeployEngine();
  await page.getByRole('tab', { name: 'Audit' }).click();
  const audit = page.getByRole('region', { name: 'Audit deployed endpoints' });
  await audit
    .getByRole('group', { name: 'Endpoints to audit' })
    .locator('input[type=file]')
    .setInputFiles({
      name: 'endpoints.json',
      mimeType: 'application/json',
      buffer: Buffer.from(deploy.describeOutput([{ n: 1, service: 's3', region: 'eu-west-1' }])),
    });
  await expect(audit.getByRole('table', { name: 'Audited endpoints' })).toBeVisible();
  const trails = await loadTrailFixtures();
  await page.getByRole('tab', { name: 'Impact' }).click();
  const impact = page.getByRole('region', { name: 'Impact on real traffic' });
  await impact.getByLabel('Choose CloudTrail log files').setInputFiles({
    name: 'trail.json.gz',
    mimeType: 'application/gzip',
    buffer: Buffer.from(
      trails.gzipLogFile([
        trails.s3Event(trails.identities.role(), 'vendor-feed', 'feed.csv', trails.PARTNER),
      ]),
    ),
  });
  await expect(impact.getByRole('status', { name: 'Impact summary' })).toContainText(
    'would be denied',
  );

  // The simulator: a ready-made request, saved to the suite.
  await page.getByRole('tab', { name: 'Request simulator' }).click();
  const simulator = page.getByRole('region', { name: 'Request simulator' });
  await simulator
    .getByRole('list', { name: 'Ready-made requests' })
    .getByRole('button')
    .first()
    .click();
  await expect(simulator.getByRole('status', { name: 'Verdict' })).toBeVisible();
  await simulator.getByRole('button', { name: 'Add to suite' }).click();
  await expect(simulator.getByRole('status', { name: 'Suite result' })).toBeVisible();

  // The policy editor: an imported policy checked by the validation worker, the comparison.
  await openImport(page);
  await pastePolicy(
    page,
    JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Sid: 'Mine', Effect: 'Allow', Principal: '*', Action: 's3:Get*', Resource: '*' },
      ],
    }),
  );
  await waitForCheck(page);
  await page.getByRole('button', { name: 'Compare with generated' }).click();
  await expect(
    page.getByRole('region', { name: 'Comparison with the generated policy' }),
  ).toBeVisible();

  expect(await violations()).toEqual([]);

  // The watch itself works: what the policy forbids is reported.
  await page.evaluate(() => {
    const image = document.createElement('img');
    image.src = 'https://tracker.example/pixel.png';
    const script = document.createElement('script');
    script.textContent = 'window.ran = true';
    document.body.append(image, script);
  });
  await expect
    .poll(violations)
    .toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^img-src https:\/\/tracker\.example/),
        expect.stringMatching(/^script-src-elem inline/),
      ]),
    );
  expect(await page.evaluate(() => (window as { ran?: boolean }).ran)).toBeUndefined();
});
