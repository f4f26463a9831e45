import { describe, expect, it } from 'vitest';
import { catalog } from '../catalog/catalog';
import {
  describedEndpoint,
  describeOutput,
  DEFAULT_GATEWAY_POLICY_TEXT,
  hexId,
} from './describe-fixtures.testing';
import { MAX_DESCRIBE_CHARACTERS, readDescribeVpcEndpoints } from './describe-endpoints';

const read = (name: string, text: string) => readDescribeVpcEndpoints([{ name, text }], catalog);

describe('reading describe-vpc-endpoints output', () => {
  it('reads interface and gateway endpoints with their service, region, VPC and policy', () => {
    const text = describeOutput([
      { n: 1, service: 's3', region: 'eu-west-1' },
      { n: 2, service: 'ec2', region: 'eu-west-1', policy: '{"Statement":[]}' },
    ]);
    const { endpoints, diagnostics } = read('eu.json', text);
    expect(diagnostics[0]!.diagnostics).toEqual([]);
    expect(endpoints).toEqual([
      expect.objectContaining({
        id: hexId('vpce', 1),
        type: 'Gateway',
        service: 's3',
        serviceKind: 'aws-service',
        region: 'eu-west-1',
        vpcId: hexId('vpc', 2),
        name: 's3-eu-west-1',
        policyDocument: DEFAULT_GATEWAY_POLICY_TEXT,
        source: { file: 'eu.json', path: 'VpcEndpoints[0]' },
      }),
      expect.objectContaining({ id: hexId('vpce', 2), type: 'Interface', service: 'ec2' }),
    ]);
  });

  it('accepts a bare list, a list of outputs and several files at once', () => {
    const one = describedEndpoint({ n: 1, service: 'sts', region: 'us-east-1' });
    const two = describedEndpoint({ n: 2, service: 'sts', region: 'eu-west-1' });
    const result = readDescribeVpcEndpoints([
      { name: 'a.json', text: JSON.stringify([one]) },
      { name: 'b.json', text: JSON.stringify([{ VpcEndpoints: [two] }]) },
    ]);
    expect(result.endpoints.map((e) => [e.id, e.region])).toEqual([
      [hexId('vpce', 1), 'us-east-1'],
      [hexId('vpce', 2), 'eu-west-1'],
    ]);
  });

  it('takes the region of a global service from its DNS names, else from the file name', () => {
    const withDns = describedEndpoint({ n: 1, service: 'iam', region: 'us-east-1' });
    const withoutDns = {
      ...describedEndpoint({ n: 2, service: 'iam', region: 'x' }),
      DnsEntries: [],
    };
    const fromDns = read('all.json', JSON.stringify({ VpcEndpoints: [withDns] }));
    expect(fromDns.endpoints[0]).toMatchObject({ service: 'iam', region: 'us-east-1' });
    const fromName = read(
      'endpoints-us-east-1.json',
      JSON.stringify({ VpcEndpoints: [withoutDns] }),
    );
    expect(fromName.endpoints[0]).toMatchObject({ service: 'iam', region: 'us-east-1' });
    const none = read('endpoints.json', JSON.stringify({ VpcEndpoints: [withoutDns] }));
    expect(none.endpoints[0]!.region).toBeUndefined();
    expect(none.diagnostics[0]!.diagnostics[0]).toMatchObject({
      severity: 'warning',
      code: 'describe/unknown-region',
    });
  });

  it('says where a truncated file ends, and reads nothing from it', () => {
    const text = describeOutput([{ n: 1, service: 's3', region: 'eu-west-1' }]);
    const cut = text.slice(0, Math.floor(text.length / 2));
    const { endpoints, diagnostics } = read('cut.json', cut);
    expect(endpoints).toEqual([]);
    const [d] = diagnostics[0]!.diagnostics;
    expect(d).toMatchObject({ severity: 'error', code: 'input/syntax' });
    expect(d!.message).toMatch(/cut off/);
    expect(d!.range!.start.line).toBeGreaterThan(1);
  });

  it('names what a file of the wrong shape is', () => {
    const policy = read('p.json', '{"Version":"2012-10-17","Statement":[]}');
    expect(policy.diagnostics[0]!.diagnostics[0]!.message).toMatch(/policy, not the output/);
    const config = read('c.json', '{"version":1,"services":[],"regions":[]}');
    expect(config.diagnostics[0]!.diagnostics[0]!.message).toMatch(/perimeter configuration/);
    const other = read('o.json', '{"Reservations":[]}');
    expect(other.diagnostics[0]!.diagnostics[0]).toMatchObject({
      code: 'describe/wrong-shape',
      message: expect.stringContaining('"Reservations"'),
    });
    expect(read('n.json', '42').diagnostics[0]!.diagnostics[0]!.code).toBe('describe/wrong-shape');
  });

  it('refuses a 50 MB file unread, with its size in the message', () => {
    const huge = ' '.repeat(50_000_000);
    const { endpoints, diagnostics } = read('huge.json', huge);
    expect(endpoints).toEqual([]);
    expect(diagnostics[0]!.diagnostics[0]).toMatchObject({ code: 'input/too-large' });
    expect(diagnostics[0]!.diagnostics[0]!.message).toMatch(/50\.0 million characters/);
    expect(MAX_DESCRIBE_CHARACTERS).toBeLessThan(50_000_000);
  });

  it('leaves out a bad endpoint and keeps the others, with the position of the bad one', () => {
    const good = describedEndpoint({ n: 1, service: 's3', region: 'eu-west-1' });
    const bad = {
      ...describedEndpoint({ n: 2, service: 's3', region: 'eu-west-1' }),
      VpcEndpointId: 'vpce-xyz',
    };
    const text = JSON.stringify({ VpcEndpoints: [good, bad, good] }, null, 2);
    const { endpoints, diagnostics } = read('eu-west-1.json', text);
    expect(endpoints.map((e) => e.id)).toEqual([hexId('vpce', 1)]);
    const found = diagnostics[0]!.diagnostics;
    expect(found.map((d) => d.code)).toEqual([
      'describe/endpoint-id',
      'describe/duplicate-endpoint',
    ]);
    expect(found[0]!.path).toBe('VpcEndpoints[1].VpcEndpointId');
    expect(found[0]!.range?.start.line).toBe(
      text.split('\n').findIndex((l) => l.includes('vpce-xyz')) + 1,
    );
  });

  it('reads unknown services and endpoint services of accounts, and leaves deleted endpoints out', () => {
    const text = describeOutput([
      {
        n: 1,
        service: 'x',
        region: 'eu-west-1',
        serviceName: 'com.amazonaws.eu-west-1.not-a-service',
      },
      {
        n: 2,
        service: 'x',
        region: 'eu-west-1',
        serviceName: 'com.amazonaws.vpce.eu-west-1.vpce-svc-0123456789abcdef0',
      },
      { n: 3, service: 's3', region: 'eu-west-1', state: 'deleted' },
    ]);
    const { endpoints, diagnostics } = read('eu.json', text);
    expect(endpoints.map((e) => [e.serviceKind, e.region])).toEqual([
      ['unknown', 'eu-west-1'],
      ['endpoint-service', 'eu-west-1'],
    ]);
    expect(diagnostics[0]!.diagnostics.map((d) => d.code)).toEqual(['describe/endpoint-gone']);
  });

  it('refuses binary data and empty files', () => {
    expect(read('b.json', '{"a":"\u0000"}').diagnostics[0]!.diagnostics[0]!.code).toBe(
      'input/binary',
    );
    expect(read('e.json', '  \n').diagnostics[0]!.diagnostics[0]!.code).toBe('input/empty');
  });

  it('lists fifty of many endpoints with the same problem and counts the rest', () => {
    const bad = Array.from({ length: 300 }, (_, i) => ({
      ...describedEndpoint({ n: i + 1, service: 's3', region: 'eu-west-1' }),
      VpcEndpointType: 'Teleporter',
    }));
    const { endpoints, diagnostics } = read(
      'eu-west-1.json',
      JSON.stringify({ VpcEndpoints: bad }),
    );
    expect(endpoints).toHaveLength(300);
    const found = diagnostics[0]!.diagnostics;
    expect(found).toHaveLength(51);
    expect(found[50]).toMatchObject({
      code: 'describe/endpoint-type',
      message: '250 more endpoints of this file have the same problem.',
    });
  });
});
