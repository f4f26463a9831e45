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
  it('uses the format of encodeConfigForUrl', async () => {
    expect(SHARE_FRAGMENT_PREFIX).toBe(SHARE_PREFIX);
    expect(MAX_SHARE_FRAGMENT_LENGTH).toBe(MAX_SHARE_LENGTH);
    const fragment = `#${encodeConfigForUrl(config)}`;
    expect(carriesConfiguration(fragment)).toBe(true);
    expect(await readShareFragment(fragment)).toEqual({ value: config, diagnostics: [] });
  });

  it('returns the value unvalidated, as decodeConfigFromUrl would see it before validation', async () => {
    const bad = { ...config, organizationIds: ['not-an-org'] };
    const fragment = encodeConfigForUrl(bad as PerimeterConfig);
    expect((await readShareFragment(fragment)).value).toEqual(bad);
    expect(decodeConfigFromUrl(fragment).config).toBeUndefined();
  });

  it('explains damaged links the way decodeConfigFromUrl does', async () => {
    const fragment = encodeConfigForUrl(config);
    const cases = ['#nothing-here', fragment.slice(0, fragment.length - 12), `${SHARE_PREFIX}!!!!`, `${SHARE_PREFIX}${'A'.repeat(MAX_SHARE_LENGTH)}`];
    for (const input of cases) {
      const reading = await readShareFragment(input);
      expect(reading.value).toBeUndefined();
      expect(reading.diagnostics.map((d) => d.message)).toEqual(decodeConfigFromUrl(input).diagnostics.map((d) => d.message));
    }
    expect(carriesConfiguration('#section-2')).toBe(false);
  });

  it('reads a configuration with non-ASCII text and refuses what is not UTF-8', async () => {
    const tagged = { ...config, parameters: { exclusionTag: { key: 'équipe:exempt', value: 'oui' } } };
    expect((await readShareFragment(encodeConfigForUrl(tagged))).value).toEqual(tagged);
    const { deflateSync } = await import('fflate');
    const latin1 = btoa(String.fromCharCode(...deflateSync(new Uint8Array([0x7b, 0xe9, 0x7d])))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    expect((await readShareFragment(`${SHARE_PREFIX}${latin1}`)).value).toBeUndefined();
  });
});
