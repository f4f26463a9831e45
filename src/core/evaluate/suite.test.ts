import { describe, expect, it } from 'vitest';
import type { PerimeterConfig } from '../config/schema';
import { generate } from '../generate/generate';
import { savedRequestSchema, type SavedRequest } from './request-schema';
import { perimeterScenarios, savedRequestOf } from './scenarios';
import {
  endpointPolicyFor,
  parseSavedRequests,
  runSavedRequests,
  runSavedRequestsAgainstConfig,
  summarizeSuite,
} from './suite';

const ORG = 'o-a1b2c3d4e5';

const config: PerimeterConfig = {
  version: 1,
  organizationIds: [ORG],
  regions: ['us-east-1', 'eu-west-1'],
  services: ['s3', 'ecr.api'],
  parameters: {
    thirdPartyIdentitiesToThirdPartyResources: {
      accounts: ['210987654321'],
      actions: ['s3:GetObject'],
      resources: ['arn:aws:s3:::partner-exchange/*'],
    },
    orgIdentitiesToThirdPartyResources: {
      accounts: ['210987654321'],
      actions: ['s3:PutObject'],
      resources: ['arn:aws:s3:::partner-inbox/*'],
    },
    exclusionTag: { key: 'team', value: 'break-glass' },
  },
};

describe('ready-made perimeter scenarios', () => {
  it('are valid saved requests', () => {
    for (const scenario of perimeterScenarios(config))
      expect(savedRequestSchema.safeParse(savedRequestOf(scenario)).success, scenario.id).toBe(
        true,
      );
  });

  it('get the verdict a sound perimeter gives from the policies the configuration generates', () => {
    const scenarios = perimeterScenarios(config);
    expect(scenarios.map((s) => s.id)).toEqual([
      'org-role-reads-org-bucket',
      'org-role-writes-personal-bucket',
      'personal-credentials-on-our-network',
      'al2023-packages-without-credentials',
      'eks-node-pulls-add-on-image',
      'aws-service-principal',
      'tagged-exclusion-principal',
      'trusted-third-party',
    ]);
    const outcomes = runSavedRequestsAgainstConfig(config, scenarios.map(savedRequestOf));
    expect(
      outcomes.filter((o) => !o.passed).map((o) => `${o.saved.name}: ${o.result.summary}`),
    ).toEqual([]);
    // The tag scenario uses the configured exclusion tag.
    expect(
      scenarios.find((s) => s.id === 'tagged-exclusion-principal')!.request.principal,
    ).toMatchObject({ tags: { team: 'break-glass' } });
  });

  it('flag what a change of choices breaks', () => {
    const saved = perimeterScenarios(config).map(savedRequestOf);
    const narrower: PerimeterConfig = {
      ...config,
      statements: {
        AllowRequestsByAWSServicePrincipals: false,
        AllowRequestsByOrgsIdentitiesToAnyResources: false,
      },
      dataAccessPatterns: { 'amazon-linux-2023-repositories': false },
    };
    const summary = summarizeSuite(runSavedRequestsAgainstConfig(narrower, saved));
    expect(summary).toMatchObject({ total: 8, passed: 5, failed: 3 });
    expect(summary.failures.map((f) => f.name)).toEqual([
      'An EC2 instance downloads Amazon Linux 2023 packages without credentials',
      'CloudFormation answers a custom resource with its own service principal',
      'A principal with the exclusion tag writes to a bucket outside the organization',
    ]);
  });

  it('use the region asked for, its partition and its add-on registry', () => {
    const china = perimeterScenarios({ ...config, regions: ['cn-north-1'] });
    const al2023 = china.find((s) => s.id === 'al2023-packages-without-credentials')!;
    expect(al2023.request.resource).toBe(
      'arn:aws-cn:s3:::al2023-repos-cn-north-1-de612dc2/core/mirrors/latest/x86_64/mirror.list',
    );
    const eks = perimeterScenarios(config, { region: 'eu-west-1' }).find(
      (s) => s.id === 'eks-node-pulls-add-on-image',
    )!;
    expect(eks.request.resource).toMatch(/^arn:aws:ecr:eu-west-1:\d{12}:repository\/eks\/coredns$/);
  });
});

describe('saved requests', () => {
  const saved: SavedRequest = {
    name: 'anonymous reads an Amazon Linux 2023 package in eu-west-1',
    service: 's3',
    region: 'eu-west-1',
    request: {
      principal: { type: 'anonymous' },
      action: 's3:GetObject',
      resource: 'arn:aws:s3:::al2023-eu-west-1/x.rpm',
    },
    expect: 'Allowed',
  };

  it('go through the policy of their endpoint: per region when the output is per region', () => {
    expect(endpointPolicyFor(config, 's3').regions).toEqual(['eu-west-1', 'us-east-1']);
    expect(endpointPolicyFor({ ...config, output: { shape: 'per-region' } }, 's3').regions).toEqual(
      ['eu-west-1'],
    );
    expect(
      endpointPolicyFor({ ...config, output: { shape: 'per-region' } }, 's3', 'us-east-1').regions,
    ).toEqual(['us-east-1']);
    const perRegion: PerimeterConfig = { ...config, output: { shape: 'per-region' } };
    expect(runSavedRequestsAgainstConfig(perRegion, [saved])[0]!.passed).toBe(true);
    expect(
      runSavedRequestsAgainstConfig(perRegion, [{ ...saved, region: 'us-east-1' }])[0]!.result
        .decision,
    ).toBe('ImplicitDeny');
    // One document for all regions holds both regions' repositories.
    expect(
      runSavedRequestsAgainstConfig(config, [{ ...saved, region: 'us-east-1' }])[0]!.result
        .decision,
    ).toBe('Allowed');
  });

  it('run against any policy, compiled once per policy', () => {
    const text = generate(config, 's3').text;
    let asked = 0;
    const outcomes = runSavedRequests([saved, { ...saved, expect: 'ExplicitDeny' }], () => {
      asked++;
      return text;
    });
    expect(asked).toBe(2);
    expect(outcomes.map((o) => o.passed)).toEqual([true, false]);
  });

  it('are read from a list or from an object with savedRequests, with the path of each problem', () => {
    expect(parseSavedRequests([saved]).requests).toEqual([saved]);
    expect(parseSavedRequests({ savedRequests: [saved] }).requests).toEqual([saved]);
    expect(parseSavedRequests({ requests: [] }).diagnostics[0]!.message).toBe(
      'Expected a list of saved requests, or an object with a "savedRequests" list.',
    );
    const bad = parseSavedRequests({ savedRequests: [{ ...saved, expect: 'Maybe', extra: 1 }] });
    expect(bad.requests).toBeUndefined();
    expect(bad.diagnostics.map((d) => d.path)).toEqual(
      expect.arrayContaining(['savedRequests[0].expect', 'savedRequests[0].extra']),
    );
  });
});
