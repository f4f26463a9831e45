import { describe, expect, it } from 'vitest';
import { catalog } from '@/core/catalog/catalog';
import { generate } from '@/core/generate/generate';
import { controlPlace, describeControlPlace } from './control-places';
import { testConfig, testServiceId } from '@/core/catalog/ids.testing';

describe('controlPlace', () => {
  it('names the page control of every value a first visit has to fill', () => {
    const config = {
      version: 1 as const,
      organizationIds: [],
      regions: ['us-east-1'],
      services: ['s3'],
    };
    const paths = generate(testConfig(config), testServiceId('s3'), { catalog })
      .diagnostics.filter((d) => d.code === 'generate/missing-parameter')
      .map((d) => d.path!);
    expect(paths.length).toBeGreaterThan(1);
    for (const path of paths) expect(controlPlace(path, catalog), path).toBeDefined();
    expect(controlPlace('organizationIds', catalog)).toEqual({ label: 'Organization ID' });
  });

  it('places a statement parameter under its statement', () => {
    const place = controlPlace('parameters.orgIdentitiesToThirdPartyResources.accounts', catalog);
    expect(place?.statement).toBe('AllowRequestsByOrgsIdentitiesToThirdPartyResources');
    expect(describeControlPlace(place!)).toBe(
      `Third-party account ids, under “${catalog.statement('AllowRequestsByOrgsIdentitiesToThirdPartyResources').title}”`,
    );
  });

  it('places a missing account of a table under the statement of its pattern', () => {
    const table = catalog.patterns.find((p) => p.accounts && 'table' in p.accounts)!;
    const tableId = (table.accounts as { table: string }).table;
    const place = controlPlace(`parameters.accountIds.${tableId}.eu-west-1`, catalog);
    expect(place?.label.startsWith('eu-west-1 account')).toBe(true);
    expect(place?.statement).toBe(table.statement);
  });

  it("names a statement's switch and a pattern's box, the controls of the findings about them", () => {
    expect(
      controlPlace('statements.AllowRequestsByOrgsIdentitiesToOrgsResources', catalog),
    ).toEqual({
      label: 'Switch “Our identities to our resources”',
    });
    const place = controlPlace('dataAccessPatterns.sts-federated-sign-in', catalog);
    expect(place?.statement).toBe('AllowRequestsByOrgsIdentitiesToOrgsResources');
    expect(place?.label).toBe(
      `Pattern “${catalog.patterns.find((p) => p.id === 'sts-federated-sign-in')!.title}”`,
    );
    expect(controlPlace('statements.NoSuchStatement', catalog)).toBeUndefined();
    expect(controlPlace('dataAccessPatterns.no-such-pattern', catalog)).toBeUndefined();
  });

  it('says nothing for a path no control edits', () => {
    expect(controlPlace('output.shape', catalog)).toBeUndefined();
    expect(controlPlace('parameters', catalog)).toBeUndefined();
  });
});
