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
import type { EndpointService } from './schema';

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
        // Only the mark: the picker hides discontinued services unless asked for them.
        ...(service.discontinued ? { discontinued: { note: '', source: '' } } : {}),
        // Which service's endpoint this one is another name of: the preview shows that policy.
        ...(service.endpointOf ? { endpointOf: service.endpointOf } : {}),
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

/**
 * The choices catalog as the page ships it: services as `[id, support, template, guidance]` rows
 * instead of objects full of empty fields (a third of the first screen's catalog bytes after
 * compression). `unpackChoicesCatalog(packChoicesCatalog(f))` equals `choicesCatalogFiles(f)`.
 */
export interface PackedChoicesCatalog {
  statements: CatalogFiles['statements']['statements'];
  templates: CatalogFiles['services']['templates'];
  /**
   * [id, endpoint-policy support, template ("" for the default), guidance (0 none, else 1 +
   * identity + 2 × resource), 1 when the service is discontinued (else 0, or nothing), and the id
   * of the service whose endpoint it is another name of]
   */
  services: [
    EndpointService['id'],
    EndpointService['endpointPolicy'],
    string,
    number,
    (0 | 1)?,
    EndpointService['id']?,
  ][];
  partitions: CatalogFiles['regions']['partitions'];
  regions: CatalogFiles['regions']['regions'];
}

const DEFAULT_TEMPLATE = 'default';

export function packChoicesCatalog(files: CatalogFiles): PackedChoicesCatalog {
  const choices = choicesCatalogFiles(files);
  return {
    statements: choices.statements.statements,
    templates: choices.services.templates,
    services: choices.services.services.map((service) => {
      const row: PackedChoicesCatalog['services'][number] = [
        service.id,
        service.endpointPolicy,
        service.template === DEFAULT_TEMPLATE ? '' : service.template,
        service.guidance
          ? 1 +
            Number(service.guidance.identityPerimeter) +
            2 * Number(service.guidance.resourcePerimeter)
          : 0,
      ];
      if (service.discontinued || service.endpointOf) row.push(service.discontinued ? 1 : 0);
      if (service.endpointOf) row.push(service.endpointOf);
      return row;
    }),
    partitions: choices.regions.partitions,
    regions: choices.regions.regions,
  };
}

export function unpackChoicesCatalog(packed: PackedChoicesCatalog): CatalogFiles {
  return {
    statements: { statements: packed.statements },
    patterns: { patterns: [] },
    services: {
      sources: {},
      templates: packed.templates,
      services: packed.services.map(
        ([id, endpointPolicy, template, guidance, discontinued, endpointOf]) => ({
          id,
          title: '',
          serviceName: null,
          endpointTypes: [],
          endpointPolicy,
          template: template || DEFAULT_TEMPLATE,
          ...(discontinued ? { discontinued: { note: '', source: '' } } : {}),
          ...(endpointOf ? { endpointOf } : {}),
          ...(guidance > 0
            ? {
                guidance: {
                  identityPerimeter: ((guidance - 1) & 1) === 1,
                  resourcePerimeter: ((guidance - 1) & 2) === 2,
                  considerations: [],
                  source: '',
                },
              }
            : {}),
        }),
      ),
    },
    regions: { partitions: packed.partitions, regions: packed.regions, sources: [] },
    accountTables: { tables: [] },
  };
}
