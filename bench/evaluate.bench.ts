/**
 * Request simulator speed against the largest generated policy: every S3 data access pattern for
 * every region in one document. Budget on these 2-core machines: at least 100,000 evaluations per
 * second with the policy compiled once, so that the browser re-runs a saved suite within a frame.
 */
import { catalog } from '../src/core/catalog/catalog';
import type { PerimeterConfig } from '../src/core/config/schema';
import { compilePolicy, evaluate } from '../src/core/evaluate/evaluate';
import { compilePolicyText } from '../src/core/evaluate/policy';
import type { SimulatedRequest } from '../src/core/config/request-schema';
import { generate } from '../src/core/generate/generate';
import { formatMs, median, percentile, timeSync } from './stats';
import { testServiceId } from '../src/core/catalog/ids.testing';

const ORG = 'o-a1b2c3d4e5';
const ACCOUNT = '111122223333';
const BUDGET_PER_SECOND = 100_000;

function largestS3Config(): PerimeterConfig {
  return {
    version: 1,
    organizationIds: [ORG],
    regions: catalog.regions.map((r) => r.code),
    services: [testServiceId('s3')],
    dataAccessPatterns: Object.fromEntries(
      catalog.patternsForService(testServiceId('s3')).map((p) => [p.id, true]),
    ),
    parameters: {
      lambdaLayerAccounts: ['580247275435'],
      thirdPartyIdentitiesToThirdPartyResources: {
        accounts: ['210987654321'],
        actions: ['s3:GetObject'],
        resources: ['arn:aws:s3:::partner/*'],
      },
      orgIdentitiesToThirdPartyResources: {
        accounts: ['210987654321'],
        actions: ['s3:PutObject'],
        resources: ['arn:aws:s3:::partner/*'],
      },
    },
  };
}

/** The requests a perimeter review asks about, from the cheapest verdict to the most searching. */
function perimeterRequests(): SimulatedRequest[] {
  const role = {
    type: 'iam',
    account: ACCOUNT,
    arn: `arn:aws:iam::${ACCOUNT}:role/app`,
    organizationId: ORG,
  } as const;
  const lastRegion = 'eu-west-1';
  return [
    {
      principal: role,
      action: 's3:GetObject',
      resource: 'arn:aws:s3:::our-bucket/report.csv',
      resourceAccount: ACCOUNT,
      resourceOrganizationId: ORG,
    },
    {
      principal: role,
      action: 's3:PutObject',
      resource: 'arn:aws:s3:::personal-bucket/dump.zip',
      resourceAccount: '999988887777',
      resourceOrganizationId: null,
    },
    {
      principal: {
        type: 'iam',
        account: '999988887777',
        arn: 'arn:aws:iam::999988887777:user/me',
        organizationId: null,
      },
      action: 's3:GetObject',
      resource: 'arn:aws:s3:::our-bucket/report.csv',
      resourceAccount: ACCOUNT,
      resourceOrganizationId: ORG,
    },
    {
      principal: { type: 'anonymous' },
      action: 's3:GetObject',
      resource: `arn:aws:s3:::al2023-repos-${lastRegion}-de612dc2/core/x.rpm`,
    },
    {
      principal: { type: 'anonymous' },
      action: 's3:GetObject',
      resource: 'arn:aws:s3:::not-an-aws-bucket/x',
    },
    {
      principal: { type: 'service', service: 'cloudformation.amazonaws.com' },
      action: 's3:PutObject',
      resource: 'arn:aws:s3:::cf-response/x',
    },
    {
      principal: { ...role, tags: { 'dp:exclude:resource': 'true' } },
      action: 's3:PutObject',
      resource: 'arn:aws:s3:::vendor-bucket/x',
      resourceAccount: '999988887777',
      resourceOrganizationId: null,
    },
    {
      principal: {
        type: 'iam',
        account: '210987654321',
        arn: 'arn:aws:iam::210987654321:role/partner',
      },
      action: 's3:GetObject',
      resource: 'arn:aws:s3:::partner/x',
      resourceAccount: '210987654321',
    },
  ];
}

export function run(): void {
  const generated = generate(largestS3Config(), testServiceId('s3'));
  const statements = generated.policy.Statement;
  const resources = statements.reduce(
    (n, s) => n + (Array.isArray(s.Resource) ? s.Resource.length : 1),
    0,
  );
  console.log(
    `policy: every S3 pattern for ${generated.regions.length} regions, ${generated.size.toLocaleString('en-US')} characters, ${statements.length} statements, ${resources.toLocaleString('en-US')} resource values`,
  );

  const compileSamples = timeSync(() => compilePolicyText(generated.text), 50, 5);
  console.log(
    `compile the policy text once\n  median ${formatMs(median(compileSamples)).padStart(9)}  p95 ${formatMs(percentile(compileSamples, 95)).padStart(9)}`,
  );

  const policy = compilePolicy(generated.text);
  const requests = perimeterRequests();
  const decisions = requests.map((r) => evaluate(policy, r).decision);
  console.log(`requests: ${requests.length} (${decisions.join(', ')})`);

  // Throughput over batches of the request mix; the median batch gives the figure.
  const batch = 2_000;
  let sink = 0;
  const batchSamples = timeSync(
    () => {
      for (let i = 0; i < batch; i++)
        sink += evaluate(policy, requests[i % requests.length]!).statements.length;
    },
    40,
    5,
  );
  const perSecond = (batch / median(batchSamples)) * 1000;
  const worst = (batch / percentile(batchSamples, 95)) * 1000;
  console.log(
    `evaluations per second (policy compiled once)\n  median ${Math.round(perSecond).toLocaleString('en-US').padStart(9)}/s  p95 batch ${Math.round(worst).toLocaleString('en-US')}/s  ` +
      `budget ${BUDGET_PER_SECOND.toLocaleString('en-US')}/s  ${perSecond >= BUDGET_PER_SECOND ? 'OK' : 'UNDER'}`,
  );
  for (const [index, request] of requests.entries()) {
    const samples = timeSync(() => evaluate(policy, request), 3000, 200);
    console.log(
      `  request ${index + 1} (${decisions[index]}): median ${formatMs(median(samples))}, p99 ${formatMs(percentile(samples, 99))}`,
    );
  }

  // What the panel pays when the policy text changes: compile, then the whole saved suite.
  const suiteSamples = timeSync(
    () => {
      const fresh = compilePolicyText(generated.text);
      for (const request of requests) sink += evaluate(fresh, request).statements.length;
    },
    30,
    3,
  );
  console.log(
    `new policy text + ${requests.length}-request suite\n  median ${formatMs(median(suiteSamples)).padStart(9)}  p95 ${formatMs(percentile(suiteSamples, 95)).padStart(9)}  (a frame is 16 ms)`,
  );
  if (sink < 0) console.log(sink);
}
