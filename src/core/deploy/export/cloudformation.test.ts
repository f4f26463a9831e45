import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { templateYaml } from './cloudformation';

describe('template YAML', () => {
  it('reads back as the same value in YAML 1.1 and 1.2, whatever the strings', () => {
    const text = fc.string({
      unit: fc.constantFrom(
        'a',
        'Y',
        'n',
        ':',
        ' ',
        '#',
        '-',
        '0',
        '.',
        '"',
        "'",
        '\\',
        '{',
        '}',
        '*',
        '&',
        '!',
        '%',
        '@',
        '`',
        '|',
        '>',
        '\n',
        'é',
        'yes',
        'null',
        '2012-10-17',
        '${AWS::Region}',
      ),
    });
    fc.assert(
      fc.property(
        fc.dictionary(
          text,
          fc.oneof(
            text,
            fc.array(text, { maxLength: 3 }),
            fc.boolean(),
            fc.dictionary(text, text, { maxKeys: 3 }),
          ),
        ),
        (value) => {
          const yaml = templateYaml({ Resources: { X: { Properties: value } } });
          for (const version of ['1.1', '1.2'] as const)
            expect(parse(yaml, { version })).toEqual({ Resources: { X: { Properties: value } } });
        },
      ),
      { numRuns: 300, seed: 1 },
    );
  });
});
