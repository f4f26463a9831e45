import { describe, expect, it } from 'vitest';
import type { PerimeterConfigDocument } from '../config/schema';
import { generate } from '../generate/generate';
import type { SavedRequest } from '../config/request-schema';
import { perimeterScenarios, savedRequestOf } from './scenarios';
import {
  endpointPolicyFor,
  parseSavedRequests,
  runSavedRequests,
  runSavedRequestsAgainstConfig,
  summarizeSuite,
} from './suite';
import { testConfig, testRegionCode, testServiceId } from '../catalog/ids.testing';

const ORG = 'o-a1b2c3d4e5';

const config: PerimeterConfigDocument = {
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

describe('ready-made requests in a suite', () => {
  it('pass as saved, and are flagged by a change of choices that turns their verdict', () => {
    const saved = perimeterScenarios(testConfig(config), { service: testServiceId('s3') }).map(
      savedRequestOf,
    );
    expect(summarizeSuite(runSavedRequestsAgainstConfig(testConfig(config), saved)).failed).toBe(0);
    const narrower: PerimeterConfigDocument = {
      ...config,
      statements: {
        AllowRequestsByAWSServicePrincipals: false,
        AllowRequestsByOrgsIdentitiesToAnyResources: false,
      },
      dataAccessPatterns: { 'amazon-linux-2023-repositories': false },
    };
    const summary = summarizeSuite(runSavedRequestsAgainstConfig(testConfig(narrower), saved));
    expect(summary).toMatchObject({ total: saved.length, failed: 3 });
    expect(summary.failures.map((f) => f.name)).toEqual([
      'An EC2 instance downloads Amazon Linux 2023 packages without credentials',
      'CloudFormation answers a custom resource with its own service principal',
      'A principal with the exclusion tag writes to a bucket outside the organization',
    ]);
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
    expect(endpointPolicyFor(testConfig(config), testServiceId('s3')).regions).toEqual([
      'eu-west-1',
      'us-east-1',
    ]);
    expect(
      endpointPolicyFor(
        testConfig({ ...config, output: { shape: 'per-region' } }),
        testServiceId('s3'),
      ).regions,
    ).toEqual(['eu-west-1']);
    expect(
      endpointPolicyFor(
        testConfig({ ...config, output: { shape: 'per-region' } }),
        testServiceId('s3'),
        testRegionCode('us-east-1'),
      ).regions,
    ).toEqual(['us-east-1']);
    const perRegion: PerimeterConfigDocument = { ...config, output: { shape: 'per-region' } };
    expect(runSavedRequestsAgainstConfig(testConfig(perRegion), [saved])[0]!.passed).toBe(true);
    expect(
      runSavedRequestsAgainstConfig(testConfig(perRegion), [{ ...saved, region: 'us-east-1' }])[0]!
        .result.decision,
    ).toBe('ImplicitDeny');
    // One document for all regions holds both regions' repositories.
    expect(
      runSavedRequestsAgainstConfig(testConfig(config), [{ ...saved, region: 'us-east-1' }])[0]!
        .result.decision,
    ).toBe('Allowed');
  });

  it('run against any policy, compiled once per policy', () => {
    const text = generate(testConfig(config), testServiceId('s3')).text;
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
