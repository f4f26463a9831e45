/**
 * Perimeter soundness of the generator: random perimeter configurations built from the real
 * catalog, the policy `generate()` makes for them, and requests from the four corners of the
 * perimeter, evaluated with the request simulator.
 *
 * The properties, for every configuration:
 * 1. a principal outside the organization (not a listed third party, not a service principal;
 *    anonymous callers included) reaching a resource outside the organization is denied;
 * 2. a principal of the organization reaching a resource of the organization is allowed exactly
 *    when AllowRequestsByOrgsIdentitiesToOrgsResources is selected, or when
 *    AllowRequestsByOrgsIdentitiesToAnyResources is selected and the principal carries the
 *    exclusion tag (key in any case, as condition keys are; value exactly);
 * 3. the exclusion statement never applies to a principal outside the organization, whatever
 *    its tags, and whatever the resource;
 * 4. an AWS service principal reaching a customer resource is allowed exactly when
 *    AllowRequestsByAWSServicePrincipals is selected, or when the request is SAML or web identity
 *    federation to a role of the organization and the STS federation statement is in the policy
 *    (that statement admits any caller, since these calls are unsigned, but only for the two
 *    federation actions and only on resources of the organization, so property 1 still holds).
 *
 * "Outside" and "customer" resources are built so that no other statement can legitimately
 * name them: bucket names and resource types that no AWS-owned pattern covers, and accounts
 * that are in no catalog account table and in no third-party list (both checked below). The
 * AWS-owned and third-party statements are therefore never a legitimate reason for an allow
 * here, which is what lets the properties be exact.
 *
 * `npm test` runs a fixed-seed sample; SOUNDNESS_CONFIGS=10000 runs the full size.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { catalog } from '../catalog/catalog';
import { STATEMENT_SIDS, type StatementSid } from '../catalog/ids';
import { perimeterConfigSchema, type PerimeterConfigDocument } from '../config/schema';
import { generate } from '../generate/generate';
import { selectedStatements } from '../generate/selection';
import { compilePolicy, evaluate } from './evaluate';
import type { RequestPrincipal, SimulatedRequest } from '../config/request-schema';
import { testConfig, testServiceId } from '../catalog/ids.testing';

const CONFIGS = Number(process.env.SOUNDNESS_CONFIGS ?? 200);
const SEED = Number(process.env.SOUNDNESS_SEED ?? 20_250_611);

const OUR_ORGS = ['o-a1b2c3d4e5', 'o-f6g7h8i9j0'] as const;
const OTHER_ORGS = ['o-zzzzzzzzzz', 'o-other00000'] as const;
const OUR_ACCOUNTS = ['111122223333', '444455556666'] as const;
const OUTSIDE_ACCOUNTS = ['777788889999', '123456789012'] as const;
const THIRD_PARTY_ACCOUNTS = ['210987654321', '555566667777'] as const;
const OUR_BUCKETS = ['acme-data', 'acme-logs'] as const;
const OUTSIDE_BUCKETS = ['personal-photos', 'exfil-drop'] as const;
const EXCLUSION_TAGS = [
  { key: 'dp:exclude:resource', value: 'true' },
  { key: 'team', value: 'break-glass' },
  { key: 'Exclude', value: '' },
] as const;
const TAG_KEYS = [
  'dp:exclude:resource',
  'DP:Exclude:Resource',
  'team',
  'Exclude',
  'project',
] as const;
const TAG_VALUES = ['true', 'TRUE', 'break-glass', '', 'x'] as const;

const pick = <T>(values: readonly T[]) => fc.constantFrom(...values);
const subset = <T>(values: readonly T[], min = 0) => fc.subarray([...values], { minLength: min });

const servicesWithPatterns = [...new Set(catalog.patterns.flatMap((p) => p.services))].filter(
  (id) => catalog.service(id),
);
/** Services with patterns of the two statements for AWS-owned resources. */
const servicesWithAwsOwnedPatterns = [
  ...new Set(
    catalog.patterns
      .filter(
        (p) =>
          p.statement === 'AllowRequestsToAWSOwnedResources' ||
          p.statement === 'AllowRequestsByOrgsIdentitiesToAWSResources',
      )
      .flatMap((p) => p.services),
  ),
].filter((id) => catalog.service(id));
const FEDERATION_ACTIONS = ['sts:AssumeRoleWithSAML', 'sts:AssumeRoleWithWebIdentity'];
const FEDERATION_SID = 'AllowRequestsByOrgsIdentitiesToOrgsResourcesFederation';
const allServices = catalog.services.map((s) => s.id);
const regionCodes: string[] = catalog.regions.map((r) => r.code);

