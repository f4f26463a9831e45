import { describe, expect, it } from 'vitest';
import { catalog } from '@/core/catalog/catalog';
import type { PerimeterConfigDocument } from '@/core/config/schema';
import { generate } from '@/core/generate/generate';
import { withBucketNames } from '@/core/config/config-edits';
import { accountNeeds, bucketNameNeeds, selectedPatternsOfStatement } from './account-needs';
import {
  testConfig,
  testPatternId,
  testRegionCode,
  testServiceId,
} from '@/core/catalog/ids.testing';

const config: PerimeterConfigDocument = {
  version: 1,
  organizationIds: ['o-a1b2c3d4e5'],
  regions: ['us-east-1', 'eu-west-1', 'ap-southeast-5'],
  services: ['s3', 'ecr.api'],
};

describe('accountNeeds', () => {
  it('names the same gaps as the generator', () => {
    const fromGenerator = new Set(
      ['s3', 'ecr.api'].flatMap((service) =>
        generate(testConfig(config), testServiceId(service))
          .diagnostics.filter((d) => d.code === 'generate/missing-account')
          .map((d) => d.path),
      ),
    );
    const fromNeeds = new Set(
      (
        ['AllowRequestsToAWSOwnedResources', 'AllowRequestsByOrgsIdentitiesToAWSResources'] as const
      ).flatMap((sid) =>
        accountNeeds(testConfig(config), sid, catalog).flatMap((need) =>
          need.missing.map((region) => `parameters.accountIds.${need.table.id}.${region}`),
        ),
      ),
    );
    expect(fromGenerator.size).toBeGreaterThan(0);
    expect(fromNeeds).toEqual(fromGenerator);
  });

  it('counts an account the user set as filled and shows it', () => {
    const [need] = accountNeeds(
      testConfig(config),
      'AllowRequestsByOrgsIdentitiesToAWSResources',
      catalog,
    ).filter((n) => n.missing.length > 0);
    expect(need).toBeDefined();
    const region = need!.missing[0]!;
    const filled: PerimeterConfigDocument = {
      ...config,
      parameters: { accountIds: { [need!.table.id]: { [region]: '123456789012' } } },
    };
    const after = accountNeeds(
      testConfig(filled),
      'AllowRequestsByOrgsIdentitiesToAWSResources',
      catalog,
    ).find((n) => n.table.id === need!.table.id)!;
    expect(after.missing).not.toContain(region);
    expect(after.regions.find((r) => r.region === region)?.own).toEqual(['123456789012']);
  });

  it('lists each selected pattern of a statement once', () => {
    const patterns = selectedPatternsOfStatement(
      testConfig(config),
      'AllowRequestsByOrgsIdentitiesToAWSResources',
      catalog,
    );
    expect(new Set(patterns.map((p) => p.id)).size).toBe(patterns.length);
    expect(
      patterns.every((p) => p.statement === 'AllowRequestsByOrgsIdentitiesToAWSResources'),
    ).toBe(true);
  });
});

describe('bucketNameNeeds', () => {
  const withCloud9: PerimeterConfigDocument = {
    ...config,
    dataAccessPatterns: { 'cloud9-dependencies': true },
  };

  it('names the same gaps as the generator, and none while the pattern is off', () => {
    expect(
      bucketNameNeeds(testConfig(config), 'AllowRequestsToAWSOwnedResources', catalog),
    ).toEqual([]);
    const fromGenerator = generate(testConfig(withCloud9), testServiceId('s3'))
      .diagnostics.filter(
        (d) =>
          d.code === 'generate/missing-parameter' && d.path?.startsWith('parameters.bucketNames'),
      )
      .map((d) => d.path);
    const [need] = bucketNameNeeds(
      testConfig(withCloud9),
      'AllowRequestsToAWSOwnedResources',
      catalog,
    );
    expect(need?.pattern.id).toBe('cloud9-dependencies');
    expect(need?.missing.map((r) => `parameters.bucketNames.cloud9-dependencies.${r}`)).toEqual(
      fromGenerator,
    );
  });

  it('counts a name the user set, and drops it again when emptied', () => {
    const filled = withBucketNames(
      testConfig(withCloud9),
      testPatternId('cloud9-dependencies'),
      testRegionCode('us-east-1'),
      ['static-us-east-1-prod-static-abc123'],
    );
    const [need] = bucketNameNeeds(filled, 'AllowRequestsToAWSOwnedResources', catalog);
    expect(need?.missing).toEqual(['ap-southeast-5', 'eu-west-1']);
    expect(need?.regions.find((r) => r.region === 'us-east-1')).toEqual({
      region: 'us-east-1',
      own: ['static-us-east-1-prod-static-abc123'],
    });
    const emptied = withBucketNames(
      filled,
      testPatternId('cloud9-dependencies'),
      testRegionCode('us-east-1'),
      [],
    );
    expect(emptied.parameters?.bucketNames).toBeUndefined();
  });
});
