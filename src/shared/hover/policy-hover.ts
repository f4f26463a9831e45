/**
 * What a hover in the policy says: where the statement, value or condition key comes from, in
 * Markdown, from the generator's provenance and the catalog's explanations and sources.
 */
import type { Catalog } from '@/core/catalog/catalog';
import type { Source } from '@/core/catalog/schema';
import { sourceUrl } from '@/core/catalog/source-link';
import { cutForDisplay } from '@/core/budgets';
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

/** Longest value a hover shows; a 1 MB Sid is cut, and the hover says how much is left out. */
export const MAX_HOVER_VALUE_CHARACTERS = 200;
/** Longest sentence a hover shows (catalog explanations are far shorter). */
const MAX_HOVER_TEXT_CHARACTERS = 4_000;

/**
 * Line breaks become spaces: a blank line would end the paragraph, and with it a code span, and
 * whatever followed would be read as Markdown.
 */
const LINE_BREAKS = /[\n\r\u0085\u2028\u2029]/g;

/**
 * A value from a policy, a configuration or a link as inline code, which Markdown shows as it is
 * (no link, no image, no HTML): the fence is one backtick longer than the value's longest run of
 * backticks, so the value cannot close it early.
 */
export function code(text: string, limit = MAX_HOVER_VALUE_CHARACTERS): string {
  const { shown, omitted } = cutForDisplay(text, limit);
  const flat = shown.replace(LINE_BREAKS, ' ');
  if (flat === '') return '*(empty)*';
  let longest = 0;
  let run = 0;
  for (const ch of flat) {
    run = ch === '`' ? run + 1 : 0;
    if (run > longest) longest = run;
  }
  const fence = '`'.repeat(longest + 1);
  // CommonMark strips one space from each end when both ends have one: pad so that it keeps them.
  const pad = /^[` ]|[` ]$/.test(flat) ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}${plain(omitted)}`;
}

/**
 * Text as Markdown that reads as the same plain text: every ASCII punctuation character is
 * escaped (CommonMark allows a backslash before any of them), so no link, image, autolink
 * (`https://`, `www.`, `a@b.c`), entity, emphasis or HTML can form, whatever the text holds.
 */
export function plain(text: string, limit = MAX_HOVER_TEXT_CHARACTERS): string {
  const { shown, omitted } = cutForDisplay(text, limit);
  return `${shown}${omitted}`.replace(LINE_BREAKS, ' ').replace(/[!-/:-@[-`{-~]/g, '\\$&');
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
  if (provenance.regions.length > 0)
    out.push(`For ${provenance.regions.map((value) => code(value)).join(', ')}.`);
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
          ? `Its values come from your setting ${from.map((value) => code(value)).join(', ')}.`
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
