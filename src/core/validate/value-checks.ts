/**
 * Checks of the values in a policy: unfilled placeholders, action names, resource ARNs, principals
 * and condition values (types, identifier shapes, wildcards where AWS forbids them). Names are
 * checked against the IAM reference index when one is given.
 */
import type { Catalog } from '../catalog/catalog';
import type { IamIndex } from '../iam/iam-index';
import type { Findings } from '../policy/findings';
import { hasPlaceholder, PLACEHOLDER_PATTERN, type RegionFinder } from '../policy/identifiers';
import type { PolicyModel, PolicyValue } from '../policy/policy-model';
import { checkAction } from './value-checks-actions';
import { checkPrincipalEntry, checkResource, type ArnMemory } from './value-checks-arns';
import { checkConditionEntry } from './value-checks-conditions';

export interface ValueCheckContext {
  text: string;
  findings: Findings;
  catalog: Catalog;
  regions: RegionFinder;
  iam?: IamIndex;
  /** Partitions of the regions the endpoint serves, when the caller names them. */
  endpointPartitions?: ReadonlySet<string>;
  /** Set on first use: the remembered ARN problems that fit this context. */
  arnMemory?: { resources: ArnMemory; others: ArnMemory };
}

/** Keys whose values are identifiers that AWS generates; wildcards and numeric operators do not apply to them. */
export const SYSTEM_ID_KEYS: ReadonlyMap<string, string> = new Map(
  [
    'aws:PrincipalAccount',
    'aws:PrincipalOrgID',
    'aws:ResourceAccount',
    'aws:ResourceOrgID',
    'aws:SourceAccount',
    'aws:SourceOrgID',
    'aws:SourceVpc',
    'aws:SourceVpce',
    'aws:VpceAccount',
    'aws:VpceOrgID',
    'aws:SourceOwner',
    'aws:CalledViaFirst',
  ].map((key) => [key.toLowerCase(), key]),
);

/** A value cut for a message. */
export const shortValue = (value: string) =>
  value.length > 60 ? `${value.slice(0, 57)}...` : value;

/** Reports every `<placeholder>` of a string at its exact place; returns whether there was one. */
export function reportPlaceholders(
  value: PolicyValue,
  context: ValueCheckContext,
  what = 'value',
): boolean {
  if (value.kind !== 'string' || !hasPlaceholder(value.value)) return false;
  const raw = context.text.slice(value.offset, value.offset + value.length);
  const matches = [...raw.matchAll(PLACEHOLDER_PATTERN)];
  const found =
    matches.length > 0
      ? matches.map((m) => ({ text: m[0], offset: value.offset + m.index }))
      : [...value.value.matchAll(PLACEHOLDER_PATTERN)].map((m) => ({
          text: m[0],
          offset: value.offset,
        }));
  for (const placeholder of found) {
    context.findings.error(
      'placeholder/unfilled',
      `${placeholder.text} is a placeholder that still has to be filled in this ${what}.`,
      {
        offset: placeholder.offset,
        length: matches.length > 0 ? placeholder.text.length : value.length,
        path: value.path,
      },
      { hint: placeholderHint(placeholder.text) },
    );
  }
  return true;
}

function placeholderHint(placeholder: string): string {
  const name = placeholder.toLowerCase();
  if (name.includes('org'))
    return 'Put your AWS Organizations organization id (o-...) here; the Organizations console shows it.';
  if (name.includes('withoutdashes'))
    return 'Put the region code without dashes here, e.g. useast1.';
  if (name.includes('region'))
    return 'Put the region code here, e.g. us-east-1; an endpoint policy covers the region of its endpoint.';
  if (name.includes('account')) return 'Put the 12-digit account id here.';
  if (name.includes('action')) return 'Put the actions here, e.g. s3:GetObject.';
  if (name.includes('arn')) return 'Put the resource ARNs here.';
  return 'Replace it with the value it stands for, or let the builder generate the policy for you.';
}

/**
 * A Sid IAM accepts, made from one it refuses: accents taken off the letters ("Ü" is "U"), and
 * the words that spaces or signs separated joined with a capital ("Allow org" is "AllowOrg").
 */
function sidFrom(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word.length > 0)
    .map((word, index) => (index === 0 ? word : word[0]!.toUpperCase() + word.slice(1)))
    .join('');
}

/** IAM accepts only ASCII letters and digits in a Sid, and each Sid once per policy. */
function checkSids(model: PolicyModel, context: ValueCheckContext): void {
  const seen = new Map<string, PolicyValue>();
  for (const statement of model.statements) {
    const sid = statement.sid;
    if (!sid || reportPlaceholders(sid, context, 'Sid')) continue;
    if (!/^[A-Za-z0-9]+$/.test(sid.value)) {
      const cleaned = sidFrom(sid.value);
      context.findings.error(
        'statement/malformed-sid',
        sid.value === ''
          ? 'The Sid is empty.'
          : `The Sid "${shortValue(sid.value)}" may only contain the letters A-Z and a-z and the digits 0-9.`,
        { ...sid },
        {
          hint: cleaned
            ? `Write "${cleaned}", or remove the Sid.`
            : 'Remove the Sid or give it a name of letters and digits.',
        },
      );
    }
    const first = seen.get(sid.value);
    if (first) {
      context.findings.error(
        'statement/duplicate-sid',
        `The Sid "${shortValue(sid.value)}" is already used on line ${context.findings.lines.position(first.offset).line}; each Sid must be unique in a policy.`,
        { ...sid },
        {
          hint: 'Rename one of them, or merge the two statements.',
        },
      );
    } else {
      seen.set(sid.value, sid);
    }
  }
}

/** Checks every value of the policy. */
export function checkPolicyValues(model: PolicyModel, context: ValueCheckContext): void {
  checkSids(model, context);
  for (const statement of model.statements) {
    if (context.findings.full) return;
    for (const value of statement.action?.values ?? [])
      checkAction(value, statement.action!.element, context);
    for (const value of statement.resource?.values ?? [])
      checkResource(value, statement.resource!.element, context);
    for (const entry of statement.principal?.entries ?? [])
      checkPrincipalEntry(entry.type, entry.value, context);
    for (const entry of statement.conditions) checkConditionEntry(entry, statement, context);
  }
}
