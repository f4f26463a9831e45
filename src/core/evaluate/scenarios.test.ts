import { describe, expect, it } from 'vitest';
import { catalog } from '../catalog/catalog';
import { STATEMENT_SIDS } from '../catalog/ids';
import type { PerimeterConfigDocument } from '../config/schema';
import { generate } from '../generate/generate';
import { evaluate } from './evaluate';
import { PLACEHOLDER_PATTERN, readyMadeFileSchema } from './ready-made-schema';
import { savedRequestSchema } from '../config/request-schema';
import {
  buildReadyMadeRequest,
  perimeterScenarios,
  readyMadeRequestsFile,
  readyMadeSpecsFor,
  savedRequestOf,
  servicesWithReadyMadeRequests,
  templateOf,
  type PerimeterScenario,
} from './scenarios';
import { testConfig, testPatternId, testRegionCode, testServiceId } from '../catalog/ids.testing';

const ORG = 'o-a1b2c3d4e5';
/** A commercial region, a newer one, both China regions' first, and GovCloud. */
const REGIONS = ['us-east-1', 'eu-west-1', 'ap-southeast-7', 'cn-north-1', 'us-gov-west-1'];

const specs = Object.entries(readyMadeRequestsFile.templates).flatMap(([template, list]) =>
  list.map((spec) => ({ template, spec })),
);

const defaultChoices = (service: string, region: string): PerimeterConfigDocument => ({
  version: 1,
  organizationIds: [ORG],
  regions: [region],
  services: [service],
});

/** Evaluates a built request against the policy the configuration generates for its endpoint. */
function verdictOf(config: PerimeterConfigDocument, scenario: PerimeterScenario) {
  const policy = generate(testConfig(config), testServiceId(scenario.service), {
    regions: [testRegionCode(scenario.region!)],
  });
  return { policy, result: evaluate(policy.text, scenario.request) };
}

/** Checks the verdict the choices call for against the generated policy, deciding statement included. */
function expectDecidedAsClaimed(
  config: PerimeterConfigDocument,
  scenario: PerimeterScenario,
): void {
  const { policy, result } = verdictOf(config, scenario);
  const where = `${scenario.id} in ${scenario.region} (${scenario.expectation})`;
  expect(result.decision, where).toBe(scenario.expect);
  if (scenario.expect !== 'Allowed') return;
  const deciding = result.deciding.map((s) => s.sid);
  expect(deciding, where).toContain(scenario.admittedBy!.sid);
  if (scenario.admittedBy!.pattern) {
    const provenance = policy.statements.filter((s) => deciding.includes(s.sid));
    expect(
      provenance.some((s) => s.patterns.includes(testPatternId(scenario.admittedBy!.pattern!))),
      where,
    ).toBe(true);
  }
}

