/** Properties that hold for any input: the validator never throws and every range lies in the text. */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../diagnostics';
import { countPolicyCharacters, renderPolicy } from '../policy/render';
import { loadIamIndex, type IamIndex } from '../iam/iam-index';
import { readSample, sampleFiles } from './samples.testing';
import { validate } from './validate';

let iamIndex: IamIndex;
beforeAll(async () => {
  iamIndex = await loadIamIndex();
});

function expectWellFormed(text: string, diagnostics: readonly Diagnostic[]): void {
  const lines = text.split('\n');
  for (const d of diagnostics) {
    expect(d.code).toMatch(/^[a-z-]+\/[a-z-]+$/);
    expect(d.message.length).toBeGreaterThan(10);
    if (!d.range) continue;
    for (const position of [d.range.start, d.range.end]) {
      expect(position.line).toBeGreaterThanOrEqual(1);
      expect(position.line).toBeLessThanOrEqual(lines.length);
      expect(position.column).toBeGreaterThanOrEqual(1);
      expect(position.column).toBeLessThanOrEqual(lines[position.line - 1]!.length + 1);
    }
  }
}

const policyWords = [
  'Version',
  'Statement',
  'Sid',
  'Effect',
  'Allow',
  'Deny',
  'Principal',
  'NotPrincipal',
  'AWS',
  'Action',
  'NotAction',
  'Resource',
  'NotResource',
  'Condition',
  'StringEquals',
  'ForAnyValue:StringLike',
  'BoolIfExists',
  'Null',
  'aws:PrincipalOrgID',
  'aws:ResourceAccount',
  'aws:PrincipalTag/x',
  '*',
  's3:GetObject',
  'arn:aws:s3:::b/*',
  'arn:aws:lambda:us-east-1:111122223333:layer:x',
  '<my-org-id>',
  'o-a1b2c3d4e5',
  '111122223333',
  'true',
  '__proto__',
  'constructor',
];
const word = fc.oneof(fc.constantFrom(...policyWords), fc.string({ maxLength: 12 }));
const policyLike: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    word,
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    tie('array'),
    tie('object'),
  ),
  array: fc.array(tie('value'), { maxLength: 4 }),
  object: fc.dictionary(word, tie('value'), { maxKeys: 5 }),
})).value;

describe('the minified size', () => {
  it('is what rendering the parsed policy minified gives, whichever way it is counted', () => {
    fc.assert(
      fc.property(policyLike, fc.constantFrom(0, 2, 4), (value, indent) => {
        const text = JSON.stringify(
          { Version: '2012-10-17', Statement: value },
          null,
          indent || undefined,
        );
        const expected = countPolicyCharacters(renderPolicy(JSON.parse(text), 'minified'));
        expect(validate(text).size.minifiedCharacters).toBe(expected);
      }),
      { numRuns: 400 },
    );
  });

  it('falls back to rendering for numbers not in their shortest form and for repeated keys', () => {
    expect(
      validate('{"Version": "2012-10-17", "Statement": [], "n": 1.50}').size.minifiedCharacters,
    ).toBe('{"Version":"2012-10-17","Statement":[],"n":1.5}'.length);
    expect(validate('{"a": 1, "a": 22}').size.minifiedCharacters).toBe('{"a":22}'.length);
    expect(validate('{"a": "\\u0041"}').size.minifiedCharacters).toBe('{"a":"A"}'.length);
  });
});

describe('validate on any input', () => {
  it('never throws on policy-like JSON, and its ranges lie in the text', () => {
    fc.assert(
      fc.property(policyLike, fc.boolean(), (value, pretty) => {
        const text = JSON.stringify(
          { Version: '2012-10-17', Statement: value },
          null,
          pretty ? 2 : undefined,
        );
        expectWellFormed(text, validate(text, { iamIndex }).diagnostics);
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on edited samples: characters deleted, inserted or swapped', () => {
    const samples = sampleFiles().map(readSample);
    fc.assert(
      fc.property(
        fc.nat(samples.length - 1),
        fc.array(
          fc.tuple(
            fc.nat(),
            fc.constantFrom('delete', 'insert', 'swap'),
            fc.constantFrom('{', '}', '[', ']', '"', ',', ':', '\\', 'x', '\n', '*'),
          ),
          { minLength: 1, maxLength: 5 },
        ),
        (which, edits) => {
          let text = samples[which]!;
          for (const [at, kind, character] of edits) {
            const i = at % (text.length + 1);
            text =
              kind === 'delete'
                ? text.slice(0, i) + text.slice(i + 1)
                : kind === 'insert'
                  ? text.slice(0, i) + character + text.slice(i)
                  : text.slice(0, i) + character + text.slice(i + 1);
          }
          const result = validate(text, { iamIndex });
          expectWellFormed(text, result.diagnostics);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200, unit: 'binary' }), (text) => {
        expectWellFormed(text, validate(text, { iamIndex }).diagnostics);
      }),
      { numRuns: 300 },
    );
  });
});
