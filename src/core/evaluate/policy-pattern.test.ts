import { describe, expect, it } from 'vitest';
import { parsePattern } from './policy-pattern';

describe('policy variables in patterns', () => {
  const read = (raw: string) => parsePattern(raw, { wildcards: true, variables: true }).tokens;

  it('reads a key with or without a default, spaces around them allowed', () => {
    expect(read("${ aws:username , 'none' }")).toEqual([
      {
        kind: 'variable',
        key: 'aws:username',
        fallback: 'none',
        raw: "${ aws:username , 'none' }",
      },
    ]);
    expect(read('a/${aws:PrincipalTag/team}/*')).toEqual([
      { kind: 'text', text: 'a/' },
      { kind: 'variable', key: 'aws:PrincipalTag/team', raw: '${aws:PrincipalTag/team}' },
      { kind: 'text', text: '/' },
      { kind: 'any' },
    ]);
  });

  it('reads a malformed body as plain text, however long its run of spaces', () => {
    const raw = `\${a${' '.repeat(50_000)}b, x}`;
    const tokens = read(raw);
    expect(tokens).toEqual([{ kind: 'text', text: raw }]);
    expect(read('${ }')).toEqual([{ kind: 'text', text: '${ }' }]);
  });
});
