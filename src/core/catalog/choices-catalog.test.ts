import { describe, expect, it } from 'vitest';
import { STATEMENT_SIDS } from './ids';
import { buildCatalog, catalog, catalogFiles } from './catalog';
import { choicesCatalogFiles, packChoicesCatalog, unpackChoicesCatalog } from './choices-catalog';
import {
  canonicalRegions,
  canonicalServices,
  isTemplateStatement,
  selectedStatements,
} from '../generate/selection';
import type { PerimeterConfigDocument } from '../config/schema';
import { testConfig, testRegionCodes, testServiceIds } from './ids.testing';

const choices = buildCatalog(choicesCatalogFiles(catalogFiles));

describe('choices catalog', () => {
  it('lists the same services, regions, partitions and statements as the full catalog', () => {
    expect(
      choices.services.map((s) => [s.id, s.endpointPolicy, s.template, Boolean(s.guidance)]),
    ).toEqual(
      catalog.services.map((s) => [s.id, s.endpointPolicy, s.template, Boolean(s.guidance)]),
    );
    const withoutNote = ({ note: _note, ...region }: (typeof catalog.regions)[number]) => region;
    expect(choices.regions.map(withoutNote)).toEqual(catalog.regions.map(withoutNote));
    expect(choices.partitions.map((p) => [p.id, p.name, p.dnsSuffix])).toEqual(
      catalog.partitions.map((p) => [p.id, p.name, p.dnsSuffix]),
    );
    expect(
      choices.statements.map((s) => [
        s.sid,
        s.order,
        s.title,
        s.summary,
        s.parameters,
        s.fedByPatterns,
      ]),
    ).toEqual(
      catalog.statements.map((s) => [
        s.sid,
        s.order,
        s.title,
        s.summary,
        s.parameters,
        s.fedByPatterns,
      ]),
    );
  });

  it('selects the same statements as the full catalog for every service and toggle', () => {
    const configs: PerimeterConfigDocument[] = [
      { version: 1, organizationIds: [], regions: [], services: [] },
      {
        version: 1,
        organizationIds: [],
        regions: [],
        services: [],
        statements: {
          AllowRequestsToAWSOwnedResources: true,
          AllowRequestsByAWSServicePrincipals: false,
        },
      },
      {
        version: 1,
        organizationIds: [],
        regions: [],
        services: [],
        serviceStatements: { s3: { AllowRequestsByOrgsIdentitiesToAnyResources: false } },
      },
    ];
    for (const config of configs) {
      for (const service of catalog.services) {
        expect(selectedStatements(testConfig(config), service.id, choices)).toEqual(
          selectedStatements(testConfig(config), service.id, catalog),
        );
        for (const sid of STATEMENT_SIDS) {
          expect(isTemplateStatement(service.id, sid, choices)).toBe(
            isTemplateStatement(service.id, sid, catalog),
          );
        }
      }
    }
  });

  it('puts services and regions in the same canonical order', () => {
    const services = ['ssm', 's3', 'ec2', 'nope', 's3'];
    const regions = ['eu-west-1', 'us-east-1', 'cn-north-1', 'xx-none-1'];
    expect(canonicalServices(testServiceIds(services), choices)).toEqual(
      canonicalServices(testServiceIds(services), catalog),
    );
    expect(canonicalRegions(testRegionCodes(regions), choices)).toEqual(
      canonicalRegions(testRegionCodes(regions), catalog),
    );
  });

  it('leaves out what only explanations and the generator need', () => {
    expect(choices.patterns).toHaveLength(0);
    expect(choices.accountTables).toHaveLength(0);
    expect(choices.statements.every((s) => s.allows === '' && s.sources.length === 0)).toBe(true);
    expect(choices.services.every((s) => s.title === '' && s.serviceName === null)).toBe(true);
    expect(JSON.stringify(choicesCatalogFiles(catalogFiles)).length).toBeLessThan(
      JSON.stringify(catalogFiles).length / 2,
    );
  });

  it('is shipped packed, and unpacks to exactly the same files', () => {
    const packed = packChoicesCatalog(catalogFiles);
    expect(unpackChoicesCatalog(packed)).toEqual(choicesCatalogFiles(catalogFiles));
    // Every guidance combination and every template survive the round trip.
    const codes = new Set(packed.services.map(([, , , guidance]) => guidance));
    expect([...codes].sort()).toEqual([0, 1, 2, 3, 4].filter((c) => codes.has(c)));
    expect(codes.size).toBeGreaterThan(1);
    expect(JSON.stringify(packed).length).toBeLessThan(
      JSON.stringify(choicesCatalogFiles(catalogFiles)).length / 2,
    );
  });
});
