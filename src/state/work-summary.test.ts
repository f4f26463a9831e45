import { describe, expect, it } from 'vitest';
import { testConfig } from '@/core/catalog/ids.testing';
import { defaultConfig } from './defaults';
import { describeWork } from './work-summary';

describe('describeWork', () => {
  it('lists the services and regions of the defaults and nothing else', () => {
    expect(describeWork(defaultConfig())).toEqual(['Endpoint services: s3', 'Regions: us-east-1']);
  });

  it('lists every kind of choice the configuration holds, saved requests included', () => {
    const lines = describeWork(
      testConfig({
        ...defaultConfig(),
        organizationIds: ['o-a1b2c3d4e5'],
        statements: { AllowRequestsByAWSServicePrincipals: false },
        serviceStatements: { s3: { AllowRequestsToAWSOwnedResources: false } },
        dataAccessPatterns: { 'amazon-linux-2-repositories': false },
        parameters: {
          orgIdentitiesToThirdPartyResources: { accounts: ['111122223333'] },
          exclusionTag: { key: 'team', value: 'x' },
        },
        output: { shape: 'per-region' },
        savedRequests: [
          { name: 'a', request: { action: 's3:GetObject', resource: 'arn:aws:s3:::b/k' } },
        ] as never,
      }),
    );
    expect(lines).toContain('Organization ID: o-a1b2c3d4e5');
    expect(lines).toContain(
      'Statement switches: 1 setting for every service, 1 setting for one service',
    );
    expect(lines).toContain('Data access patterns: 1 setting');
    expect(lines).toContain('Third-party lists: 1 value');
    expect(lines).toContain('Exclusion tag: team = x');
    expect(lines).toContain('Output: one policy per region');
    expect(lines).toContain('Saved requests of the request simulator: 1');
  });
});
