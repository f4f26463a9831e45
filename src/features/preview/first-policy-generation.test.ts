import { describe, expect, it } from 'vitest';
import { CONFIG_VERSION, type PerimeterConfigDocument } from '@/core/config/schema';
import { previewPolicy } from '@/state/preview-policy';
import { answerFirstPolicyRequest } from './first-policy-generation';
import { testConfig, testRegionCode, testServiceId } from '@/core/catalog/ids.testing';

const config: PerimeterConfigDocument = {
  version: CONFIG_VERSION,
  organizationIds: ['o-a1b2c3d4e5'],
  regions: ['us-east-1', 'eu-west-1'],
  services: ['s3'],
};

describe('answerFirstPolicyRequest', () => {
  it('answers with the text the preview panel shows for the same choices', () => {
    const answer = answerFirstPolicyRequest({
      config: testConfig(config),
      service: testServiceId('s3'),
      region: undefined,
      format: 'pretty-2',
    });
    expect(answer).toEqual({
      text: previewPolicy(testConfig(config), testServiceId('s3'), undefined, 'pretty-2').text,
    });
    expect('text' in answer && answer.text).toContain('"Statement"');
  });

  it('answers with the region of the per-region shape', () => {
    const answer = answerFirstPolicyRequest({
      config: testConfig(config),
      service: testServiceId('s3'),
      region: testRegionCode('eu-west-1'),
      format: 'minified',
    });
    expect(answer).toEqual({
      text: previewPolicy(
        testConfig(config),
        testServiceId('s3'),
        testRegionCode('eu-west-1'),
        'minified',
      ).text,
    });
  });

  it('answers with a failure, not an exception, when the engine cannot generate', () => {
    const answer = answerFirstPolicyRequest({
      config: testConfig(null as unknown as PerimeterConfigDocument),
      service: testServiceId('s3'),
      region: undefined,
      format: 'pretty-2',
    });
    expect(answer).toHaveProperty('failure');
  });
});
