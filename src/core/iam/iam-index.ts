/**
 * The IAM reference index: which service prefixes, actions and condition keys exist, and how the
 * ARNs of each service look. The data (about 220 kB) is loaded on demand with `loadIamIndex()`,
 * so the browser fetches it only when a policy is validated; every query is synchronous after that.
 * Names are matched without regard to case, as IAM does.
 */
import {
  CODE_ALPHABET,
  CONDITION_TYPE_CODES,
  decodeName,
  type ConditionKeyType,
  type IamIndexData,
} from './iam-index-format';
import {
  compileWildcard,
  wildcardTokens,
  type WildcardMatcher,
  type WildcardToken,
} from '../policy/wildcard';

export type { ConditionKeyType, IamIndexData } from './iam-index-format';

export interface ConditionKeyInfo {
  /** The key as AWS documents it, e.g. `aws:PrincipalOrgID` or `aws:PrincipalTag/${TagKey}`. */
  key: string;
  type: ConditionKeyType;
}

/** How the ARNs of one resource type look. */
export interface ArnResourceShape {
  hasRegion: boolean;
  hasAccount: boolean;
  /** The resource part up to its first variable (`image/`), or all of it when `fixed`. */
  prefix: string;
  /** True when the resource part has no variable, e.g. `root`. */
  fixed: boolean;
}

export interface IamIndex {
  /** The reference data's package and version. */
  readonly source: IamIndexData['source'];
  /** Every service prefix, e.g. `s3`, `ec2`, `ecr`. */
  readonly servicePrefixes: readonly string[];
  hasServicePrefix(prefix: string): boolean;
  /** Action names of a service prefix as AWS spells them, or undefined for an unknown prefix. */
  actionsOf(prefix: string): readonly string[] | undefined;
  /** The action as AWS spells it (`s3:GetObject`), or undefined. */
  findAction(prefix: string, name: string): string | undefined;
  /**
   * How many actions of the prefix a name with `*` and `?` wildcards matches; undefined when the
   * caller's budget of such lookups is spent (see `validate`).
   */
  countMatchingActions(prefix: string, pattern: string): number | undefined;
  /** The condition key's documented form and type, or undefined when no service defines it. */
  findConditionKey(key: string): ConditionKeyInfo | undefined;
  /** Resource shapes of an ARN service (the third field of an ARN), or undefined when unknown. */
  arnResourceShapes(arnService: string): readonly ArnResourceShape[] | undefined;
}

const TYPE_BY_CODE = new Map<string, ConditionKeyType>(
  Object.entries(CONDITION_TYPE_CODES).map(([type, code]) => [code, type as ConditionKeyType]),
);

/** Builds the queries over decoded index data; decoding of each service's actions waits for its first query. */
// eslint-disable-next-line max-lines-per-function -- the queries are closures over the decoded tables, returned as one object.
export function createIamIndex(data: IamIndexData): IamIndex {
  const words = data.words.split(' ');
  const codeIndex = new Map([...CODE_ALPHABET].map((c, i) => [c, i]));
  const decode = (encoded: string) => decodeName(encoded, words, data.oneCharacterCodes, codeIndex);
  const servicePrefixes = Object.keys(data.actions);
  const prefixSet = new Set(servicePrefixes);

  const actionCache = new Map<
    string,
    { names: string[]; byLower: Map<string, string>; sortedLower?: string[] }
  >();
  const actionsFor = (prefix: string) => {
    const lower = prefix.toLowerCase();
    let entry = actionCache.get(lower);
    if (entry) return entry;
    const encoded = Object.prototype.hasOwnProperty.call(data.actions, lower)
      ? data.actions[lower]
      : undefined;
    if (encoded === undefined) return undefined;
    const names = encoded === '' ? [] : encoded.split(',').map(decode);
    entry = { names, byLower: new Map(names.map((n) => [n.toLowerCase(), n])) };
    actionCache.set(lower, entry);
    return entry;
  };

  const exactKeys = new Map<string, ConditionKeyInfo>();
  const templateKeys: Array<{ info: ConditionKeyInfo; matches: WildcardMatcher }> = [];
  for (const entry of data.conditionKeys.split(',')) {
    const type = TYPE_BY_CODE.get(entry[0] ?? '');
    if (!type) continue;
    const key = decode(entry.slice(1));
    const info = { key, type };
    if (key.includes('${')) {
      // A variable part (`${TagKey}`) stands for any non-empty text: `?` then `*`.
      const tokens = key
        .split(/\$\{[^}]*\}/)
        .flatMap((part, index): WildcardToken[] => [
          ...(index > 0 ? [{ kind: 'one' } as const, { kind: 'any' } as const] : []),
          ...(part ? [{ kind: 'text', text: part } as const] : []),
        ]);
      templateKeys.push({ info, matches: compileWildcard(tokens, { ignoreCase: true }) });
    } else {
      exactKeys.set(key.toLowerCase(), info);
    }
  }

  const shapeCache = new Map<string, ArnResourceShape[]>();

  return {
    source: data.source,
    servicePrefixes,
    hasServicePrefix: (prefix) => prefixSet.has(prefix.toLowerCase()),
    actionsOf: (prefix) => actionsFor(prefix)?.names,
    findAction(prefix, name) {
      const canonical = actionsFor(prefix)?.byLower.get(name.toLowerCase());
      return canonical === undefined ? undefined : `${prefix.toLowerCase()}:${canonical}`;
    },
    countMatchingActions(prefix, pattern) {
      const entry = actionsFor(prefix);
      if (!entry) return 0;
      // Only names that start with the pattern's text before its first wildcard can match.
      const lower = pattern.toLowerCase();
      const wildcardAt = lower.search(/[*?]/);
      const literal = wildcardAt === -1 ? lower : lower.slice(0, wildcardAt);
      const sorted = (entry.sortedLower ??= [...entry.byLower.keys()].sort());
      const matches = compileWildcard(wildcardTokens(lower), { ignoreCase: false });
      let count = 0;
      for (let i = lowerBound(sorted, literal); i < sorted.length; i++) {
        const name = sorted[i]!;
        if (!name.startsWith(literal)) break;
        if (matches(name)) count++;
      }
      return count;
    },
    findConditionKey(key) {
      const exact = exactKeys.get(key.toLowerCase());
      if (exact) return exact;
      for (const template of templateKeys) if (template.matches(key)) return template.info;
      return undefined;
    },
    arnResourceShapes(arnService) {
      const cached = shapeCache.get(arnService);
      if (cached) return cached;
      const encoded = Object.prototype.hasOwnProperty.call(data.arnResources, arnService)
        ? data.arnResources[arnService]
        : undefined;
      if (encoded === undefined) return undefined;
      const shapes = encoded.split(',').map((code) => {
        const flags = Number(code[0]);
        return {
          hasRegion: (flags & 1) !== 0,
          hasAccount: (flags & 2) !== 0,
          fixed: (flags & 4) !== 0,
          prefix: code.slice(1),
        };
      });
      shapeCache.set(arnService, shapes);
      return shapes;
    },
  };
}

/** The first position in a sorted list whose entry is not less than `text`. */
function lowerBound(sorted: readonly string[], text: string): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle]! < text) low = middle + 1;
    else high = middle;
  }
  return low;
}

let loading: Promise<IamIndex> | undefined;

/** Loads the bundled index once; later calls share the same promise. */
export function loadIamIndex(): Promise<IamIndex> {
  loading ??= import('./iam-index-data.json').then((module) =>
    createIamIndex((module as { default: IamIndexData }).default),
  );
  return loading;
}
