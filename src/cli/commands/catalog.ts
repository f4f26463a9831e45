import { catalog, toServiceId, type ServiceId } from '../../core/index';
import { parseOptions } from '../io';
import { EXIT, UsageError, type CliCommand } from '../types';

const SECTIONS = ['services', 'statements', 'patterns', 'regions', 'accounts'] as const;
type Section = (typeof SECTIONS)[number];

const usage = `Usage: vpce-policy catalog [section] [options]

Lists what the engine knows. Sections: ${SECTIONS.join(', ')} (default: services, statements and patterns).

Options:
  --service NAME   only the data access patterns of this endpoint service
  --discontinued   also list the services AWS no longer offers (hidden otherwise)
  --json           print the catalog entries as JSON, for machines
`;

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows
    .map((r) =>
      r
        .map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]!)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** Endpoint services to list: discontinued ones only when asked for. */
const listedServices = (discontinued: boolean) =>
  catalog.services.filter((s) => discontinued || !s.discontinued);

function sectionData(
  section: Section,
  service: ServiceId | undefined,
  discontinued: boolean,
): unknown {
  switch (section) {
    case 'services':
      return listedServices(discontinued);
    case 'statements':
      return catalog.statements;
    case 'patterns':
      return service ? catalog.patternsForService(service) : catalog.patterns;
    case 'regions':
      return catalog.regions;
    case 'accounts':
      return catalog.accountTables;
  }
}

function sectionText(
  section: Section,
  service: ServiceId | undefined,
  discontinued: boolean,
): string {
  switch (section) {
    case 'services':
      return table([
        ['SERVICE', 'POLICY', 'TEMPLATE', 'TITLE'],
        ...listedServices(discontinued).map((s) => [
          s.id,
          s.endpointPolicy,
          s.template,
          s.discontinued ? `${s.title} (discontinued)` : s.title,
        ]),
      ]);
    case 'statements':
      return table([
        ['#', 'SID', 'TITLE'],
        ...catalog.statements.map((s) => [String(s.order), s.sid, s.title]),
      ]);
    case 'patterns': {
      const patterns = service ? catalog.patternsForService(service) : catalog.patterns;
      return table([
        ['PATTERN', 'SERVICES', 'STATEMENT', 'DEFAULT', 'REACHED BY', 'TITLE'],
        ...patterns.map((p) => [
          p.id,
          p.services.join(','),
          `${catalog.statement(p.statement).order}${p.sidSuffix ? `+${p.sidSuffix}` : ''}`,
          p.defaultSelected ? 'on' : 'off',
          p.reachedBy,
          p.title,
        ]),
      ]);
    }
    case 'regions':
      return table([
        ['REGION', 'PARTITION', 'OPT-IN', 'NAME'],
        ...catalog.regions.map((r) => [
          r.code,
          r.partition,
          r.optIn === null ? '?' : r.optIn ? 'yes' : 'no',
          r.name,
        ]),
      ]);
    case 'accounts':
      return table([
        ['TABLE', 'REGIONS', 'VERIFIED', 'TITLE'],
        ...catalog.accountTables.map((t) => [
          t.id,
          String(Object.keys(t.accounts).length),
          t.verified ? 'yes' : 'no',
          t.title,
        ]),
      ]);
  }
}

export const catalogCommand: CliCommand = {
  name: 'catalog',
  summary: 'list endpoint services, statements, data access patterns, regions and account tables',
  usage,
  run(args, io) {
    const { values, positionals } = parseOptions(
      args,
      { json: { type: 'boolean' }, service: { type: 'string' }, discontinued: { type: 'boolean' } },
      true,
    );
    if (positionals.length > 1) throw new UsageError('give at most one section');
    const requested = positionals[0];
    if (requested !== undefined && !(SECTIONS as readonly string[]).includes(requested)) {
      throw new UsageError(`unknown section "${requested}"; sections: ${SECTIONS.join(', ')}`);
    }
    const service = values.service === undefined ? undefined : toServiceId(values.service, catalog);
    if (values.service !== undefined && !service)
      throw new UsageError(`unknown endpoint service "${values.service}"`);
    const sections: Section[] = requested
      ? [requested as Section]
      : values.service
        ? ['patterns']
        : ['services', 'statements', 'patterns'];
    const discontinued = values.discontinued === true;
    if (values.json) {
      const data =
        sections.length === 1
          ? sectionData(sections[0]!, service, discontinued)
          : Object.fromEntries(sections.map((s) => [s, sectionData(s, service, discontinued)]));
      io.stdout(`${JSON.stringify(data, null, 2)}\n`);
    } else {
      io.stdout(
        `${sections.map((s) => `${s.toUpperCase()}\n${sectionText(s, service, discontinued)}`).join('\n\n')}\n`,
      );
    }
    return Promise.resolve(EXIT.ok);
  },
};
