import { describe, expect, it } from 'vitest';
import type { PerimeterConfig } from '@/core/config/schema';
import { generate } from '@/core/generate/generate';
import { previewPolicy } from './preview-policy';

const config: PerimeterConfig = {
  version: 1,
  organizationIds: ['o-a1b2c3d4e5'],
  regions: ['us-east-1', 'eu-west-1'],
  services: ['s3', 'ec2'],
};

describe('previewPolicy', () => {
  it('is the engine policy of the service, for all regions or one', () => {
    expect(previewPolicy(config, 's3', undefined, 'pretty-2').text).toBe(
      generate(config, 's3').text,
    );
    expect(previewPolicy(config, 's3', 'eu-west-1', 'minified').text).toBe(
      generate(config, 's3', { regions: ['eu-west-1'], format: 'minified' }).text,
    );
  });

  it('is memoized per configuration, service, region and format', () => {
    const first = previewPolicy(config, 'ec2', undefined, 'pretty-2');
    expect(previewPolicy(config, 'ec2', undefined, 'pretty-2')).toBe(first);
    expect(previewPolicy(config, 'ec2', undefined, 'minified')).not.toBe(first);
    expect(previewPolicy({ ...config }, 'ec2', undefined, 'pretty-2')).not.toBe(first);
  });
});
