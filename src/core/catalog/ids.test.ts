import { describe, expect, it } from 'vitest';
import { validateConfigValue } from '../config/parse';
import { parseConfigText } from '../config/parse-text';
import { generate } from '../generate/generate';
import { buildCatalog, catalog, catalogFiles } from './catalog';
import { choicesCatalogFiles } from './choices-catalog';
import {
  STARTING_REGION,
  STARTING_SERVICE,
  patternNamed,
  regionNamed,
  serviceNamed,
  toPatternId,
  toRegionCode,
  toServiceId,
} from './ids';

describe('ids from text', () => {
  it('are the catalog ids of the names it knows, and nothing for the names it does not', () => {
    expect(toServiceId('ecr.api', catalog)).toBe('ecr.api');
    expect(toRegionCode('eu-west-1', catalog)).toBe('eu-west-1');
    expect(toPatternId('amazon-linux-2023-repositories', catalog)).toBe(
      'amazon-linux-2023-repositories',
    );
    for (const text of ['S3', 's3 ', 'ecr', '', '__proto__', 'constructor'])
      expect(toServiceId(text, catalog), JSON.stringify(text)).toBeUndefined();
    for (const text of ['EU-WEST-1', 'eu-west-9', 'mars-north-1', 'toString'])
      expect(toRegionCode(text, catalog), text).toBeUndefined();
    expect(toPatternId('amazon-linux', catalog)).toBeUndefined();
    expect(serviceNamed('ecr.api', catalog)?.id).toBe('ecr.api');
    expect(regionNamed('cn-north-1', catalog)?.partition).toBe('aws-cn');
    expect(patternNamed('amazon-linux-2023-repositories', catalog)?.statement).toBe(
      'AllowRequestsToAWSOwnedResources',
    );
    expect(serviceNamed('S3', catalog)).toBeUndefined();
    expect(regionNamed('hasOwnProperty', catalog)).toBeUndefined();
  });

  it('are checked against the catalog given, not the bundled one', () => {
    const choices = buildCatalog(choicesCatalogFiles(catalogFiles));
    expect(toServiceId('s3', choices)).toBe('s3');
    // The first screen's catalog has no data access patterns.
    expect(toPatternId('amazon-linux-2023-repositories', choices)).toBeUndefined();
  });

  it('include the starting choices, which both catalogs know', () => {
    const choices = buildCatalog(choicesCatalogFiles(catalogFiles));
    for (const known of [catalog, choices]) {
      expect(toServiceId(STARTING_SERVICE, known)).toBe('s3');
      expect(toRegionCode(STARTING_REGION, known)).toBe('us-east-1');
    }
  });

  it('come branded out of a configuration only once it has passed the catalog check', () => {
    const read = parseConfigText(
      '{"version": 1, "organizationIds": [], "regions": ["eu-west-1"], "services": ["s3"]}',
    );
    expect(read.config).toBeDefined();
    const config = read.config!;
    expect(generate(config, config.services[0]!, { regions: config.regions }).regions).toEqual([
      'eu-west-1',
    ]);
    const refused = validateConfigValue({
      version: 1,
      organizationIds: [],
      regions: ['eu-west-1'],
      services: ['s4'],
    });
    expect(refused.config).toBeUndefined();
    expect(refused.diagnostics.map((d) => d.message)).toContain('Unknown endpoint service "s4".');
  });

  it('are a compile-time requirement of the engine: text is refused where an id is expected', () => {
    // Each line below fails to compile without its directive: the typecheck is the assertion.
    // @ts-expect-error a service name is text until toServiceId checks it
    catalog.service('s3');
    // @ts-expect-error a region code is text until toRegionCode checks it
    catalog.region('eu-west-1');
    // @ts-expect-error a pattern id is text until toPatternId checks it
    catalog.pattern('amazon-linux-2023-repositories');
    const checked = toServiceId('s3', catalog);
    expect(checked && catalog.service(checked)?.id).toBe('s3');
  });
});
