/**
 * Validator speed: the largest policy the generator produces (S3, every data access pattern, every
 * region, one document) and a policy of exactly 20,480 characters, the quota. Budget on these
 * 2-core machines: under 5 ms median each. Recognition matches patterns against the generator's
 * expansion for the policy's service and regions, which is computed once and then cached; the
 * first validation of a new service and region set pays for it, shown separately.
 */
import { buildCatalog, catalog, catalogFiles } from '../src/core/catalog/catalog';
import { POLICY_SIZE_LIMIT } from '../src/core/catalog/ids';
import type { PerimeterConfig } from '../src/core/config/schema';
import { generate } from '../src/core/generate/generate';
import { loadIamIndex } from '../src/core/iam/iam-index';
import { validate, type ValidateOptions } from '../src/core/validate/validate';
import { largestConfig } from './generate.bench';
import { formatMs, median, percentile, timeSync } from './stats';
import { testServiceId } from '../src/core/catalog/ids.testing';

function report(name: string, samples: number[], budgetMs: number, label = 'median'): void {
  const m = median(samples);
  const verdict = Number.isFinite(budgetMs)
    ? `budget ${formatMs(budgetMs)}  ${m <= budgetMs ? 'OK' : 'OVER'}`
    : '(no budget)';
  console.log(
    `${name}\n  ${label} ${formatMs(m).padStart(9)}  p95 ${formatMs(percentile(samples, 95)).padStart(9)}  ${verdict}`,
  );
}

/**
 * CPU time per call (user and system, in ms): on a shared machine whose cores are busy, wall time
 * also counts the wait for a core, which says nothing about the validator.
 */
function cpuTimes(fn: () => unknown, iterations: number, warmup: number): number[] {
  for (let i = 0; i < warmup; i++) fn();
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const start = process.cpuUsage();
    fn();
    const used = process.cpuUsage(start);
    samples.push((used.user + used.system) / 1000);
  }
  return samples;
}

/** The default S3 policy for as many regions as fit, padded with trailing spaces to exactly the quota. */
function policyAtTheLimit(): { text: string; regions: number } {
  const base: PerimeterConfig = {
    version: 1,
    organizationIds: ['o-a1b2c3d4e5'],
    regions: [],
    services: [testServiceId('s3')],
    statements: {
      AllowRequestsByThirdPartyIdentitiesToThirdPartyResources: false,
      AllowRequestsByOrgsIdentitiesToThirdPartyResources: false,
    },
  };
  let best = '';
  let regions = 0;
  for (const region of catalog.regions.filter((r) => r.partition === 'aws')) {
    const text = generate(
      { ...base, regions: [...base.regions, region.code] },
      testServiceId('s3'),
    ).text;
    if (text.length > POLICY_SIZE_LIMIT) break;
    base.regions.push(region.code);
    best = text;
    regions++;
  }
  return { text: best + ' '.repeat(POLICY_SIZE_LIMIT - best.length), regions };
}

export async function run(): Promise<void> {
  const iamIndex = await loadIamIndex();
  const options: ValidateOptions = { iamIndex, service: 's3' };

  const largest = generate(
    { ...largestConfig(), services: [testServiceId('s3')] },
    testServiceId('s3'),
  );
  const atLimit = policyAtTheLimit();
  if (atLimit.text.length !== POLICY_SIZE_LIMIT)
    throw new Error(`the padded policy is ${atLimit.text.length} characters`);
  const largestResult = validate(largest.text, options);
  const limitResult = validate(atLimit.text, options);
  console.log(
    `largest generated policy: S3, ${largest.regions.length} regions, ${largest.policy.Statement.length} statements, ${largest.size.toLocaleString('en-US')} characters; ` +
      `${largestResult.diagnostics.length} findings, ${largestResult.recognition?.dataAccessPatterns.length ?? 0} patterns recognized`,
  );
  console.log(
    `policy at the limit: S3 default selection, ${atLimit.regions} regions, ${atLimit.text.length.toLocaleString('en-US')} characters; ${limitResult.diagnostics.length} findings`,
  );

  report(
    'validate the largest generated policy (wall time)',
    timeSync(() => validate(largest.text, options), 200, 20),
    5,
  );
  report(
    '  the same, CPU time',
    cpuTimes(() => validate(largest.text, options), 200, 20),
    5,
    'median',
  );
  report(
    `validate a policy of exactly ${POLICY_SIZE_LIMIT.toLocaleString('en-US')} characters (wall time)`,
    timeSync(() => validate(atLimit.text, options), 500),
    5,
  );
  report(
    '  the same, CPU time',
    cpuTimes(() => validate(atLimit.text, options), 500, 50),
    5,
  );
  report(
    '  the same without the IAM index (editor before the index has loaded)',
    timeSync(() => validate(atLimit.text, { service: 's3' }), 500),
    Number.POSITIVE_INFINITY,
  );

  // A fresh catalog object misses the expansion cache, as the first validation for a service and region set does.
  const fresh = () => buildCatalog(catalogFiles);
  report(
    'first validation of the largest policy (expansion not cached yet)',
    timeSync(() => validate(largest.text, { ...options, catalog: fresh() }), 10, 2),
    Number.POSITIVE_INFINITY,
  );
  report(
    'first validation of the 20,480-character policy (expansion not cached yet)',
    timeSync(() => validate(atLimit.text, { ...options, catalog: fresh() }), 20, 2),
    Number.POSITIVE_INFINITY,
  );
}
