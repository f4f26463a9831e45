/**
 * The part of the catalog that the browser's first screen needs to list and select: statements
 * with their titles and summaries, the service templates, endpoint services (ids, templates,
 * endpoint-policy support) and regions. Service titles (empty here), PrivateLink service names
 * (null here), long explanations, sources, data access patterns and account tables are left out
 * so that the form can appear before the rest of the catalog has loaded; they come with the full
 * catalog. It lists and selects; it never generates.
 */
import type { CatalogFiles } from './catalog';

export function choicesCatalogFiles(files: CatalogFiles): CatalogFiles {
  return {
    statements: {
      statements: files.statements.statements.map((statement) => ({
        sid: statement.sid,
        order: statement.order,
        title: statement.title,
        summary: statement.summary,
        allows: '',
        why: '',
        risks: [],
        fedByPatterns: statement.fedByPatterns,
        parameters: statement.parameters,
        templates: {},
        sources: [],
      })),
    },
    patterns: { patterns: [] },
    services: {
      sources: {},
      templates: files.services.templates.map((template) => ({ ...template, sources: [] })),
      services: files.services.services.map((service) => ({
        id: service.id,
        title: '',
        serviceName: null,
        endpointTypes: service.endpointTypes,
        endpointPolicy: service.endpointPolicy,
        template: service.template,
        ...(service.guidance
          ? {
              guidance: {
                identityPerimeter: service.guidance.identityPerimeter,
                resourcePerimeter: service.guidance.resourcePerimeter,
                considerations: [],
                source: service.guidance.source,
              },
            }
          : {}),
        ...(service.global !== undefined ? { global: service.global } : {}),
        ...(service.popular !== undefined ? { popular: service.popular } : {}),
      })),
    },
    regions: { partitions: files.regions.partitions, regions: files.regions.regions, sources: [] },
    accountTables: { tables: [] },
  };
}
