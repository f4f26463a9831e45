import { describe, expect, it } from 'vitest';
import type { PerimeterConfigDocument } from '@/core/config/schema';
import { generate } from '@/core/generate/generate';
import { previewPolicy } from './preview-policy';
import { testConfig, testRegionCode, testServiceId } from '@/core/catalog/ids.testing';

const config: PerimeterConfigDocument = {
  version: 1,
  organizationIds: ['o-a1b2c3d4e5'],
  regions: ['us-east-1', 'eu-west-1'],
  services: ['s3', 'ec2'],
};

describe('previewPolicy', () => {
  it('is the engine policy of the service, for all regions or one', () => {
    expect(previewPolicy(testConfig(config), testServiceId('s3'), undefined, 'pretty-2').text).toBe(
      generate(testConfig(config), testServiceId('s3')).text,
    );
    expect(
      previewPolicy(
        testConfig(config),
        testServiceId('s3'),
        testRegionCode('eu-west-1'),
        'minified',
      ).text,
    ).toBe(
      generate(testConfig(config), testServiceId('s3'), {
        regions: [testRegionCode('eu-west-1')],
        format: 'minified',
      }).text,
    );
  });

  it('is memoized per configuration, service, region and format', () => {
    const first = previewPolicy(testConfig(config), testServiceId('ec2'), undefined, 'pretty-2');
    expect(previewPolicy(testConfig(config), testServiceId('ec2'), undefined, 'pretty-2')).toBe(
      first,
    );
    expect(previewPolicy(testConfig(config), testServiceId('ec2'), undefined, 'minified')).not.toBe(
      first,
    );
    expect(
      previewPolicy(testConfig({ ...config }), testServiceId('ec2'), undefined, 'pretty-2'),
    ).not.toBe(first);
  });
});
