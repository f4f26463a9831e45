/**
 * Templates: resource templates of data access patterns (`arn:{partition}:s3:::{bucket}/*`),
 * compiled once and filled per region, and statement templates of the catalog, whose `{{slot}}`
 * markers take the values of a statement.
 */
import type { SlotName } from '../catalog/ids';
import type { StatementTemplate } from '../catalog/schema';
import type { ValueList, ValueProvenance } from './values';

export interface PolicyStatement {
  Sid: string;
  Effect: 'Allow';
  Principal: '*';
  Action: string | string[];
  Resource: string | string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}

export interface CompiledTemplate {
  /** Literal text and variable names, alternating: even indexes are text, odd are names. */
  parts: string[];
  /** Variable names, each once. */
  names: string[];
  usesAccount: boolean;
  usesBucket: boolean;
  regionDependent: boolean;
}

const compiledTemplates = new Map<string, CompiledTemplate>();
/** Variables whose value depends on the region (besides a pattern's `regionValues`). */
const REGION_VARIABLES = new Set(['region', 'regionNoDashes', 'dnsSuffix', 'bucket']);

/** Splits a resource template once; expanding it for many regions then only joins strings. */
export function compileTemplate(
  template: string,
  regionValueNames: readonly string[] = [],
): CompiledTemplate {
  const key = `${template}|${regionValueNames.join(',')}`;
  let compiled = compiledTemplates.get(key);
  if (!compiled) {
    const parts = template.split(/\{([A-Za-z]+)\}/);
    const names = [...new Set(parts.filter((_, i) => i % 2 === 1))];
    compiled = {
      parts,
      names,
      usesAccount: names.includes('account'),
      usesBucket: names.includes('bucket'),
      regionDependent: names.some((n) => REGION_VARIABLES.has(n) || regionValueNames.includes(n)),
    };
    compiledTemplates.set(key, compiled);
  }
  return compiled;
}

/** Fills a compiled template; `bucket` and `account`, when given, win over `vars`. */
export function fill(
  template: CompiledTemplate,
  vars: Readonly<Record<string, string>>,
  bucket?: string,
  account?: string,
): string {
  const parts = template.parts;
  let out = parts[0]!;
  for (let i = 1; i < parts.length; i += 2) {
    const name = parts[i]!;
    const value =
      name === 'bucket' && bucket !== undefined
        ? bucket
        : name === 'account' && account !== undefined
          ? account
          : vars[name];
    out += (value ?? `{${name}}`) + parts[i + 1]!;
  }
  return out;
}

/** What fills the slots of one statement: lists of values, or single strings (the exclusion tag). */
export type SlotFilling = Partial<Record<SlotName, ValueList | string>>;

/** The configuration field a single-string slot comes from, as provenance names it. */
const STRING_SLOT_PARAMETERS: Partial<Record<SlotName, string>> = {
  exclusionTagValue: 'parameters.exclusionTag.value',
};

type ValueSource =
  { element: string; literal: string; parameter?: string } | { element: string; list: ValueList };

export interface RenderedStatement {
  statement: PolicyStatement;
  /** The provenance of every value, computed on first call. */
  values: () => ValueProvenance[];
}

function slotOf(text: string): SlotName | undefined {
  if (!text.startsWith('{{') || !text.endsWith('}}')) return undefined;
  const name = text.slice(2, -2);
  return /^\w+$/.test(name) ? (name as SlotName) : undefined;
}

/** Fills a statement template's slots; a slot inside a condition key takes a single string. */
export function renderTemplate(
  sid: string,
  template: StatementTemplate,
  slots: SlotFilling,
): RenderedStatement {
  const sources: ValueSource[] = [];
  const resolve = (raw: string, element: string): string | readonly string[] => {
    const slot = slotOf(raw);
    if (!slot) {
      sources.push({ element, literal: raw });
      return raw;
    }
    const filling = slots[slot];
    if (typeof filling === 'string') {
      sources.push({
        element,
        literal: filling,
        parameter: STRING_SLOT_PARAMETERS[slot] ?? slot,
      });
      return filling;
    }
    if (!filling || filling.size === 0) throw new Error(`slot ${slot} of ${sid} has no value`);
    sources.push({ element, list: filling });
    return filling.values.length === 1 ? filling.values[0]! : filling.values;
  };
  const resolveList = (raw: string | string[], element: string): string | string[] => {
    if (typeof raw === 'string') {
      const one = resolve(raw, element);
      return typeof one === 'string' ? one : [...one];
    }
    const out: string[] = [];
    for (const item of raw) {
      const v = resolve(item, element);
      if (typeof v === 'string') out.push(v);
      else for (const each of v) out.push(each);
    }
    return out.length === 1 ? out[0]! : out;
  };
  const statement: PolicyStatement = {
    Sid: sid,
    Effect: template.Effect,
    Principal: template.Principal,
    Action: resolveList(template.Action, 'Action'),
    Resource: resolveList(template.Resource, 'Resource'),
  };
  if (template.Condition) {
    const condition: Record<string, Record<string, string | string[]>> = {};
    for (const [operator, entries] of Object.entries(template.Condition)) {
      const block: Record<string, string | string[]> = {};
      for (const [rawKey, rawValue] of Object.entries(entries)) {
        const key = rawKey.replace(/\{\{(\w+)\}\}/g, (marker, name: string) => {
          const filling = slots[name as SlotName];
          return typeof filling === 'string' ? filling : marker;
        });
        block[key] = resolveList(rawValue as string | string[], `Condition.${operator}.${key}`);
      }
      condition[operator] = block;
    }
    statement.Condition = condition;
  }
  return { statement, values: () => provenanceOf(sources) };
}

function provenanceOf(sources: readonly ValueSource[]): ValueProvenance[] {
  const out: ValueProvenance[] = [];
  for (const source of sources) {
    if ('list' in source) {
      for (const value of source.list.values)
        out.push(source.list.provenanceOf(source.element, value));
      continue;
    }
    const value: ValueProvenance = {
      element: source.element,
      value: source.literal,
      patterns: [],
      regions: [],
      quirks: [],
      placeholder: false,
    };
    if (source.parameter !== undefined) value.parameter = source.parameter;
    out.push(value);
  }
  return out;
}