const thirdPartyArb = fc
  .record({
    accounts: subset(THIRD_PARTY_ACCOUNTS),
    actions: subset(['s3:GetObject', 's3:PutObject', 'sqs:SendMessage', '*'] as const),
    resources: subset([
      'arn:aws:s3:::partner-bucket/*',
      'arn:aws:s3:::partner-reports',
      '*',
    ] as const),
  })
  .map((block) => Object.fromEntries(Object.entries(block).filter(([, list]) => list.length > 0)));

const configArb: fc.Arbitrary<{ config: PerimeterConfigDocument; service: string }> = fc
  .record({
    service: fc.oneof(
      { weight: 5, arbitrary: fc.constant('s3') },
      { weight: 3, arbitrary: pick(servicesWithPatterns) },
      { weight: 2, arbitrary: pick(allServices) },
    ),
    orgs: subset(OUR_ORGS, 1),
    regions: fc.subarray(regionCodes, { minLength: 1, maxLength: 3 }),
    toggles: fc.dictionary(pick(STATEMENT_SIDS), fc.boolean()),
    perService: fc.option(fc.dictionary(pick(STATEMENT_SIDS), fc.boolean()), { nil: undefined }),
    patternToggles: fc.dictionary(pick(catalog.patterns.map((p) => p.id)), fc.boolean()),
    thirdParty: thirdPartyArb,
    orgThirdParty: thirdPartyArb,
    exclusionTag: fc.option(pick(EXCLUSION_TAGS), { nil: undefined }),
    lambdaLayerAccounts: subset(['999900001111'] as const),
  })
  .map(
    ({
      service,
      orgs,
      regions,
      toggles,
      perService,
      patternToggles,
      thirdParty,
      orgThirdParty,
      exclusionTag,
      lambdaLayerAccounts,
    }) => {
      const config: PerimeterConfigDocument = {
        version: 1,
        organizationIds: orgs,
        regions,
        services: [service],
        statements: toggles,
        dataAccessPatterns: patternToggles,
      };
      if (perService) config.serviceStatements = { [service]: perService };
      config.parameters = {
        thirdPartyIdentitiesToThirdPartyResources: thirdParty,
        orgIdentitiesToThirdPartyResources: orgThirdParty,
        ...(exclusionTag ? { exclusionTag: { ...exclusionTag } } : {}),
        ...(lambdaLayerAccounts.length > 0 ? { lambdaLayerAccounts } : {}),
      };
      return { config, service };
    },
  );

const tagsArb = fc
  .uniqueArray(fc.record({ key: pick(TAG_KEYS), value: pick(TAG_VALUES) }), {
    maxLength: 3,
    selector: (tag) => tag.key.toLowerCase(),
  })
  .map((tags) => Object.fromEntries(tags.map((t) => [t.key, t.value])));

type Side = 'ours' | 'outside';

interface Probe {
  principal: 'ours' | 'outsider' | 'anonymous' | 'service';
  resource: Side;
  tags: Record<string, string>;
  /** Whether the outsider also carries the configured exclusion tag, exactly. */
  exclusionTagged: boolean;
  account: number;
  org: number;
  bucket: number;
  actionChoice: number;
  region: string;
}

const probeArb: fc.Arbitrary<Probe> = fc.record({
  principal: pick(['ours', 'outsider', 'anonymous', 'service'] as const),
  resource: pick(['ours', 'outside'] as const),
  tags: tagsArb,
  exclusionTagged: fc.boolean(),
  account: fc.nat(1),
  org: fc.nat(2),
  bucket: fc.nat(1),
  actionChoice: fc.nat(3),
  region: pick(regionCodes),
});

/** A customer resource of the service: S3 objects, or a resource type no AWS-owned pattern names. */
function customerResource(
  service: string,
  side: Side,
  probe: Probe,
): { resource: string; account: string; action: string } {
  const account = (side === 'ours' ? OUR_ACCOUNTS : OUTSIDE_ACCOUNTS)[probe.account]!;
  const prefix = service.split('.')[0]!;
  const patternActions = catalog
    .patternsForService(testServiceId(service))
    .flatMap((p) => p.actions)
    .filter((a) => a !== '*');
  if (service === 's3') {
    const bucket = (side === 'ours' ? OUR_BUCKETS : OUTSIDE_BUCKETS)[probe.bucket]!;
    const actions = ['s3:GetObject', 's3:PutObject', 's3:DeleteObject', ...patternActions];
    return {
      resource: `arn:aws:s3:::${bucket}/reports/q1.csv`,
      account,
      action: actions[probe.actionChoice % actions.length]!,
    };
  }
  const actions = [
    `${prefix}:GetCustomerThing`,
    `${prefix}:PutCustomerThing`,
    ...patternActions.filter((a) => !a.includes('*')),
  ];
  const action = actions[probe.actionChoice % actions.length]!;
  // Federation assumes a role: its resource is the role of the resource's account.
  if (FEDERATION_ACTIONS.includes(action))
    return { resource: `arn:aws:iam::${account}:role/sign-in`, account, action };
  return {
    resource: `arn:aws:${prefix}:${probe.region}:${account}:customer-thing/data`,
    account,
    action,
  };
}

