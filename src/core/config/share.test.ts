import { describe, expect, it } from 'vitest';
import type { PerimeterConfigDocument } from './schema';
import { decodeConfigFromUrl, encodeConfigForUrl } from './share';
import { testConfig, testRegionCode } from '../catalog/ids.testing';

const config: PerimeterConfigDocument = {
  version: 1,
  organizationIds: ['o-a1b2c3d4e5'],
  regions: ['us-east-1', 'eu-west-1'],
  services: ['s3', 'ec2'],
  dataAccessPatterns: { 'cloud9-dependencies': false },
  parameters: { lambdaLayerAccounts: ['580247275435'] },
};

describe('share links', () => {
  it('round-trips a configuration through a URL-safe fragment', async () => {
    const fragment = encodeConfigForUrl(testConfig(config));
    expect(fragment).toMatch(/^c1\.[A-Za-z0-9_-]+$/);
    expect(await decodeConfigFromUrl(`#${fragment}`)).toEqual({ config, diagnostics: [] });
  });

  it('reports a truncated link instead of throwing', async () => {
    const fragment = encodeConfigForUrl(testConfig(config));
    const result = await decodeConfigFromUrl(fragment.slice(0, fragment.length - 10));
    expect(result.config).toBeUndefined();
    expect(result.diagnostics[0]?.code).toBe('share/invalid-link');
  });

  it('reports a fragment that is not a configuration', async () => {
    expect((await decodeConfigFromUrl('#section-2')).diagnostics[0]?.message).toMatch(
      /does not carry a configuration/,
    );
    expect((await decodeConfigFromUrl('c1.!!!')).diagnostics[0]?.code).toBe('share/invalid-link');
  });

  it('validates the decoded configuration like any other input', async () => {
    const bad = encodeConfigForUrl(
      testConfig({ ...config, regions: [testRegionCode('us-east-7')] }),
    );
    const result = await decodeConfigFromUrl(bad);
    expect(result.config).toBeUndefined();
    expect(result.diagnostics.map((d) => d.code)).toContain('config/unknown-region');
  });
});
