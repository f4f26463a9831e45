/**
 * An organization's endpoints for the audit benchmark: 5,000 endpoints in 30 regions, most with
 * the designed policy, some on the default policy, some edited by hand, some of services outside
 * the design; one describe-vpc-endpoints file per region, as `aws ec2 describe-vpc-endpoints` prints it.
 */
import { catalog } from '../src/core/catalog/catalog';
import { toRegionCode, toServiceId } from '../src/core/catalog/ids';
import type { PerimeterConfig } from '../src/core/config/schema';
import { describeOutput, type EndpointSpec } from '../src/core/deploy/describe-fixtures.testing';
import { generate } from '../src/core/generate/generate';

export const ORGANIZATION_SERVICES = [
  's3',
  'dynamodb',
  'ec2',
  'ecr.api',
  'ecr.dkr',
  'ssm',
  'ssmmessages',
  'ec2messages',
  'sts',
  'kms',
  'logs',
  'monitoring',
  'secretsmanager',
  'sqs',
  'sns',
  'lambda',
  'elasticloadbalancing',
  'autoscaling',
  'ecs',
  'execute-api',
] as const;
const OUTSIDE_DESIGN = ['glue', 'athena', 'states', 'events'] as const;

export function organizationConfig(regions: readonly string[]): PerimeterConfig {
  return {
    version: 1,
    organizationIds: ['o-a1b2c3d4e5'],
    regions: regions.flatMap((code) => toRegionCode(code, catalog) ?? []),
    services: ORGANIZATION_SERVICES.flatMap((id) => toServiceId(id, catalog) ?? []),
    statements: {
      AllowRequestsByThirdPartyIdentitiesToThirdPartyResources: false,
      AllowRequestsByOrgsIdentitiesToThirdPartyResources: false,
    },
  };
}

/** `count` endpoints spread over `regionCount` commercial regions, one describe output per region. */
export function organizationEndpoints(
  count: number,
  regionCount: number,
): { config: PerimeterConfig; files: { name: string; text: string }[] } {
  const regions = catalog.regions
    .filter((r) => r.partition === 'aws')
    .slice(0, regionCount)
    .map((r) => r.code);
  const config = organizationConfig(regions);
  const services = config.services;
  const specs = new Map<string, EndpointSpec[]>(regions.map((r) => [r, []]));
  const designed = new Map<string, string>();
  for (let n = 1; n <= count; n++) {
    const region = regions[n % regions.length]!;
    const roll = n % 20;
    let spec: EndpointSpec;
    if (roll < 2) {
      spec = { n, region, service: OUTSIDE_DESIGN[n % OUTSIDE_DESIGN.length]! };
    } else {
      const service = services[(n * 7) % services.length]!;
      const key = `${service}|${region}`;
      let text = designed.get(key);
      if (text === undefined) {
        text = generate(config, service, { regions: [region], format: 'minified' }).text;
        designed.set(key, text);
      }
      if (roll < 5) spec = { n, region, service };
      else if (roll < 7)
        spec = {
          n,
          region,
          service,
          policy: text.replace('"Action":"*"', `"Action":"${service.split('.')[0]}:Get*"`),
        };
      else spec = { n, region, service, policy: text };
    }
    specs.get(region)!.push(spec);
  }
  return {
    config,
    files: regions.map((region) => ({
      name: `endpoints-${region}.json`,
      text: describeOutput(specs.get(region)!),
    })),
  };
}