function withExclusionTag(
  tags: Record<string, string>,
  tag: { key: string; value: string },
): Record<string, string> {
  const others = Object.fromEntries(
    Object.entries(tags).filter(([key]) => key.toLowerCase() !== tag.key.toLowerCase()),
  );
  return { ...others, [tag.key]: tag.value };
}

function carriesExclusionTag(
  tags: Record<string, string> | undefined,
  tag: { key: string; value: string },
): boolean {
  return Object.entries(tags ?? {}).some(
    ([key, value]) => key.toLowerCase() === tag.key.toLowerCase() && value === tag.value,
  );
}

describe('perimeter soundness of the generated policies', () => {
  it('builds pool resources that no AWS-owned statement names, from accounts in no catalog table or third-party list', () => {
    const tableAccounts = new Set(
      catalog.accountTables.flatMap((t) => Object.values(t.accounts).flat()),
    );
    for (const account of [...OUR_ACCOUNTS, ...OUTSIDE_ACCOUNTS, '999900001111'])
      expect(tableAccounts.has(account)).toBe(false);
    for (const account of THIRD_PARTY_ACCOUNTS)
      expect([...OUR_ACCOUNTS, ...OUTSIDE_ACCOUNTS]).not.toContain(account);
    // Every AWS-owned resource of every pattern in every region, reduced to its Resource and
    // aws:ResourceAccount: none of them may cover a pool resource.
    const everything: PerimeterConfigDocument = {
      version: 1,
      organizationIds: [OUR_ORGS[0]],
      regions: regionCodes,
      services: servicesWithAwsOwnedPatterns,
      dataAccessPatterns: Object.fromEntries(catalog.patterns.map((p) => [p.id, true])),
      parameters: { lambdaLayerAccounts: ['999900001111'] },
    };
    for (const service of servicesWithAwsOwnedPatterns) {
      const awsOwned = generate(testConfig(everything), service)
        .policy.Statement.filter(
          (s) =>
            s.Sid.startsWith('AllowRequestsToAWSOwnedResources') ||
            s.Sid.startsWith('AllowRequestsByOrgsIdentitiesToAWSResources'),
        )
        .map((s) => {
          const accounts = s.Condition?.StringEquals?.['aws:ResourceAccount'];
          return {
            Sid: s.Sid,
            Effect: 'Allow',
            Principal: '*',
            Action: '*',
            Resource: s.Resource,
            ...(accounts
              ? { Condition: { StringEquals: { 'aws:ResourceAccount': accounts } } }
              : {}),
          };
        });
      expect(awsOwned.length, service).toBeGreaterThan(0);
      const policy = compilePolicy({ Version: '2012-10-17', Statement: awsOwned });
      for (const side of ['ours', 'outside'] as const) {
        for (const index of [0, 1]) {
          for (const region of regionCodes) {
            const { resource, account, action } = customerResource(service, side, {
              account: index,
              bucket: index,
              actionChoice: 0,
              region,
            } as Probe);
            const result = evaluate(policy, {
              principal: { type: 'anonymous' },
              action,
              resource,
              resourceAccount: account,
            });
            expect(result.decision, `${service}: ${resource}\n${result.summary}`).toBe(
              'ImplicitDeny',
            );
          }
        }
      }
    }
  });

  it(
    `holds for ${CONFIGS.toLocaleString('en-US')} random configurations (seed ${SEED})`,
    () => {
      const counts = {
        configs: 0,
        requests: 0,
        outsiderDenied: 0,
        insiderAllowed: 0,
        insiderDenied: 0,
        exclusionProbes: 0,
        serviceAllowed: 0,
        serviceDenied: 0,
        federationAllowed: 0,
      };
      const started = performance.now();
      fc.assert(
        fc.property(
          configArb,
          fc.array(probeArb, { minLength: 4, maxLength: 12 }),
          ({ config, service }, probes) => {
            expect(perimeterConfigSchema.safeParse(config).success).toBe(true);
            const generated = generate(testConfig(config), testServiceId(service));
            const policy = compilePolicy(generated.policy);
            const selected = new Set<StatementSid>(
              selectedStatements(testConfig(config), testServiceId(service), catalog),
            );
            const exclusionTag = config.parameters?.exclusionTag ?? {
              key: 'dp:exclude:resource',
              value: 'true',
            };
            counts.configs++;
            // The probes' roles are in the aws partition; the statement names each partition's roles.
            const federationCoversProbes = [
              generated.policy.Statement.find((s) => s.Sid === FEDERATION_SID)?.Resource ?? [],
            ]
              .flat()
              .includes('arn:aws:iam::*:role/*');
            for (const probe of probes) {
              const target = customerResource(service, probe.resource, probe);
              const resourceOrg =
                probe.resource === 'ours'
                  ? config.organizationIds[probe.org % config.organizationIds.length]!
                  : [OTHER_ORGS[0], OTHER_ORGS[1], null][probe.org]!;
              let principal: RequestPrincipal;
              if (probe.principal === 'ours') {
                const account = OUR_ACCOUNTS[probe.account]!;
                principal = {
                  type: 'iam',
                  account,
                  arn: `arn:aws:iam::${account}:role/app`,
                  organizationId:
                    config.organizationIds[probe.org % config.organizationIds.length]!,
                  tags: probe.tags,
                };
              } else if (probe.principal === 'outsider') {
                const account = OUTSIDE_ACCOUNTS[probe.account]!;
                const tags = probe.exclusionTagged
                  ? withExclusionTag(probe.tags, exclusionTag)
                  : probe.tags;
                principal = {
                  type: 'iam',
                  account,
                  arn: `arn:aws:iam::${account}:user/someone`,
                  organizationId: [OTHER_ORGS[0], OTHER_ORGS[1], null][probe.org]!,
                  tags,
                };
              } else if (probe.principal === 'service') {
                principal = { type: 'service', service: 'cloudformation.amazonaws.com' };
              } else {
                principal = { type: 'anonymous' };
              }
              const request: SimulatedRequest = {
                principal,
                action: target.action,
                resource: target.resource,
                resourceAccount: target.account,
                resourceOrganizationId: resourceOrg,
              };
              const result = evaluate(policy, request);
              const describe = () =>
                `${result.summary}\n${JSON.stringify(request)}\n${result.statements.map((s) => `  ${s.sid}: ${s.applies ? 'applies' : s.failure?.message}`).join('\n')}`;
              counts.requests++;

              // 3. The exclusion statement never admits an outsider, whatever its tags and the resource.
              if (probe.principal === 'outsider' || probe.principal === 'anonymous') {
                const exclusion = result.statements.find(
                  (s) => s.sid === 'AllowRequestsByOrgsIdentitiesToAnyResources',
                );
                expect(exclusion?.applies ?? false, describe()).toBe(false);
                if (probe.principal === 'outsider' && probe.exclusionTagged && exclusion)
                  counts.exclusionProbes++;
              }
              // 1. Outside principal, outside resource: denied.
              if (
                (probe.principal === 'outsider' || probe.principal === 'anonymous') &&
                probe.resource === 'outside'
              ) {
                expect(result.decision, describe()).not.toBe('Allowed');
                counts.outsiderDenied++;
              }
              // 2. Our principal, our resource: allowed exactly when a statement legitimately allows it.
              if (probe.principal === 'ours' && probe.resource === 'ours') {
                const expected =
                  selected.has('AllowRequestsByOrgsIdentitiesToOrgsResources') ||
                  (selected.has('AllowRequestsByOrgsIdentitiesToAnyResources') &&
                    carriesExclusionTag(
                      principal.type === 'iam' ? principal.tags : undefined,
                      exclusionTag,
                    ));
                expect(result.decision === 'Allowed', describe()).toBe(expected);
                if (expected) counts.insiderAllowed++;
                else counts.insiderDenied++;
              }
              // 5. Federation to a role of the organization works for unsigned callers whenever
              // the federation statement covers the role's partition.
              if (
                probe.principal === 'anonymous' &&
                probe.resource === 'ours' &&
                FEDERATION_ACTIONS.includes(target.action) &&
                federationCoversProbes
              ) {
                expect(result.decision, describe()).toBe('Allowed');
                counts.federationAllowed++;
              }
              // 4. A service principal reaches customer resources exactly when its statement is
              // selected, or through federation to a role of the organization.
              if (probe.principal === 'service') {
                const federation =
                  probe.resource === 'ours' &&
                  FEDERATION_ACTIONS.includes(target.action) &&
                  federationCoversProbes;
                expect(result.decision === 'Allowed', describe()).toBe(
                  selected.has('AllowRequestsByAWSServicePrincipals') || federation,
                );
                if (result.decision === 'Allowed') counts.serviceAllowed++;
                else counts.serviceDenied++;
              }
            }
          },
        ),
        { numRuns: CONFIGS, seed: SEED },
      );
      const seconds = (performance.now() - started) / 1000;
      console.log(
        `soundness: ${counts.configs} configurations, ${counts.requests} requests in ${seconds.toFixed(1)} s: ${JSON.stringify(counts)}`,
      );
      // Every branch of every property was exercised.
      for (const [name, count] of Object.entries(counts)) expect(count, name).toBeGreaterThan(0);
    },
    Math.max(60_000, CONFIGS * 20),
  );
});
