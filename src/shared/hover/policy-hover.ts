/**
 * What a hover in the policy says: where the statement, value or condition key comes from, in
 * Markdown, from the generator's provenance and the catalog's explanations and sources.
 */
import type { Catalog } from '@/core/catalog/catalog';
import type { Source } from '@/core/catalog/schema';
import { sourceUrl } from '@/core/catalog/source-link';
import type {
  GeneratedPolicy,
  StatementProvenance,
  ValueProvenance,
} from '@/core/generate/generate';
import { REACHED_BY_TEXT } from '@/shared/catalog/reached-by';
import { locateInPolicy, type TextSpan } from '@/shared/policy-text/policy-locations';

export interface PolicyHover {
  span: TextSpan;
  /** Markdown paragraphs. */
  contents: string[];
}

/** Inline code that survives any characters of an ARN or a tag. */
export function code(text: string): string {
  const fence = text.includes('`') ? '``' : '`';
  return `${fence}${text}${fence}`;
}

/** Markdown text with its special characters escaped. */
export function plain(text: string): string {
  return text.replace(/([\\`*_{}[\]()#+\-.!<>|])/g, '\\$1');
}

/** Up to `limit` source links in one Markdown line. */
export function sourceLine(sources: readonly Source[], limit = 3): string | undefined {
  const links = sources.slice(0, limit).flatMap((source) => {
    const url = sourceUrl(source);
    return url ? [`[${plain(source.label)}](${url})`] : [plain(source.label)];
  });
  return links.length > 0 ? `Sources: ${links.join(' · ')}` : undefined;
}

function statementHeading(statement: StatementProvenance, catalog: Catalog): string {
  return `**${plain(catalog.statement(statement.statement).title)}** (${code(statement.sid)})`;
}

function describeValue(
  element: string,
  value: string,
  provenance: ValueProvenance | undefined,
  statement: StatementProvenance,
  catalog: Catalog,
): string[] {
  const out = [`${plain(element)} ${code(value)}, in ${statementHeading(statement, catalog)}`];
  if (!provenance) return [...out, 'Part of the statement as the catalog writes it.'];
  if (provenance.placeholder) {
    out.push(
      `**A value is missing here**: the placeholder stands for ${provenance.parameter ? `the setting ${code(provenance.parameter)}` : 'a value you supply'}; see the diagnostics above the policy.`,
    );
  }
  for (const id of provenance.patterns) {
    const pattern = catalog.pattern(id);
    if (!pattern) continue;
    out.push(
      `From the data access pattern **${plain(pattern.title)}**: ${plain(pattern.summary)} Reached by: ${plain(REACHED_BY_TEXT[pattern.reachedBy].toLowerCase())}.`,
    );
    const sources = sourceLine(pattern.sources);
    if (sources) out.push(sources);
  }
  if (provenance.accountTable) {
    const table = catalog.accountTable(provenance.accountTable);
    if (table) {
      out.push(
        `Account from the table **${plain(table.title)}**${table.verified ? '' : ' (from third-party material, not confirmed by AWS)'}.`,
      );
      const sources = sourceLine(table.sources, 2);
      if (sources) out.push(sources);
    }
  }
  if (provenance.parameter && !provenance.placeholder)
    out.push(`From your setting ${code(provenance.parameter)}.`);
  if (provenance.regions.length > 0) out.push(`For ${provenance.regions.map(code).join(', ')}.`);
  for (const quirk of provenance.quirks) out.push(`Region note: ${plain(quirk)}`);
  if (provenance.patterns.length === 0 && !provenance.parameter && !provenance.accountTable)
    out.push('Part of the statement as the catalog writes it.');
  return out;
}

export function policyHover(
  text: string,
  offset: number,
  generated: GeneratedPolicy,
  catalog: Catalog,
): PolicyHover | undefined {
  const location = locateInPolicy(text, offset, generated);
  if (!location) return undefined;
  const { statement } = location;
  const entry = catalog.statement(statement.statement);
  if (location.kind === 'value') {
    return {
      span: location.span,
      contents: describeValue(
        location.element,
        location.value,
        location.provenance,
        statement,
        catalog,
      ),
    };
  }
  if (location.kind === 'condition-key') {
    const values = statement.values.filter(
      (v) => v.element === `Condition.${location.operator}.${location.key}`,
    );
    const from = [
      ...new Set(values.map((v) => v.parameter).filter((p): p is string => p !== undefined)),
    ];
    return {
      span: location.span,
      contents: [
        `Condition ${code(`${location.operator}`)} on ${code(location.key)}, in ${statementHeading(statement, catalog)}`,
        from.length > 0
          ? `Its values come from your setting ${from.map(code).join(', ')}.`
          : 'Its values are part of the statement as the catalog writes it.',
        plain(entry.allows),
      ],
    };
  }
  const contents = [
    statementHeading(statement, catalog),
    plain(entry.allows),
    `Why: ${plain(entry.why)}`,
  ];
  if (statement.patterns.length > 0) {
    const titles = statement.patterns.map((id) => catalog.pattern(id)?.title ?? id);
    contents.push(`Data access patterns: ${titles.map(plain).join(', ')}.`);
  }
  const sources = sourceLine(entry.sources);
  if (sources) contents.push(sources);
  return { span: location.span, contents };
}
