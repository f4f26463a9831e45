import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportPolicies } from '../../core/deploy/export/export';
import { hexId } from '../../core/deploy/describe-fixtures.testing';
import type { PerimeterConfigDocument } from '../../core/config/schema';
import { runCli } from '../run-cli.testing';
import { testConfig } from '../../core/catalog/ids.testing';

const config: PerimeterConfigDocument = {
  version: 1,
  organizationIds: ['o-a1b2c3d4e5'],
  regions: ['eu-west-1'],
  services: ['s3', 'ec2'],
  statements: {
    AllowRequestsByThirdPartyIdentitiesToThirdPartyResources: false,
    AllowRequestsByOrgsIdentitiesToThirdPartyResources: false,
  },
  inventory: { 'eu-west-1': [{ id: hexId('vpce', 1), service: 's3', type: 'Gateway' }] },
};

function withConfig(): string {
  const dir = mkdtempSync(join(tmpdir(), 'vpce-build-'));
  writeFileSync(join(dir, 'perimeter.json'), JSON.stringify(config));
  return dir;
}

describe('vpce-policy build --format', () => {
  it('writes the JSON policies with manifest.json', async () => {
    const dir = withConfig();
    const run = await runCli(
      ['build', '--config', 'perimeter.json', '--per-region', '--out', 'out'],
      dir,
    );
    expect(run.code).toBe(0);
    const manifest = JSON.parse(readFileSync(join(dir, 'out', 'manifest.json'), 'utf8'));
    expect(manifest.files.map((f: { path: string }) => f.path)).toEqual([
      'ec2-eu-west-1-endpoint-policy.json',
      's3-eu-west-1-endpoint-policy.json',
    ]);
    expect(manifest.files[1].policy.endpointServiceNames).toEqual({
      'eu-west-1': 'com.amazonaws.eu-west-1.s3',
    });
  });

  for (const format of ['terraform', 'cloudformation', 'cli'] as const) {
    it(`writes the ${format} export exactly as the engine builds it`, async () => {
      const dir = withConfig();
      const run = await runCli(
        ['build', '--config', 'perimeter.json', '--format', format, '--out', 'out'],
        dir,
      );
      expect(run.code).toBe(0);
      const expected = exportPolicies(testConfig(config), format);
      for (const file of expected.files)
        expect(readFileSync(join(dir, 'out', file.path), 'utf8'), file.path).toBe(file.text);
      expect(run.stderr).toMatch(
        new RegExp(`wrote ${expected.files.length} files \\(2 policies\\) to out`),
      );
    });
  }

  it('makes the AWS CLI script executable', async () => {
    const dir = withConfig();
    await runCli(['build', '--config', 'perimeter.json', '--format', 'cli', '--out', 'out'], dir);
    expect(statSync(join(dir, 'out', 'apply-endpoint-policies.sh')).mode & 0o111).not.toBe(0);
  });

  it('refuses an unknown format, and a folder format without --out', async () => {
    const dir = withConfig();
    const unknown = await runCli(
      ['build', '--config', 'perimeter.json', '--format', 'pulumi', '--out', 'x'],
      dir,
    );
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--format takes json, terraform, cloudformation, cli');
    const noOut = await runCli(
      ['build', '--config', 'perimeter.json', '--format', 'terraform'],
      dir,
    );
    expect(noOut.code).toBe(2);
    expect(noOut.stderr).toContain('--format terraform writes several files: give --out DIR');
  });

  it('exits 1 when a policy has errors, still writing the files', async () => {
    const dir = withConfig();
    writeFileSync(join(dir, 'perimeter.json'), JSON.stringify({ ...config, organizationIds: [] }));
    const run = await runCli(
      ['build', '--config', 'perimeter.json', '--format', 'terraform', '--out', 'out'],
      dir,
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /policies\/s3-eu-west-1-endpoint-policy\.json \(organizationIds\): error generate\/missing-parameter/,
    );
    expect(readFileSync(join(dir, 'out', 'main.tf'), 'utf8')).toContain('aws_vpc_endpoint_policy');
  });
});
