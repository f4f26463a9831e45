import { describe, expect, it } from 'vitest';
import { generate } from '@/core/generate/generate';
import { choicesCatalog } from '@/shared/catalog/choices-catalog';
import { previewTarget } from '@/shared/catalog/preview-target';
import { defaultConfig, defaultView } from '@/state/defaults';
import { firstPolicyKey } from './first-policy';
import { firstPolicyScriptContent, prerenderFirstPolicy } from './prerender-first-policy';
import { testRegionCode } from '@/core/catalog/ids.testing';

describe('the policy a first visit reads before the engine loads', () => {
  const first = prerenderFirstPolicy();

  it('is the engine’s policy of the default choices, with the key the page computes for them', () => {
    const config = defaultConfig();
    // The page computes the key with the first screen's catalog, the build with the full one.
    const target = previewTarget(config, defaultView(), choicesCatalog);
    expect(first?.key).toBe(firstPolicyKey(config, target));
    expect(first?.text).toBe(generate(config, target.service!).text);
  });

  it('names everything the text depends on, so that any other choice misses it', () => {
    const config = defaultConfig();
    const target = previewTarget(config, defaultView(), choicesCatalog);
    const key = firstPolicyKey(config, target);
    expect(firstPolicyKey({ ...config, organizationIds: ['o-a1b2c3d4e5'] }, target)).not.toBe(key);
    expect(firstPolicyKey(config, { ...target, format: 'minified' })).not.toBe(key);
    expect(firstPolicyKey(config, { ...target, region: testRegionCode('us-east-1') })).not.toBe(
      key,
    );
  });

  it('cannot close the script element it is carried in', () => {
    const content = firstPolicyScriptContent({ key: 'k', text: '</script><script>alert(1)' });
    expect(content).not.toContain('<');
    expect(JSON.parse(content)).toEqual({ key: 'k', text: '</script><script>alert(1)' });
  });
});
