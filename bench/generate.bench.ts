/**
 * Generator speed: one S3 policy for one region, and the largest configuration (every service,
 * every region, every data access pattern). Budgets on these 2-core machines: under 1 ms median
 * for one policy, under 50 ms for the largest configuration.
 */
import { catalog } from '../src/core/catalog/catalog';
import type { PerimeterConfig } from '../src/core/config/schema';
import { generate } from '../src/core/generate/generate';
import { generatePolicies } from '../src/core/generate/outputs';
import { formatMs, median, percentile, timeSync } from './stats';
import { testRegionCode, testServiceId } from '../src/core/catalog/ids.testing';

export function largestConfig(): PerimeterConfig {
  return {
    version: 1,
    organizationIds: ['o-a1b2c3d4e5'],
    regions: catalog.regions.map((r) => r.code),
    services: catalog.services.map((s) => s.id),
    dataAccessPatterns: Object.fromEntries(catalog.patterns.map((p) => [p.id, true])),
    parameters: {
      lambdaLayerAccounts: ['580247275435'],
      thirdPartyIdentitiesToThirdPartyResources: {
        accounts: ['111122223333'],
        actions: ['s3:GetObject'],
        resources: ['arn:aws:s3:::partner/*'],
      },
      orgIdentitiesToThirdPartyResources: {
        accounts: ['111122223333'],
        actions: ['s3:PutObject'],
        resources: ['arn:aws:s3:::partner/*'],
      },
    },
  };
}

function report(name: string, samples: number[], budgetMs: number): void {
  const m = median(samples);
  const verdict = Number.isFinite(budgetMs)
    ? `budget ${formatMs(budgetMs)}  ${m <= budgetMs ? 'OK' : 'OVER'}`
    : '(no budget)';
  console.log(
    `${name}\n  median ${formatMs(m).padStart(9)}  p95 ${formatMs(percentile(samples, 95)).padStart(9)}  ${verdict}`,
  );
}

export function run(): void {
  const one: PerimeterConfig = {
    version: 1,
    organizationIds: ['o-a1b2c3d4e5'],
    regions: [testRegionCode('us-east-1')],
    services: [testServiceId('s3')],
  };
  report(
    'S3 policy, one region (generate + render)',
    timeSync(() => generate(one, testServiceId('s3')), 2000),
    1,
  );

  const largest = largestConfig();
  let outputs = generatePolicies(largest);
  report(
    `largest config, one policy per service (${largest.services.length} services x ${largest.regions.length} regions)`,
    timeSync(() => (outputs = generatePolicies(largest)), 30, 3),
    50,
  );
  const s3 = outputs.find((o) => o.service === 's3')!.result;
  console.log(
    `  largest S3 policy: ${s3.size.toLocaleString('en-US')} characters, ${s3.policy.Statement.length} statements`,
  );
  report(
    'largest config, one policy per service and region',
    timeSync(() => generatePolicies(largest, { shape: 'per-region' }), 10, 2),
    Number.POSITIVE_INFINITY,
  );
}
