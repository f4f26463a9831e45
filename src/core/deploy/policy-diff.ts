/**
 * Statement-level comparison of a deployed endpoint policy with the designed one. Statements are
 * compared canonically: the order of keys, the order of values in a list, a single value against a
 * list of one, and the case of condition key names (which IAM ignores) make no difference. The
 * design is the base: `added` statements are only on the endpoint, `removed` ones only in the design.
 */

/** One element of a statement whose values differ, e.g. `Condition.StringEquals.aws:principalorgid`. */
export interface ElementChange {
  element: string;
  /** Values on the endpoint that the design does not have. */
  added: string[];
  /** Values of the design missing on the endpoint. */
  removed: string[];
}

export interface StatementChange {
  /** The Sid, or `(no Sid) #n` for the n-th statement without one. */
  sid: string;
  change: 'added' | 'removed' | 'changed';
  /** For `changed`: the elements that differ. */
  elements?: ElementChange[];
}

export interface PolicyComparison {
  /** True when every statement and the Version are the same. */
  same: boolean;
  statements: StatementChange[];
  /** Set when the Version differs: `{ deployed, designed }`. */
  version?: { deployed: string | null; designed: string | null };
}

/** A statement flattened to element paths, each with its set of values. */
type FlatStatement = Map<string, Set<string>>;

function leaf(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function flatten(value: unknown, path: string, out: FlatStatement, depth = 0): void {
  const add = (v: string) => {
    let set = out.get(path);
    if (!set) out.set(path, (set = new Set()));
    set.add(v);
  };
  if (Array.isArray(value)) {
    if (value.length === 0) out.set(path, out.get(path) ?? new Set());
    for (const item of value)
      if (typeof item === 'object' && item !== null) add(JSON.stringify(item));
      else add(leaf(item));
    return;
  }
  if (typeof value === 'object' && value !== null && depth < 3) {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) out.set(path, out.get(path) ?? new Set());
    for (const [key, inner] of entries) {
      // Condition key names are case-insensitive in IAM; operators and element names are not.
      const name = path.startsWith('Condition.') ? key.toLowerCase() : key;
      flatten(inner, `${path}.${name}`, out, depth + 1);
    }
    return;
  }
  add(leaf(value));
}

function flattenStatement(statement: Record<string, unknown>): FlatStatement {
  const out: FlatStatement = new Map();
  for (const [key, value] of Object.entries(statement)) {
    if (key === 'Sid') continue;
    flatten(value, key, out);
  }
  return out;
}

/** A statement's canonical text: equal texts mean equal statements. */
export function canonicalStatement(statement: Record<string, unknown>): string {
  const flat = flattenStatement(statement);
  return JSON.stringify([...flat.keys()].sort().map((key) => [key, [...flat.get(key)!].sort()]));
}

function statementList(policy: unknown): Record<string, unknown>[] {
  if (typeof policy !== 'object' || policy === null) return [];
  const statement = (policy as Record<string, unknown>).Statement;
  const list = Array.isArray(statement) ? statement : statement === undefined ? [] : [statement];
  return list.filter(
    (s): s is Record<string, unknown> => typeof s === 'object' && s !== null && !Array.isArray(s),
  );
}

function keyed(statements: Record<string, unknown>[]): Map<string, Record<string, unknown>> {
  const out = new Map<string, Record<string, unknown>>();
  let unnamed = 0;
  for (const statement of statements) {
    const sid =
      typeof statement.Sid === 'string' && statement.Sid !== '' ? statement.Sid : undefined;
    let key = sid ?? `(no Sid) #${++unnamed}`;
    // A repeated Sid is invalid, but both statements must still be compared.
    for (let n = 2; out.has(key); n++) key = `${sid ?? '(no Sid)'} #${n}`;
    out.set(key, statement);
  }
  return out;
}

function elementChanges(deployed: FlatStatement, designed: FlatStatement): ElementChange[] {
  const changes: ElementChange[] = [];
  for (const element of [...new Set([...deployed.keys(), ...designed.keys()])].sort()) {
    const mine = deployed.get(element) ?? new Set<string>();
    const theirs = designed.get(element) ?? new Set<string>();
    const added = [...mine].filter((v) => !theirs.has(v)).sort();
    const removed = [...theirs].filter((v) => !mine.has(v)).sort();
    const presence = deployed.has(element) !== designed.has(element);
    if (added.length > 0 || removed.length > 0 || presence)
      changes.push({ element, added, removed });
  }
  return changes;
}

function versionOf(policy: unknown): string | null {
  const version =
    typeof policy === 'object' && policy !== null
      ? (policy as Record<string, unknown>).Version
      : undefined;
  return typeof version === 'string' ? version : null;
}

