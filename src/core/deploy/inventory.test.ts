import { describe, expect, it } from 'vitest';
import { catalog } from '../catalog/catalog';
import { validateConfigValue } from '../config/parse';
import type { PerimeterConfigDocument } from '../config/schema';
import { readDescribeVpcEndpoints } from './describe-endpoints';
import { describeOutput, hexId } from './describe-fixtures.testing';
import { importInventory } from './inventory';

const base: PerimeterConfigDocument = {
  version: 1,
  organizationIds: ['o-a1b2c3d4e5'],
  regions: ['eu-west-1', 'us-east-1'],
  services: ['s3', 'ec2'],
};

describe('endpoint inventory', () => {
  it('imports the endpoints of catalog services per region, replacing only the regions read', () => {
    const { endpoints } = readDescribeVpcEndpoints([
      {
        name: 'eu-west-1.json',
        text: describeOutput([
          { n: 1, service: 's3', region: 'eu-west-1', name: 'gw' },
          { n: 2, service: 'ec2', region: 'eu-west-1' },
          {
            n: 3,
            service: 'x',
            region: 'eu-west-1',
            serviceName: 'com.amazonaws.vpce.eu-west-1.vpce-svc-0123456789abcdef0',
          },
          { n: 4, service: 'x', region: 'eu-west-1', serviceName: 'com.amazonaws.eu-west-1.nope' },
        ]),
      },
    ]);
    const current = {
      'eu-west-1': [{ id: hexId('vpce', 9), service: 'sts', type: 'Interface' as const }],
      'us-east-1': [{ id: hexId('vpce', 10), service: 's3', type: 'Gateway' as const }],
    };
    const result = importInventory(endpoints, current, catalog);
    expect(result.inventory).toEqual({
      'eu-west-1': [
        {
          id: hexId('vpce', 1),
          service: 's3',
          type: 'Gateway',
          vpcId: hexId('vpc', 2),
          name: 'gw',
        },
        {
          id: hexId('vpce', 2),
          service: 'ec2',
          type: 'Interface',
          vpcId: hexId('vpc', 3),
          name: 'ec2-eu-west-1',
        },
      ],
      'us-east-1': current['us-east-1'],
    });
    expect(result.regions).toEqual([{ region: 'eu-west-1', endpoints: 2 }]);
    expect(result.skipped.map((s) => [s.id, s.reason])).toEqual([
      [hexId('vpce', 3), 'it reaches an endpoint service of an account, not an AWS service'],
      [hexId('vpce', 4), '"com.amazonaws.eu-west-1.nope" is not a service of the catalog'],
    ]);
    expect(validateConfigValue({ ...base, inventory: result.inventory }).diagnostics).toEqual([]);
  });

  it('checks a typed inventory: ids, services, types, duplicates and what the design does not cover', () => {
    const checked = validateConfigValue({
      ...base,
      inventory: {
        'eu-west-1': [
          { id: hexId('vpce', 1), service: 's3', type: 'Gateway' },
          { id: hexId('vpce', 1), service: 'ec2', type: 'Interface' },
          { id: hexId('vpce', 2), service: 'com.amazonaws.eu-west-1.ec2', type: 'Interface' },
          { id: hexId('vpce', 3), service: 'ec2', type: 'Gateway' },
          { id: hexId('vpce', 4), service: 'lambda', type: 'Interface' },
        ],
        'eu-central-1': [{ id: hexId('vpce', 5), service: 's3', type: 'Gateway' }],
      },
    });
    expect(checked.config).toBeUndefined();
    expect(checked.diagnostics.map((d) => [d.severity, d.code, d.path])).toEqual([
      ['error', 'inventory/duplicate-endpoint', 'inventory.eu-west-1[1].id'],
      ['error', 'inventory/unknown-service', 'inventory.eu-west-1[2].service'],
      ['error', 'inventory/endpoint-type', 'inventory.eu-west-1[3].type'],
      ['warning', 'inventory/service-not-designed', 'inventory.eu-west-1[4].service'],
      ['warning', 'inventory/region-not-designed', 'inventory.eu-central-1'],
    ]);
    expect(checked.diagnostics[1]!.hint).toBe(
      'The inventory names services by their short name: did you mean "ec2"?',
    );
    expect(checked.diagnostics[2]!.message).toBe(
      'Amazon EC2 is reached through Interface endpoints, not Gateway (vpce-00000000000000003 in eu-west-1).',
    );
  });

  it('refuses malformed ids, VPCs and types with the expected shape', () => {
    const checked = validateConfigValue({
      ...base,
      inventory: {
        'eu-west-1': [{ id: 'vpce-123', service: 's3', type: 'gateway', vpcId: 'vpc-XYZ' }],
      },
    });
    expect(checked.diagnostics.map((d) => d.message)).toEqual([
      expect.stringContaining(
        'expected a VPC endpoint id: "vpce-" and 8 or 17 lowercase hexadecimal digits',
      ),
      expect.stringContaining('expected a VPC id'),
      expect.stringMatching(
        /inventory\.eu-west-1\[0\]\.type is "gateway"; expected one of "Interface", "Gateway"/,
      ),
    ]);
  });

  it('lists a few of many endpoints with the same mistake and counts the rest', () => {
    const checked = validateConfigValue({
      ...base,
      inventory: {
        'eu-west-1': Array.from({ length: 5_000 }, (_, i) => ({
          id: hexId('vpce', i + 1),
          service: `not-a-service-${'x'.repeat(200)}-${i}`,
          type: 'Interface' as const,
        })),
      },
    });
    const unknown = checked.diagnostics.filter((d) => d.code === 'inventory/unknown-service');
    expect(unknown).toHaveLength(21);
    expect(unknown[20]!.message).toBe(
      '4,980 more endpoints of the inventory have the same problem (inventory/unknown-service).',
    );
  });
});