describe('the ready-made requests file', () => {
  it('matches its schema', () => {
    const parsed = readyMadeFileSchema.safeParse(readyMadeRequestsFile);
    expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
  });

  it('has requests for every template of the catalog, each going through a service of its template', () => {
    expect(Object.keys(readyMadeRequestsFile.templates).sort()).toEqual(
      catalog.templates.map((t) => t.id).sort(),
    );
    for (const { template, spec } of specs) {
      expect(catalog.service(spec.service), spec.id).toBeDefined();
      expect(templateOf(spec.service), spec.id).toBe(template);
    }
    const ids = specs.map(({ spec }) => spec.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('names only known placeholders, patterns with accounts, and patterns of the catalog (but the pending federation one)', () => {
    const unknownPatterns = new Set<string>();
    for (const { spec } of specs) {
      for (const match of JSON.stringify(spec.request).matchAll(PLACEHOLDER_PATTERN)) {
        const name = match[1]!;
        if (name.startsWith('account:'))
          expect(
            catalog.pattern(testPatternId(name.slice(8)))?.accounts,
            `${spec.id}: ${name}`,
          ).toBeDefined();
      }
      for (const admission of spec.allowedBy)
        if ('pattern' in admission && !catalog.pattern(testPatternId(admission.pattern)))
          unknownPatterns.add(admission.pattern);
      // Building fails on an unknown placeholder.
      expect(() =>
        buildReadyMadeRequest(
          spec,
          testConfig(defaultChoices(spec.service, 'us-east-1')),
          'us-east-1',
        ),
      ).not.toThrow();
    }
    expect([...unknownPatterns]).toEqual([]);
  });
});

describe('ready-made requests', () => {
  it('are valid saved requests in every partition', () => {
    for (const { spec } of specs)
      for (const region of REGIONS) {
        const scenario = buildReadyMadeRequest(
          spec,
          testConfig(defaultChoices(spec.service, region)),
          region,
        );
        const parsed = savedRequestSchema.safeParse(savedRequestOf(scenario));
        expect(parsed.success ? [] : parsed.error.issues, `${spec.id} in ${region}`).toEqual([]);
      }
  });

  it('under the default choices get the verdict written beside them, from the statement they name, in every partition', () => {
    for (const { spec } of specs) {
      const written = spec.defaultVerdict;
      for (const region of REGIONS) {
        const config = defaultChoices(spec.service, region);
        const scenario = buildReadyMadeRequest(spec, testConfig(config), region);
        if (
          spec.id === 'eks-node-pulls-add-on-image' &&
          !catalog.accountTable('eks-add-ons')?.accounts[testRegionCode(region)]
        ) {
          // No registry account is known there: the policy keeps a placeholder, and the expectation says so.
          expect(scenario.expect).toBe('ImplicitDeny');
          expect(scenario.expectation).toContain(`is known for ${region}`);
        } else {
          expect(scenario.expect, `${spec.id} in ${region}`).toBe(written);
        }
        expectDecidedAsClaimed(config, scenario);
      }
    }
  });

  it('follow the choices: each statement or pattern turned off, third parties listed, no organization id', () => {
    const parameters: PerimeterConfigDocument['parameters'] = {
      thirdPartyIdentitiesToThirdPartyResources: {
        accounts: ['210987654321'],
        actions: ['s3:Get*'],
        resources: ['arn:aws:s3:::partner-exchange/*'],
      },
      orgIdentitiesToThirdPartyResources: {
        accounts: ['210987654321'],
        actions: ['s3:PutObject'],
        resources: ['arn:aws:s3:::partner-inbox/*'],
      },
      exclusionTag: { key: 'team', value: 'break-glass' },
      lambdaLayerAccounts: ['580247275435'],
    };
    for (const { spec } of specs) {
      const base = defaultChoices(spec.service, 'eu-west-1');
      const variants: PerimeterConfigDocument[] = [
        { ...base, parameters },
        { ...base, organizationIds: [] },
        ...STATEMENT_SIDS.map((sid) => ({ ...base, parameters, statements: { [sid]: false } })),
        ...spec.allowedBy
          .filter((a) => 'pattern' in a)
          .map((a) => ({
            ...base,
            parameters,
            dataAccessPatterns: { [(a as { pattern: string }).pattern]: false },
          })),
      ];
      for (const config of variants)
        expectDecidedAsClaimed(
          config,
          buildReadyMadeRequest(spec, testConfig(config), 'eu-west-1'),
        );
    }
  });

  it('say why a request is denied in words about the choices, never that a choice is wrong', () => {
    const [al2023] = perimeterScenarios(
      testConfig({
        ...defaultChoices('s3', 'us-east-1'),
        dataAccessPatterns: { 'amazon-linux-2023-repositories': false },
      }),
      { service: testServiceId('s3') },
    ).filter((s) => s.id === 'al2023-packages-without-credentials');
    expect(al2023).toMatchObject({ expect: 'ImplicitDeny' });
    expect(al2023!.expectation).toBe(
      'Denied with your choices: the data access pattern "Amazon Linux 2023 package repositories" is off.',
    );
    const noOrg = perimeterScenarios(
      testConfig({ ...defaultChoices('s3', 'us-east-1'), organizationIds: [] }),
      { service: testServiceId('s3') },
    );
    expect(noOrg[0]!.expectation).toBe('Denied with your choices: no organization id is set yet.');
    const outside = noOrg.find((s) => s.id === 'org-role-writes-personal-bucket')!;
    expect(outside.expectation).toBe(
      'A data perimeter keeps this out: no statement is meant to let it through.',
    );
    for (const scenario of perimeterScenarios(testConfig(defaultChoices('s3', 'us-east-1')), {
      service: testServiceId('s3'),
    }))
      expect(scenario.expectation).not.toMatch(/\b(sound|wrong|unsafe|should)\b/i);
  });

  it('use the configured exclusion tag and third parties, and the region, partition and registry account asked for', () => {
    const config: PerimeterConfigDocument = {
      ...defaultChoices('s3', 'cn-north-1'),
      parameters: {
        exclusionTag: { key: 'team', value: 'break-glass' },
        thirdPartyIdentitiesToThirdPartyResources: {
          accounts: ['210987654321'],
          actions: ['s3:*'],
          resources: ['*', 'arn:aws-cn:s3:::partner-exchange/*'],
        },
      },
    };
    const china = perimeterScenarios(testConfig(config), { service: testServiceId('s3') });
    expect(
      china.find((s) => s.id === 'al2023-packages-without-credentials')!.request.resource,
    ).toBe(
      'arn:aws-cn:s3:::al2023-repos-cn-north-1-de612dc2/core/mirrors/latest/x86_64/mirror.list',
    );
    expect(
      china.find((s) => s.id === 'tagged-exclusion-principal')!.request.principal,
    ).toMatchObject({
      tags: { team: 'break-glass' },
    });
    expect(china.find((s) => s.id === 'trusted-third-party')!.request).toMatchObject({
      action: 's3:Any',
      resource: 'arn:aws-cn:s3:::partner-exchange/shared',
    });
    const eks = perimeterScenarios(testConfig(defaultChoices('ecr.dkr', 'eu-west-1')), {
      service: testServiceId('ecr.dkr'),
    }).find((s) => s.id === 'eks-node-pulls-add-on-image')!;
    const account = catalog.accountTable('eks-add-ons')!.accounts[testRegionCode('eu-west-1')]![0]!;
    expect(eks.request.resource).toBe(`arn:aws:ecr:eu-west-1:${account}:repository/eks/coredns`);
  });

  it('exist for every service of a template of its own, and for the default template', () => {
    const services = servicesWithReadyMadeRequests();
    for (const template of catalog.templates)
      expect(
        services.some((s) => templateOf(s) === template.id),
        template.id,
      ).toBe(true);
    expect(services).toEqual(
      expect.arrayContaining(['s3', 'ecr.dkr', 'ssm', 'sts', 'kms', 'sqs', 'logs']),
    );
    // Every service with a template of its own has requests of its own.
    for (const service of catalog.services.filter((s) => s.template !== 'default'))
      expect(readyMadeSpecsFor(service.id).length, service.id).toBeGreaterThan(0);
    expect(readyMadeSpecsFor(testServiceId('access-analyzer'))).toEqual([]);
    // Without a service named: those of every selected service, in catalog order.
    const both = perimeterScenarios(
      testConfig({
        ...defaultChoices('s3', 'us-east-1'),
        services: [testServiceId('kms'), testServiceId('s3')],
      }),
    );
    expect([...new Set(both.map((s) => s.service))]).toEqual(
      ['kms', 's3'].sort(
        (a, b) => catalog.serviceIndex(testServiceId(a)) - catalog.serviceIndex(testServiceId(b)),
      ),
    );
  });
});