/**
 * Compares two parsed policies. Statements without a Sid are matched to an equal statement of the
 * other policy first, so that only real differences are reported.
 */
export function comparePolicies(deployed: unknown, designed: unknown): PolicyComparison {
  const deployedStatements = statementList(deployed);
  const designedStatements = statementList(designed);
  const statements: StatementChange[] = [];
  // Equal statements are paired first, whatever their Sid or position.
  const designedByCanonical = new Map<string, number>();
  for (const s of designedStatements) {
    const key = `${typeof s.Sid === 'string' ? s.Sid : ''}\u0000${canonicalStatement(s)}`;
    designedByCanonical.set(key, (designedByCanonical.get(key) ?? 0) + 1);
  }
  const unmatchedDeployed: Record<string, unknown>[] = [];
  for (const s of deployedStatements) {
    const key = `${typeof s.Sid === 'string' ? s.Sid : ''}\u0000${canonicalStatement(s)}`;
    const left = designedByCanonical.get(key) ?? 0;
    if (left > 0) designedByCanonical.set(key, left - 1);
    else unmatchedDeployed.push(s);
  }
  const unmatchedDesigned = designedStatements.filter((s) => {
    const key = `${typeof s.Sid === 'string' ? s.Sid : ''}\u0000${canonicalStatement(s)}`;
    const left = designedByCanonical.get(key) ?? 0;
    if (left > 0) {
      designedByCanonical.set(key, left - 1);
      return true;
    }
    return false;
  });
  const deployedBySid = keyed(unmatchedDeployed);
  const designedBySid = keyed(unmatchedDesigned);
  for (const [sid, statement] of designedBySid) {
    const other = deployedBySid.get(sid);
    if (!other) statements.push({ sid, change: 'removed' });
    else
      statements.push({
        sid,
        change: 'changed',
        elements: elementChanges(flattenStatement(other), flattenStatement(statement)),
      });
  }
  for (const sid of deployedBySid.keys())
    if (!designedBySid.has(sid)) statements.push({ sid, change: 'added' });
  const comparison: PolicyComparison = { same: statements.length === 0, statements };
  const deployedVersion = versionOf(deployed);
  const designedVersion = versionOf(designed);
  if (deployedVersion !== designedVersion) {
    comparison.same = false;
    comparison.version = { deployed: deployedVersion, designed: designedVersion };
  }
  return comparison;
}

const EVERYONE = new Set(['*']);

function isEveryone(flat: FlatStatement): boolean {
  const principal = flat.get('Principal');
  const aws = flat.get('Principal.AWS');
  const others = [...flat.keys()].filter(
    (k) => k.startsWith('Principal.') && k !== 'Principal.AWS',
  );
  return (
    others.length === 0 &&
    ((principal?.size === 1 && principal.has('*')) ||
      (!principal && aws?.size === 1 && aws.has('*')))
  );
}

function allowsEverything(flat: FlatStatement): boolean {
  const effect = flat.get('Effect');
  return (
    effect?.size === 1 &&
    effect.has('Allow') &&
    isEveryone(flat) &&
    (flat.get('Action')?.has('*') ?? false) &&
    (flat.get('Resource')?.has('*') ?? false) &&
    ![...flat.keys()].some(
      (k) =>
        k === 'Condition' ||
        k.startsWith('Condition.') ||
        k === 'NotAction' ||
        k === 'NotResource' ||
        k === 'NotPrincipal' ||
        k.startsWith('NotPrincipal.'),
    )
  );
}

/**
 * Whether the policy is the one AWS attaches when none is given: a single statement allowing every
 * action on every resource to every principal (Version and Sid aside).
 * Source: https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html#default-endpoint-policy
 */
export function isDefaultFullAccessPolicy(policy: unknown): boolean {
  const statements = statementList(policy);
  if (statements.length !== 1) return false;
  const flat = flattenStatement(statements[0]!);
  const keys = [...flat.keys()].sort().join(',');
  return (
    (keys === 'Action,Effect,Principal,Resource' ||
      keys === 'Action,Effect,Principal.AWS,Resource') &&
    allowsEverything(flat) &&
    flat.get('Action')!.size === 1 &&
    flat.get('Resource')!.size === 1 &&
    EVERYONE.has([...flat.get('Action')!][0]!)
  );
}

/**
 * Whether the policy lets every principal do everything through the endpoint: an unconditional
 * Allow of `*` on `*` to `*`, and no Deny statement that could narrow it.
 */
export function isOpenPolicy(policy: unknown): boolean {
  const statements = statementList(policy);
  const flats = statements.map(flattenStatement);
  return flats.some(allowsEverything) && !flats.some((f) => f.get('Effect')?.has('Deny') ?? false);
}
