import { describe, expect, it } from 'vitest';
import { carriesConfiguration, MAX_SHARE_FRAGMENT_LENGTH, readShareFragment, SHARE_FRAGMENT_PREFIX } from './share-fragment';
import { decodeConfigFromUrl, encodeConfigForUrl, MAX_SHARE_LENGTH, SHARE_PREFIX } from './share';
import type { PerimeterConfig } from './schema';

const config: PerimeterConfig = {
  version: 1,
  organizationIds: ['o-a1b2c3d4e5'],
  regions: ['us-east-1', 'eu-west-1'],
  services: ['s3', 'ec2'],
  statements: { AllowRequestsByThirdPartyIdentitiesToThirdPartyResources: false },
  parameters: { exclusionTag: { key: 'team:exempt', value: 'yes' } },
};

describe('readShareFragment', () => {
  it('uses the format of encodeConfigForUrl', () => {
    expect(SHARE_FRAGMENT_PREFIX).toBe(SHARE_PREFIX);
    expect(MAX_SHARE_FRAGMENT_LENGTH).toBe(MAX_SHARE_LENGTH);
    const fragment = `#${encodeConfigForUrl(config)}`;
    expect(carriesConfiguration(fragment)).toBe(true);
    expect(readShareFragment(fragment)).toEqual({ value: config, diagnostics: [] });
  });

  it('returns the value unvalidated, as decodeConfigFromUrl would see it before validation', () => {
    const bad = { ...config, organizationIds: ['not-an-org'] };
    const fragment = encodeConfigForUrl(bad as PerimeterConfig);
    expect(readShareFragment(fragment).value).toEqual(bad);
    expect(decodeConfigFromUrl(fragment).config).toBeUndefined();
  });

  it('explains damaged links the way decodeConfigFromUrl does', () => {
    const fragment = encodeConfigForUrl(config);
    const cases = ['#nothing-here', fragment.slice(0, fragment.length - 12), `${SHARE_PREFIX}!!!!`, `${SHARE_PREFIX}${'A'.repeat(MAX_SHARE_LENGTH)}`];
    for (const input of cases) {
      const reading = readShareFragment(input);
      expect(reading.value).toBeUndefined();
      expect(reading.diagnostics.map((d) => d.message)).toEqual(decodeConfigFromUrl(input).diagnostics.map((d) => d.message));
    }
    expect(carriesConfiguration('#section-2')).toBe(false);
  });
});
