import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PerimeterConfigDocument } from '../../core/config/schema';
import {
  describeOutput,
  hexId,
  type EndpointSpec,
} from '../../core/deploy/describe-fixtures.testing';
import { generate } from '../../core/generate/generate';
import { runCli } from '../run-cli.testing';
import { testConfig, testRegionCode, testServiceId } from '../../core/catalog/ids.testing';

const config: PerimeterConfigDocument = {
  version: 1,
  organizationIds: ['o-a1b2c3d4e5'],
  regions: ['eu-west-1', 'us-east-1'],
  services: ['s3', 'ec2'],
  statements: {
    AllowRequestsByThirdPartyIdentitiesToThirdPartyResources: false,
    AllowRequestsByOrgsIdentitiesToThirdPartyResources: false,
  },
};
const designed = (service: string, region: string) =>
  generate(testConfig(config), testServiceId(service), { regions: [testRegionCode(region)] }).text;

function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'vpce-audit-'));
  writeFileSync(join(dir, 'perimeter.json'), JSON.stringify(config));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const matching: EndpointSpec[] = [
  { n: 1, service: 's3', region: 'eu-west-1', policy: designed('s3', 'eu-west-1') },
  { n: 2, service: 'ec2', region: 'eu-west-1', policy: designed('ec2', 'eu-west-1') },
];

describe('vpce-policy audit', () => {
  it('exits 0 when every endpoint matches the design', async () => {
    const dir = workspace({ 'eu-west-1.json': describeOutput(matching) });
    const run = await runCli(['audit', '--config', 'perimeter.json', 'eu-west-1.json'], dir);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      new RegExp(`^matches\\s+${hexId('vpce', 1)}\\s+eu-west-1\\s+s3\\s+Gateway\\s+enforced$`, 'm'),
    );
    expect(run.stdout).toContain(
      '2 endpoints in 1 region: 2 matches the design; 0 open to everyone.',
    );
  });

  it('exits 1 when an endpoint differs or is on the default policy, and shows the statements', async () => {
    const dir = workspace({
      'eu-west-1.json': describeOutput([
        matching[0]!,
        {
          n: 2,
          service: 'ec2',
          region: 'eu-west-1',
          policy: designed('ec2', 'eu-west-1').replace(
            '"Action": "*"',
            '"Action": "ec2:Describe*"',
          ),
        },
      ]),
      'us-east-1.json': describeOutput([{ n: 3, service: 's3', region: 'us-east-1' }]),
    });
    const run = await runCli(
      ['audit', '--config', 'perimeter.json', 'eu-west-1.json', 'us-east-1.json'],
      dir,
    );
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^differs\s+vpce-0+2\s+eu-west-1\s+ec2/m);
    expect(run.stdout).toMatch(/^ {4}changed \S+ \(Action/m);
    expect(run.stdout).toMatch(/^default-policy\s+vpce-0+3\s+us-east-1\s+s3/m);
    expect(run.stdout).toMatch(/^missing\s+-\s+us-east-1\s+ec2/m);
  });

  it('prints JSON and CSV for machines', async () => {
    const dir = workspace({
      'eu-west-1.json': describeOutput([{ n: 1, service: 's3', region: 'eu-west-1' }]),
    });
    const json = await runCli(
      ['audit', '--config', 'perimeter.json', 'eu-west-1.json', '--json'],
      dir,
    );
    const report = JSON.parse(json.stdout);
    expect(report).toMatchObject({
      auditReportVersion: 1,
      failed: true,
      open: 1,
      regions: ['eu-west-1'],
    });
    expect(report.endpoints[0]).toMatchObject({
      state: 'default-policy',
      endpointId: hexId('vpce', 1),
    });
    const csv = await runCli(
      ['audit', '--config', 'perimeter.json', 'eu-west-1.json', '--csv'],
      dir,
    );
    const lines = csv.stdout.trimEnd().split('\r\n');
    expect(lines[0]).toMatch(/^state,endpoint_id,name,region,service,/);
    expect(lines[1]).toMatch(
      new RegExp(`^default-policy,${hexId('vpce', 1)},s3-eu-west-1,eu-west-1,s3,`),
    );
    expect(csv.code).toBe(1);
  });

  it('keeps auditing the good files when one is truncated, 50 MB or of the wrong shape, and exits 2', async () => {
    const good = describeOutput(matching);
    const dir = workspace({
      'eu-west-1.json': good,
      'cut.json': good.slice(0, 300),
      'wrong.json': '{"Reservations": []}',
    });
    writeFileSync(join(dir, 'huge.json'), Buffer.alloc(50 * 1024 * 1024, 32));
    const run = await runCli(
      [
        'audit',
        '--config',
        'perimeter.json',
        'eu-west-1.json',
        'cut.json',
        'wrong.json',
        'huge.json',
        'nope.json',
      ],
      dir,
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/cut\.json:\d+:\d+: error input\/syntax: The JSON ends too early/);
    expect(run.stderr).toMatch(
      /wrong\.json: error describe\/wrong-shape: Expected an object with a "VpcEndpoints" list/,
    );
    expect(run.stderr).toMatch(
      /"huge\.json": The file is 52\.4 million characters; the limit is 40,000,000/,
    );
    expect(run.stderr).toContain('cannot read "nope.json": no such file');
    expect(run.stdout).toMatch(/^matches\s+vpce-0+1/m);
  });

  it('needs a configuration and at least one file', async () => {
    const dir = workspace({});
    expect((await runCli(['audit', 'x.json'], dir)).stderr).toContain(
      'give the configuration with --config FILE',
    );
    expect((await runCli(['audit', '--config', 'perimeter.json'], dir)).code).toBe(2);
    expect((await runCli(['audit', '--help'], dir)).stdout).toContain('Usage: vpce-policy audit');
  });
});
