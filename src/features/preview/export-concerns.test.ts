import { describe, expect, it } from 'vitest';
import { catalog } from '@/core/catalog/catalog';
import { generate } from '@/core/generate/generate';
import { validate } from '@/core/validate/validate';
import { exportConcerns, hasConcerns } from './export-concerns';
import { testConfig, testServiceId } from '@/core/catalog/ids.testing';

const firstVisit = {
  version: 1 as const,
  organizationIds: [],
  regions: ['us-east-1'],
  services: ['s3'],
};

describe('exportConcerns', () => {
  it('names the controls of a generated policy that are still to fill', () => {
    const concerns = exportConcerns(
      generate(testConfig(firstVisit), testServiceId('s3'), { catalog }).diagnostics,
      catalog,
    );
    expect(concerns.errors).toEqual([]);
    expect(concerns.toFill).toContain('Organization ID (<my-org-id>)');
    expect(concerns.toFill.some((line) => line.startsWith('Third-party account ids, under'))).toBe(
      true,
    );
  });

  it('names the placeholders of an edited text once each, and its errors', () => {
    const text = generate(testConfig(firstVisit), testServiceId('s3'), { catalog }).text.replace(
      '"Allow"',
      '"Alow"',
    );
    const concerns = exportConcerns(validate(text, {}).diagnostics, catalog);
    expect(concerns.toFill).toContain('<my-org-id>');
    expect(new Set(concerns.toFill).size).toBe(concerns.toFill.length);
    expect(concerns.errors.length).toBeGreaterThan(0);
  });

  it('has nothing to say about a finished policy', () => {
    const config = {
      ...firstVisit,
      organizationIds: ['o-a1b2c3d4e5'],
      statements: {
        AllowRequestsByThirdPartyIdentitiesToThirdPartyResources: false,
        AllowRequestsByOrgsIdentitiesToThirdPartyResources: false,
      },
    };
    expect(
      hasConcerns(
        exportConcerns(
          generate(testConfig(config), testServiceId('s3'), { catalog }).diagnostics,
          catalog,
        ),
      ),
    ).toBe(false);
  });
});
