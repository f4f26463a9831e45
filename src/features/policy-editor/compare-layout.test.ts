import { describe, expect, it } from 'vitest';
import { renderPolicy } from '@/core/policy/render';
import { inLayoutOf } from './compare-layout';

const policy = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*' }] };

describe('the generated policy in the layout of the text it is compared with', () => {
  it('follows a minified, a two-space and a four-space text, whatever the generated layout', () => {
    for (const generatedFormat of ['minified', 'pretty-2', 'pretty-4'] as const) {
      const generated = renderPolicy(policy, generatedFormat);
      for (const yoursFormat of ['minified', 'pretty-2', 'pretty-4'] as const)
        expect(inLayoutOf(generated, renderPolicy(policy, yoursFormat))).toBe(
          renderPolicy(policy, yoursFormat),
        );
    }
  });

  it('leaves a text that is not JSON as it is', () => {
    expect(inLayoutOf('{"Version":', '{\n  "x": 1\n}')).toBe('{"Version":');
  });
});
