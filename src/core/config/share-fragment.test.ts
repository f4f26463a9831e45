import { deflateSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  carriesConfiguration,
  MAX_SHARE_FRAGMENT_LENGTH,
  readShareFragment,
  SHARE_FRAGMENT_PREFIX,
} from './share-fragment';
import { encodeConfigForUrl, toBase64Url } from './share';
import { testConfig } from '../catalog/ids.testing';
import type { PerimeterConfigDocument } from './schema';

const config: PerimeterConfigDocument = {
  version: 1,
  organizationIds: ['o-a1b2c3d4e5'],
  regions: ['us-east-1', 'eu-west-1'],
  services: ['s3', 'ec2'],
  statements: { AllowRequestsByThirdPartyIdentitiesToThirdPartyResources: false },
  parameters: { exclusionTag: { key: 'team:exempt', value: 'yes' } },
};

describe('readShareFragment', () => {
  it('uses the format of encodeConfigForUrl', async () => {
    const fragment = `#${encodeConfigForUrl(testConfig(config))}`;
    expect(carriesConfiguration(fragment)).toBe(true);
    expect(await readShareFragment(fragment)).toEqual({ value: config, diagnostics: [] });
  });

  it('returns the value unvalidated', async () => {
    const bad = { ...config, organizationIds: ['not-an-org'] };
    expect(
      (await readShareFragment(encodeConfigForUrl(testConfig(bad as PerimeterConfigDocument))))
        .value,
    ).toEqual(bad);
  });

  it('refuses a link whose configuration is bigger than any configuration, before showing it', async () => {
    const services = Array.from({ length: 1_001 }, (_, i) => `service-${i}`);
    const long = await readShareFragment(encodeConfigForUrl(testConfig({ ...config, services })));
    expect(long.value).toBeUndefined();
    expect(long.diagnostics[0]?.message).toMatch(
      /1,001 items of one list .*; the limit is 1,000, so the link is refused/,
    );
    // Many values spread over short lists: 600 saved requests of 100 context keys each.
    const context = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`k${i}`, 'v']));
    const request = {
      principal: { type: 'anonymous' },
      action: 's3:GetObject',
      resource: '*',
      context,
    };
    const savedRequests = Array.from({ length: 600 }, (_, i) => ({
      name: `r${i}`,
      service: 's3',
      request,
      expect: 'Allowed',
    }));
    const many = await readShareFragment(
      encodeConfigForUrl(
        testConfig({ ...config, savedRequests } as unknown as PerimeterConfigDocument),
      ),
    );
    expect(many.value).toBeUndefined();
    expect(many.diagnostics[0]?.message).toMatch(/values .* the limit is 50,000/);
  });

  it('explains damaged links', async () => {
    const fragment = encodeConfigForUrl(testConfig(config));
    const cases: Array<[string, RegExp]> = [
      ['#nothing-here', /does not carry a configuration/],
      [fragment.slice(0, fragment.length - 12), /cannot be decompressed/],
      [`${SHARE_FRAGMENT_PREFIX}!!!!`, /cannot be decompressed/],
      [
        `${SHARE_FRAGMENT_PREFIX}${'A'.repeat(MAX_SHARE_FRAGMENT_LENGTH)}`,
        /200,003 characters long/,
      ],
    ];
    for (const [input, message] of cases) {
      const reading = await readShareFragment(input);
      expect(reading.value).toBeUndefined();
      expect(reading.diagnostics).toEqual([
        expect.objectContaining({
          code: 'share/invalid-link',
          message: expect.stringMatching(message),
        }),
      ]);
    }
    expect(carriesConfiguration('#section-2')).toBe(false);
  });

  it('stops inflating a link once it passes the budget, and says so', async () => {
    // Five million spaces compress to a few kilobytes: a link far under the length limit.
    const bomb = deflateSync(new Uint8Array(5_000_000).fill(0x20), { level: 9 });
    const fragment = `${SHARE_FRAGMENT_PREFIX}${toBase64Url(bomb)}`;
    expect(fragment.length).toBeLessThan(MAX_SHARE_FRAGMENT_LENGTH);
    const reading = await readShareFragment(fragment);
    expect(reading.value).toBeUndefined();
    expect(reading.diagnostics[0]?.message).toMatch(/inflates to more than 4,000,000 bytes/);
  });

  it('reads a configuration with non-ASCII text and refuses what is not UTF-8', async () => {
    const tagged = {
      ...config,
      parameters: { exclusionTag: { key: 'équipe:exempt', value: 'oui' } },
    };
    expect((await readShareFragment(encodeConfigForUrl(testConfig(tagged)))).value).toEqual(tagged);
    const latin1 = toBase64Url(deflateSync(new Uint8Array([0x7b, 0xe9, 0x7d])));
    expect((await readShareFragment(`${SHARE_FRAGMENT_PREFIX}${latin1}`)).value).toBeUndefined();
  });
});
