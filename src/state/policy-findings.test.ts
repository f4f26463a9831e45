import { describe, expect, it } from 'vitest';
import { testConfig } from '@/core/catalog/ids.testing';
import { choicesFindingsJob } from './policy-findings';

describe('the findings of the choices', () => {
  it('counts what each service needs in each region, apart from what other services need there', () => {
    const config = testConfig({
      version: 1,
      organizationIds: ['o-a1b2c3d4e5'],
      regions: ['us-east-1', 'ap-southeast-2'],
      services: ['kms', 's3'],
      output: { shape: 'per-region' },
      statements: {
        AllowRequestsByThirdPartyIdentitiesToThirdPartyResources: false,
        AllowRequestsByOrgsIdentitiesToThirdPartyResources: false,
      },
    });
    const job = choicesFindingsJob(config);
    let result = job.step(() => true);
    while (!result) result = job.step(() => true);
    const region = 'ap-southeast-2';
    const all = result.byRegion.get(region)!;
    const s3 = result.byServiceRegion.get('s3')?.get(region);
    const kms = result.byServiceRegion.get('kms')?.get(region);
    // What the region needs is s3's; the kms policy there has nothing to fill.
    expect(all.toFill + all.errors).toBeGreaterThan(0);
    expect(s3).toEqual(all);
    expect(kms?.toFill ?? 0).toBe(0);
    expect(kms?.errors ?? 0).toBe(0);
  });
});
