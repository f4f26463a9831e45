import { describe, expect, it } from 'vitest';
import { defaultConfig } from '@/state/defaults';
import { switchEffect } from './statement-list';
import { testConfig, testServiceId } from '@/core/catalog/ids.testing';

const sid = 'AllowRequestsByAWSServicePrincipals' as const;

describe('switchEffect', () => {
  it('says which policies a switch changes, by its scope', () => {
    const config = { ...defaultConfig(), services: ['s3', 'ec2'] };
    expect(switchEffect(testConfig(config), sid, 'this-service', testServiceId('s3'))).toBe(
      'Changes the s3 policy only.',
    );
    expect(switchEffect(testConfig(config), sid, 'template', testServiceId('s3'))).toMatch(
      /^Changes every service's policy: (ec2, s3|s3, ec2)\.$/,
    );
    expect(switchEffect(defaultConfig(), sid, 'every-service', testServiceId('s3'))).toBe(
      'Changes the s3 policy and those of services you add.',
    );
  });

  it('names the services that keep a setting of their own', () => {
    const config = {
      ...defaultConfig(),
      services: ['s3', 'ec2', 'sqs'],
      serviceStatements: { ec2: { [sid]: false } },
    };
    expect(switchEffect(testConfig(config), sid, 'every-service', testServiceId('s3'))).toMatch(
      /^Changes every service's policy: .+ \(not ec2: a setting of its own\)\.$/,
    );
  });
});
