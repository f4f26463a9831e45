import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PerimeterConfigDocument } from '../../core/config/schema';
import type { SavedRequest } from '../../core/config/request-schema';
import { matrixSize, planRequestMatrix } from '../../core/evaluate/request-matrix';
import { runCli } from '../run-cli.testing';
import { testConfig } from '../../core/catalog/ids.testing';

const wronglyExpected: SavedRequest = {
  name: 'an unsigned read of our bucket, expected to pass',
  service: 's3',
  request: {
    principal: { type: 'anonymous' },
    action: 's3:GetObject',
    resource: 'arn:aws:s3:::our-bucket/a.csv',
  },
  expect: 'Allowed',
};
const config: PerimeterConfigDocument = {
  version: 1,
  organizationIds: ['o-a1b2c3d4e5'],
  regions: ['us-east-1', 'eu-west-1'],
  services: ['s3', 'kms'],
  output: { shape: 'per-region' },
  // The third-party statements need values of their own; without them the policy has values to fill.
  statements: {
    AllowRequestsByThirdPartyIdentitiesToThirdPartyResources: false,
    AllowRequestsByOrgsIdentitiesToThirdPartyResources: false,
  },
};

function workspace(files: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'vpce-matrix-'));
  for (const [name, content] of Object.entries(files))
    writeFileSync(join(dir, name), JSON.stringify(content, null, 2));
  return dir;
}

describe('vpce-policy simulate --matrix', () => {
  it('passes when every request gets the verdict the choices call for', async () => {
    const dir = workspace({ 'perimeter.json': config });
    const run = await runCli(['simulate', '--config', 'perimeter.json', '--matrix'], dir);
    expect(run.code).toBe(0);
    const cells = matrixSize(planRequestMatrix(testConfig(config)));
    expect(run.stdout.trim().split('\n').at(-1)).toBe(
      `${planRequestMatrix(testConfig(config)).rows.length} requests × 2 regions: ${cells} cells, 0 not as expected`,
    );
  });

  it('puts the failing rows first, says why, and exits 1', async () => {
    const dir = workspace({
      'perimeter.json': { ...config, savedRequests: [wronglyExpected] },
    });
    const run = await runCli(['simulate', '--config', 'perimeter.json', '--matrix'], dir);
    expect(run.code).toBe(1);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toBe(`FAIL  ${wronglyExpected.name} [s3, saved]:`);
    expect(lines[1]).toMatch(/^ {8}eu-west-1: expected Allowed, got ImplicitDeny\. /);
    expect(lines[1]).toContain('Saved with the expectation Allowed.');
    expect(run.stdout).toContain('2 not as expected');
  });

  it('takes the saved requests of a file, and reports as JSON', async () => {
    const dir = workspace({ 'perimeter.json': config, 'requests.json': [wronglyExpected] });
    const run = await runCli(
      [
        'simulate',
        '--config',
        'perimeter.json',
        '--matrix',
        '--requests',
        'requests.json',
        '--json',
      ],
      dir,
    );
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as {
      failures: number;
      rows: { kind: string; name: string; cells: { region: string; passed: boolean }[] }[];
    };
    expect(report.failures).toBe(2);
    expect(report.rows[0]).toMatchObject({ kind: 'saved', name: wronglyExpected.name });
    expect(report.rows.slice(1).every((r) => r.cells.every((c) => c.passed))).toBe(true);
  });

  it('gives no verdict in a cell whose evaluation goes over its budget, and fails it', async () => {
    const piece = `${'a?'.repeat(100)}b`;
    const slow: PerimeterConfigDocument = {
      version: 1,
      organizationIds: ['o-a1b2c3d4e5'],
      regions: ['us-east-1'],
      services: ['s3'],
      statements: { AllowRequestsByThirdPartyIdentitiesToThirdPartyResources: false },
      parameters: {
        orgIdentitiesToThirdPartyResources: {
          accounts: ['444455556666'],
          actions: ['s3:GetObject'],
          resources: Array.from(
            { length: 20 },
            (_, i) => `arn:aws:s3:::*${piece}*${'?'.repeat(i)}`,
          ),
        },
      },
      savedRequests: [
        {
          name: 'a read of a bucket with a long name',
          service: 's3',
          request: {
            principal: { type: 'iam', account: '111122223333', organizationId: 'o-a1b2c3d4e5' },
            action: 's3:GetObject',
            resource: `arn:aws:s3:::${'a'.repeat(2_000)}`,
          },
          expect: 'ImplicitDeny',
        },
      ],
    };
    const dir = workspace({ 'perimeter.json': slow });
    const run = await runCli(['simulate', '--config', 'perimeter.json', '--matrix'], dir);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(
      /FAIL {2}a read of a bucket with a long name \[s3, saved\]:\n {8}us-east-1: expected ImplicitDeny, no verdict: matching the policy's wildcards/,
    );
    const json = await runCli(
      ['simulate', '--config', 'perimeter.json', '--matrix', '--json'],
      dir,
    );
    const report = JSON.parse(json.stdout) as {
      rows: { name: string; cells: { decision: string | null; withheld?: string }[] }[];
    };
    const row = report.rows.find((r) => r.name === 'a read of a bucket with a long name')!;
    expect(row.cells[0]).toMatchObject({
      decision: null,
      withheld: expect.stringMatching(/steps/),
    });
  });

  it('gives no verdict when a policy of the matrix has errors, and lists them with their places', async () => {
    const { statements: _off, ...unfinished } = config;
    const dir = workspace({ 'perimeter.json': unfinished });
    const run = await runCli(['simulate', '--config', 'perimeter.json', '--matrix'], dir);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/the s3 policy for [a-z0-9-]+:\d+:\d+: error placeholder\/unfilled/);
    expect(run.stderr).toContain('no verdict is given on a policy with errors');
  });

  it('needs a configuration and no request flags', async () => {
    const dir = workspace({ 'perimeter.json': config });
    const noConfig = await runCli(['simulate', '--matrix'], dir);
    expect(noConfig.code).toBe(2);
    expect(noConfig.stderr).toContain('--matrix runs the policies a configuration generates');
    const withAction = await runCli(
      ['simulate', '--config', 'perimeter.json', '--matrix', '--action', 's3:GetObject'],
      dir,
    );
    expect(withAction.code).toBe(2);
    expect(withAction.stderr).toContain('it does not take --action');
  });
});
