import { beforeAll, describe, expect, it } from 'vitest';
import { catalog } from './catalog/catalog';
import type { Diagnostic } from './diagnostics';
import {
  countFindings,
  describeCounts,
  findingKind,
  positionToOffset,
  suggestedActionFix,
} from './finding-kinds';
import { generate } from './generate/generate';
import { loadIamIndex, type IamIndex } from './iam/iam-index';
import { validate } from './validate/validate';
import { testConfig, testServiceId } from './catalog/ids.testing';

const finding = (code: string, severity: Diagnostic['severity'], message = 'm'): Diagnostic => ({
  code,
  severity,
  message,
});

describe('findingKind', () => {
  it('calls a missing value "to fill" and keeps errors for wrong values', () => {
    expect(findingKind(finding('generate/missing-parameter', 'error'))).toBe('to-fill');
    expect(findingKind(finding('generate/missing-account', 'error'))).toBe('to-fill');
    expect(findingKind(finding('placeholder/unfilled', 'error'))).toBe('to-fill');
    expect(findingKind(finding('id/malformed-organization', 'error'))).toBe('error');
    expect(findingKind(finding('size/over-limit', 'error'))).toBe('error');
    expect(findingKind(finding('generate/unverified-account', 'warning'))).toBe('warning');
    expect(findingKind(finding('service/policy-support-unknown', 'info'))).toBe('note');
  });
});

describe('countFindings', () => {
  it('counts the first visit policy as values to fill, not as errors', () => {
    const config = {
      version: 1 as const,
      organizationIds: [],
      regions: ['us-east-1'],
      services: ['s3'],
    };
    const generated = generate(testConfig(config), testServiceId('s3'), { catalog });
    const counts = countFindings(generated.diagnostics);
    expect(counts.errors).toBe(0);
    expect(counts.toFill).toBeGreaterThan(0);
    expect(describeCounts(counts)).toMatch(/^\d+ to fill/);
  });

  it('gives the generator and the validator the same count to fill for the same policy', () => {
    const config = {
      version: 1 as const,
      organizationIds: [],
      regions: ['us-east-1'],
      services: ['s3'],
    };
    const generated = generate(testConfig(config), testServiceId('s3'), { catalog });
    const checked = validate(generated.text, { service: 's3', regions: ['us-east-1'] });
    expect(countFindings(checked.diagnostics).toFill).toBe(
      countFindings(generated.diagnostics).toFill,
    );
    // The validator reports each place; the count is by placeholder.
    expect(
      checked.diagnostics.filter((d) => d.code === 'placeholder/unfilled').length,
    ).toBeGreaterThan(countFindings(checked.diagnostics).toFill);
  });

  it('says when there is nothing to report', () => {
    expect(describeCounts(countFindings([]))).toBe('No problems');
    expect(
      describeCounts(countFindings([finding('x/y', 'error'), finding('x/z', 'info')]), {
        notes: true,
      }),
    ).toBe('1 error, 1 note');
  });
});

describe('suggestedActionFix', () => {
  let iamIndex: IamIndex;
  beforeAll(async () => {
    iamIndex = await loadIamIndex();
  });
  const policyWith = (action: string) =>
    JSON.stringify(
      {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: '*', Action: action, Resource: '*' }],
      },
      null,
      2,
    );

  it('replaces a misspelled action by the one the validator suggests', () => {
    const text = policyWith('s3:GetObjects');
    const unknown = validate(text, { iamIndex }).diagnostics.find(
      (d) => d.code === 'action/unknown',
    );
    expect(unknown?.hint).toBe('Did you mean "s3:GetObject"?');
    const fix = suggestedActionFix(unknown!, text);
    expect(fix?.title).toBe('Use s3:GetObject');
    const fixed = text.slice(0, fix!.start) + fix!.replacement + text.slice(fix!.end);
    expect(fixed).toBe(policyWith('s3:GetObject'));
    expect(
      validate(fixed, { iamIndex }).diagnostics.some((d) => d.code.startsWith('action/')),
    ).toBe(false);
  });

  it('offers nothing when the text no longer holds a string there, or for other findings', () => {
    const text = policyWith('s3:GetObjet');
    const unknown = validate(text, { iamIndex }).diagnostics.find(
      (d) => d.code === 'action/unknown',
    );
    expect(unknown).toBeDefined();
    expect(
      suggestedActionFix(unknown!, text.replace('"s3:GetObjet"', 'null         ')),
    ).toBeUndefined();
    expect(suggestedActionFix(finding('grammar/missing-effect', 'error'), text)).toBeUndefined();
    expect(
      suggestedActionFix({ ...unknown!, hint: 'Did you mean "s3:Get\\"Object"?' }, text),
    ).toBeUndefined();
  });
});

describe('positionToOffset', () => {
  it('maps lines and columns to offsets and refuses places outside the text', () => {
    expect(positionToOffset('ab\ncd', { line: 2, column: 2 })).toBe(4);
    expect(positionToOffset('ab\ncd', { line: 1, column: 1 })).toBe(0);
    expect(positionToOffset('ab', { line: 3, column: 1 })).toBeUndefined();
    expect(positionToOffset('ab', { line: 1, column: 9 })).toBeUndefined();
  });
});
