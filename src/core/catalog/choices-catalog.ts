/**
 * The part of the catalog that the browser's first screen needs to list and select: statements
 * with their titles and summaries, the service templates, endpoint services (ids, templates,
 * endpoint-policy support, whether guidance covers them) and regions. Left out, so that the form
 * can appear before the rest of the catalog has loaded: service titles (empty here), PrivateLink
 * service names (null), endpoint types (empty), guidance details, region notes, partition caveats,
 * explanations, sources, data access patterns and account tables; they come with the full catalog.
 * It lists and selects; it never generates.
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
        endpointTypes: [],
        endpointPolicy: service.endpointPolicy,
        template: service.template,
        ...(service.guidance
          ? {
              guidance: {
                identityPerimeter: service.guidance.identityPerimeter,
                resourcePerimeter: service.guidance.resourcePerimeter,
                considerations: [],
                source: '',
              },
            }
          : {}),
      })),
    },
    regions: {
      partitions: files.regions.partitions.map(({ caveat: _caveat, ...partition }) => partition),
      regions: files.regions.regions.map(({ note: _note, ...region }) => region),
      sources: [],
    },
    accountTables: { tables: [] },
  };
}
