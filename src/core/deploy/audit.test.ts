import { describe, expect, it } from 'vitest';
import { catalog } from '../catalog/catalog';
import type { PerimeterConfigDocument } from '../config/schema';
import { generate } from '../generate/generate';
import { auditEndpoints } from './audit';
import { readDescribeVpcEndpoints } from './describe-endpoints';
import { describeOutput, hexId, type EndpointSpec } from './describe-fixtures.testing';
import { testConfig, testRegionCode, testServiceId } from '../catalog/ids.testing';

const config: PerimeterConfigDocument = {
  version: 1,
  organizationIds: ['o-a1b2c3d4e5'],
  regions: ['eu-west-1', 'us-east-1'],
  services: ['s3', 'ec2', 'sts', 'acm'],
  statements: {
    AllowRequestsByThirdPartyIdentitiesToThirdPartyResources: false,
    AllowRequestsByOrgsIdentitiesToThirdPartyResources: false,
  },
  inventory: {
    'eu-west-1': [{ id: hexId('vpce', 99), service: 'sts', type: 'Interface' }],
  },
};

const designed = (service: string, region: string) =>
  generate(testConfig(config), testServiceId(service), {
    regions: [testRegionCode(region)],
    format: 'minified',
  });

function audit(specs: EndpointSpec[], name = 'endpoints-eu-west-1.json') {
  const { endpoints } = readDescribeVpcEndpoints([{ name, text: describeOutput(specs) }], catalog);
  return auditEndpoints(testConfig(config), endpoints, { catalog });
}

describe('audit of deployed endpoints', () => {
  it('finds an endpoint whose policy matches the design, whatever its formatting and order', () => {
    const policy = designed('ec2', 'eu-west-1').policy;
    const reordered = JSON.stringify(
      { Statement: [...policy.Statement].reverse(), Version: policy.Version },
      null,
      4,
    );
    const report = audit([{ n: 1, service: 'ec2', region: 'eu-west-1', policy: reordered }]);
    const row = report.rows.find((r) => r.endpointId === hexId('vpce', 1))!;
    expect(row).toMatchObject({
      state: 'matches',
      service: 'ec2',
      region: 'eu-west-1',
      type: 'Interface',
      enforcesPolicies: 'yes',
      open: false,
      designedPolicyFile: 'ec2-eu-west-1-endpoint-policy.json',
    });
    expect(row.validation!.errors).toBe(0);
  });

  it('reports a differing policy statement by statement', () => {
    const policy = structuredClone(designed('s3', 'eu-west-1').policy);
    const [first, ...rest] = policy.Statement;
    const changed = { ...first!, Action: ['s3:*'] };
    const text = JSON.stringify({
      ...policy,
      Statement: [
        changed,
        ...rest.slice(1),
        { Sid: 'Mine', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: '*' },
      ],
    });
    const report = audit([{ n: 1, service: 's3', region: 'eu-west-1', policy: text }]);
    const row = report.rows[0]!;
    expect(row.state).toBe('differs');
    expect(row.changes).toEqual([
      {
        sid: first!.Sid,
        change: 'changed',
        elements: [expect.objectContaining({ element: 'Action', added: ['s3:*'] })],
      },
      { sid: rest[0]!.Sid, change: 'removed' },
      { sid: 'Mine', change: 'added' },
    ]);
    expect(row.note).toBe('Statements: 1 changed, 1 missing on the endpoint, 1 not in the design.');
    expect(report.failed).toBe(true);
  });

  it('flags endpoints still on the default policy, or with none, as open', () => {
    const report = audit([
      { n: 1, service: 's3', region: 'eu-west-1' },
      { n: 2, service: 'ec2', region: 'eu-west-1', policy: null },
    ]);
    expect(report.rows.slice(0, 2).map((r) => [r.state, r.open])).toEqual([
      ['default-policy', true],
      ['default-policy', true],
    ]);
    expect(report.rows[1]!.note).toMatch(/No policy is attached/);
    expect(report.open).toBe(2);
    expect(report.failed).toBe(true);
  });

  it('lists endpoints of services, regions and endpoint services outside the design', () => {
    const report = audit([
      { n: 1, service: 'lambda', region: 'eu-west-1', policy: '{"Statement":[]}' },
      { n: 2, service: 'ec2', region: 'eu-central-1', policy: '{"Statement":[]}' },
      {
        n: 3,
        service: 'x',
        region: 'eu-west-1',
        serviceName: 'com.amazonaws.vpce.eu-west-1.vpce-svc-0123456789abcdef0',
        policy: '{"Statement":[]}',
      },
    ]);
    const rows = report.rows.filter((r) => r.endpointId && r.endpointId !== hexId('vpce', 99));
    expect(rows.map((r) => r.state)).toEqual(['not-in-design', 'not-in-design', 'not-in-design']);
    expect(rows.map((r) => r.note)).toEqual([
      'lambda is not among the services of the configuration.',
      'eu-central-1 is not among the regions of the configuration.',
      expect.stringMatching(/endpoint service of an account/),
    ]);
    expect(report.failed).toBe(false);
  });

  it('lists designed services without an endpoint in an audited region, and inventory endpoints not deployed', () => {
    const report = audit([
      { n: 1, service: 's3', region: 'eu-west-1', policy: designed('s3', 'eu-west-1').text },
    ]);
    const missing = report.rows.filter((r) => r.state === 'missing');
    expect(missing.map((r) => [r.service, r.region, r.endpointId])).toEqual([
      ['acm', 'eu-west-1', undefined],
      ['ec2', 'eu-west-1', undefined],
      ['sts', 'eu-west-1', undefined],
      ['sts', 'eu-west-1', hexId('vpce', 99)],
    ]);
    // us-east-1 was not audited (no describe output of it), so nothing is said to be missing there.
    expect(missing.some((r) => r.region === 'us-east-1')).toBe(false);
    expect(missing.find((r) => r.service === 'acm')!.enforcesPolicies).toBe('no');
    expect(report.counts).toMatchObject({ matches: 1, missing: 4 });
    expect(report.failed).toBe(false);
  });

  it('keeps the validator findings of a deployed policy and reports its progress', () => {
    const progress: number[] = [];
    const { endpoints } = readDescribeVpcEndpoints([
      {
        name: 'eu-west-1.json',
        text: describeOutput([
          {
            n: 1,
            service: 'ec2',
            region: 'eu-west-1',
            policy: '{"Statement":[{"Effect":"Allow","Action":"ec2:*","Resource":"*"}]}',
          },
        ]),
      },
    ]);
    const report = auditEndpoints(testConfig(config), endpoints, {
      onProgress: (done) => progress.push(done),
    });
    expect(report.rows[0]!.validation!.errors).toBeGreaterThan(0);
    expect(report.rows[0]!.validation!.diagnostics[0]!.severity).toBe('error');
    expect(progress).toEqual([0, 1]);
  });
});
