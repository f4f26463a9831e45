/** Value checks, conditions: condition keys, operators that fit them, and the shapes of their values. */

import { ORGANIZATION_ID_PATTERN, REGION_CODE_PATTERN, toRegionCode } from '../catalog/ids';
import type { ConditionKeyInfo } from '../iam/iam-index';
import type { ConditionOperator, OperatorFamily } from '../policy/condition-operators';
import type { Findings, Span } from '../policy/findings';
import {
  hasPlaceholder,
  isIpAddressOrCidr,
  isPolicyDate,
  ORGANIZATION_PATH_PATTERN,
} from '../policy/identifiers';
import { VPC_ID_PATTERN, VPC_ENDPOINT_ID_PATTERN } from '../catalog/endpoint-ids';
import { hasWildcard } from '../policy/arn';
import type { ConditionEntry, ParsedStatement, PolicyValue } from '../policy/policy-model';
import {
  SYSTEM_ID_KEYS,
  reportPlaceholders,
  shortValue,
  type ValueCheckContext,
} from './value-checks';
import { checkArn } from './value-checks-arns';
const ACCOUNT_KEYS = new Set([
  'aws:principalaccount',
  'aws:resourceaccount',
  'aws:sourceaccount',
  'aws:vpceaccount',
  's3:resourceaccount',
  'aws:sourceowner',
]);
const ORGANIZATION_KEYS = new Set([
  'aws:principalorgid',
  'aws:resourceorgid',
  'aws:sourceorgid',
  'aws:vpceorgid',
]);
const ORGANIZATION_PATH_KEYS = new Set([
  'aws:principalorgpaths',
  'aws:resourceorgpaths',
  'aws:sourceorgpaths',
  'aws:vpceorgpaths',
]);

/** Operator families that fit each key type; Null fits every key. */
const FAMILIES_BY_TYPE: Record<string, readonly OperatorFamily[]> = {
  String: ['String'],
  ARN: ['String', 'Arn'],
  Bool: ['Bool'],
  Numeric: ['Numeric'],
  Date: ['Date', 'Numeric'],
  IPAddress: ['IpAddress'],
  Binary: ['Binary'],
};

/** A key's type in words, with its article, as a message reads it. */
const TYPE_IN_WORDS: Record<string, string> = {
  String: 'a string',
  ARN: 'an ARN',
  Bool: 'a Boolean',
  Numeric: 'a numeric',
  Date: 'a date',
  IPAddress: 'an IP address',
  Binary: 'a binary',
};

function conditionKeyInfo(
  entry: ConditionEntry,
  context: ValueCheckContext,
): ConditionKeyInfo | undefined {
  const { findings, iam } = context;
  if (!iam) return undefined;
  if (hasPlaceholder(entry.key)) return undefined;
  const info = iam.findConditionKey(entry.key);
  if (!info) {
    const lower = entry.key.toLowerCase();
    const tagKey = /^aws:(principal|resource|request)tag\/?$/.test(lower);
    findings.warning(
      'condition/unknown-key',
      tagKey
        ? `The tag key is missing from "${entry.key}".`
        : `No AWS service defines the condition key "${entry.key}"; a missing key makes the condition false (or, with ...IfExists, always true).`,
      entry.keySpan,
      {
        hint: tagKey
          ? `Write "${entry.key.replace(/\/?$/, '/')}<tag-key>".`
          : 'Check the spelling; global keys start with "aws:".',
      },
    );
  }
  return info;
}

export function checkConditionEntry(
  entry: ConditionEntry,
  statement: ParsedStatement,
  context: ValueCheckContext,
): void {
  const { findings } = context;
  const keyHasPlaceholder = reportPlaceholders(
    {
      value: entry.key,
      kind: 'string',
      offset: entry.keySpan.offset,
      length: entry.keySpan.length,
      path: entry.keySpan.path ?? [],
    },
    context,
    'condition key',
  );
  const operator = entry.operator;
  const info = keyHasPlaceholder ? undefined : conditionKeyInfo(entry, context);
  const key: CheckedKey = {
    info,
    lowerKey: entry.key.toLowerCase(),
    systemKey: SYSTEM_ID_KEYS.get(entry.key.toLowerCase()),
  };
  const systemKey = key.systemKey;

  if (operator && info && operator.family !== 'Null')
    checkOperatorAgainstKey(info, operator, statement, entry.operatorSpan, context);

  if (operator && systemKey && operator.family === 'Numeric') {
    findings.error(
      'condition/numeric-on-system-id',
      `${systemKey} holds an identifier that AWS generates; numeric operators cannot be used with it in an endpoint policy.`,
      entry.operatorSpan,
      { hint: 'Use StringEquals with the exact ids.' },
    );
  }

  for (const value of entry.values) {
    if (reportPlaceholders(value, context, 'condition value')) continue;
    if (operator) checkConditionValue(value, operator, key, context);
  }
}

/** The condition key as the value checks need it. */
interface CheckedKey {
  info: ConditionKeyInfo | undefined;
  lowerKey: string;
  /** The name of a key that holds an identifier AWS generates, if it is one. */
  systemKey: string | undefined;
}

/** An operator against the type of its key: the family, and the set qualifier a key's values need. */
function checkOperatorAgainstKey(
  info: ConditionKeyInfo,
  operator: ConditionOperator,
  statement: ParsedStatement,
  operatorSpan: Span,
  context: ValueCheckContext,
): void {
  const { findings } = context;
  const scalarType = info.type.replace(/^ArrayOf/, '');
  const fits = FAMILIES_BY_TYPE[scalarType] ?? ['String'];
  if (!fits.includes(operator.family)) {
    findings.warning(
      'condition/operator-type-mismatch',
      `${info.key} holds ${TYPE_IN_WORDS[scalarType] ?? `a ${scalarType}`} value, but ${operator.base} compares ${operator.family === 'Arn' ? 'ARNs' : `${operator.family.toLowerCase()} values`}; the condition may never match.`,
      operatorSpan,
      {
        hint: `Use a ${fits.map((f) => (f === 'Arn' ? 'Arn' : f)).join(' or ')} operator with this key.`,
      },
    );
  }
  const multivalued = info.type.startsWith('ArrayOf');
  if (multivalued && !operator.setQualifier) {
    findings.warning(
      'condition/multivalued-key-without-qualifier',
      `${info.key} can hold several values; without ForAnyValue: or ForAllValues: it is unclear which must match.`,
      operatorSpan,
      {
        hint: `Write "ForAnyValue:${operator.text}" (any value matches) or "ForAllValues:${operator.text}" (every value matches).`,
      },
    );
  } else if (
    !multivalued &&
    operator.setQualifier === 'ForAllValues' &&
    statement.effect === 'Allow'
  ) {
    findings.warning(
      'condition/for-all-values-single-valued',
      `${info.key} holds one value; ForAllValues: is also true when the key is absent, so requests without it pass this Allow.`,
      operatorSpan,
      {
        hint: `Write "${operator.text.replace(/^ForAllValues:/, '')}".`,
      },
    );
  } else if (!multivalued && operator.setQualifier === 'ForAnyValue') {
    findings.info(
      'condition/for-any-value-single-valued',
      `${info.key} holds one value; ForAnyValue: adds nothing here.`,
      operatorSpan,
      { hint: `Write "${operator.text.replace(/^ForAnyValue:/, '')}".` },
    );
  }
}

/** One value of a condition against its operator and key. */
function checkConditionValue(
  value: PolicyValue,
  operator: ConditionOperator,
  key: CheckedKey,
  context: ValueCheckContext,
): void {
  const { findings } = context;
  const { info, lowerKey, systemKey } = key;
  const text = value.value;
  const at: Span = { ...value };
  if (systemKey && operator.family === 'String' && hasWildcard(text)) {
    findings.error(
      'condition/wildcard-on-system-id',
      operator.wildcards
        ? `${systemKey} holds an identifier that AWS generates; wildcards are not allowed in its values in an endpoint policy, and "${shortValue(text)}" could match ids that are not yours.`
        : `${systemKey} holds an identifier that AWS generates; "${shortValue(text)}" is compared as written, and wildcards are not allowed with this key in an endpoint policy.`,
      at,
      { hint: 'List the exact ids.' },
    );
    return;
  }
  if (!checkValueOfFamily(value, operator, context)) return;
  if (info?.type === 'Bool' && operator.family === 'String' && !/^(true|false)$/i.test(text)) {
    findings.error(
      'condition/invalid-bool',
      `${info.key} is true or false, so "${shortValue(text)}" never matches.`,
      at,
    );
  }
  if (
    operator.family === 'String' &&
    operator.wildcards &&
    hasWildcard(text) &&
    !hasSixCharacterContext(text)
  ) {
    findings.warning(
      'condition/short-wildcard-context',
      `In an endpoint policy, each wildcard of a string condition needs at least six characters without wildcards right before or after it; "${shortValue(text)}" has fewer.`,
      at,
      {
        hint: 'Write more of the value around the wildcard, or list the exact values.',
      },
    );
  }
  if (
    operator.family === 'String' &&
    !operator.wildcards &&
    hasWildcard(text) &&
    !operator.negated
  ) {
    findings.warning(
      'condition/wildcard-in-equals',
      `${operator.base} compares "${shortValue(text)}" as written: * and ? are not wildcards with this operator.`,
      at,
      { hint: 'Use StringLike for wildcards.' },
    );
  }
  if (hasWildcard(text) && operator.wildcards) return;
  checkIdentifierShape(lowerKey, value, context, at);
}

/**
 * A value against the type its operator compares. Returns whether the value is to be read as a
 * string by the checks that follow (strings, and booleans written correctly).
 */
function checkValueOfFamily(
  value: PolicyValue,
  operator: ConditionOperator,
  context: ValueCheckContext,
): boolean {
  const { findings } = context;
  const text = value.value;
  const at: Span = { ...value };
  switch (operator.family) {
    case 'Bool':
    case 'Null':
      if (!/^(true|false)$/i.test(text)) {
        findings.error(
          'condition/invalid-bool',
          `${operator.base} takes "true" or "false", not "${shortValue(text)}".`,
          at,
        );
        return false;
      }
      if (operator.family === 'Bool' && value.kind === 'string' && text !== text.toLowerCase()) {
        findings.info(
          'condition/bool-case',
          `Write "${text.toLowerCase()}" in lower case, as AWS documents it.`,
          at,
        );
      }
      return true;
    case 'Numeric':
      // A JSON number is a number; whether JSON reads it as written is checked with the policy.
      if (value.kind !== 'number' && !/^-?\d+(\.\d+)?$/.test(text))
        findings.error(
          'condition/invalid-number',
          `${operator.base} compares numbers; "${shortValue(text)}" is not a number.`,
          at,
        );
      return false;
    case 'Date':
      if (!isPolicyDate(text))
        findings.error(
          'condition/invalid-date',
          `${operator.base} compares dates; "${shortValue(text)}" is not an ISO 8601 date or epoch seconds.`,
          at,
          { hint: 'Write e.g. "2026-12-31T23:59:59Z".' },
        );
      return false;
    case 'IpAddress':
      if (!isIpAddressOrCidr(text))
        findings.error(
          'condition/invalid-ip',
          `${operator.base} compares IP addresses; "${shortValue(text)}" is not an IP address or CIDR block.`,
          at,
          { hint: 'Write e.g. "203.0.113.0/24".' },
        );
      return false;
    case 'Binary':
      if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text))
        findings.error(
          'condition/invalid-binary',
          `BinaryEquals takes base64 text; "${shortValue(text)}" is not.`,
          at,
        );
      return false;
    case 'Arn':
      if (text !== '*' && !text.startsWith('arn:')) {
        findings.error(
          'condition/invalid-arn',
          `${operator.base} compares ARNs; "${shortValue(text)}" is not one.`,
          at,
          {
            hint: 'Write an ARN such as arn:aws:iam::111122223333:role/name (wildcards allowed).',
          },
        );
        return false;
      }
      if (text !== '*') checkArn(value, context, { resourceShapes: false });
      return false;
    case 'String':
      return true;
  }
}

/** A policy variable (`${aws:username}`) replaced by a wildcard, so that the fixed parts can still be checked. */
export function withoutPolicyVariables(text: string): string {
  return text.includes('${') ? text.replace(/\$\{[^}]*\}/g, '*') : text;
}

/** Each `*` or `?` has a run of at least six other characters directly before or after it. */
function hasSixCharacterContext(text: string): boolean {
  const runs = text.split(/[*?]/);
  for (let i = 0; i < runs.length - 1; i++) {
    if (runs[i]!.length < 6 && runs[i + 1]!.length < 6) return false;
  }
  return true;
}

/** An account id is 12 digits, written as a string so that leading zeros survive. */
function checkAccountId(value: PolicyValue, findings: Findings, at: Span): void {
  const text = value.value;
  if (!/^\d{12}$/.test(text)) {
    findings.error(
      'id/malformed-account',
      `"${shortValue(text)}" is not an AWS account id: an account id has exactly 12 digits.`,
      at,
      {
        hint: /^\d+$/.test(text)
          ? `It has ${text.length} digit${text.length === 1 ? '' : 's'}${value.kind === 'number' ? ' (as a JSON number, leading zeros are lost: write it in quotes)' : ''}.`
          : 'Write the 12 digits, in quotes.',
      },
    );
  } else if (value.kind === 'number') {
    findings.warning(
      'id/account-as-number',
      'Write account ids as strings: a JSON number loses leading zeros.',
      at,
      { hint: `Write "${text}".` },
    );
  }
}

/** An organization id; a root or OU id in its place gets a pointer to aws:PrincipalOrgPaths. */
function checkOrganizationId(text: string, findings: Findings, at: Span): void {
  if (ORGANIZATION_ID_PATTERN.test(text)) return;
  findings.error(
    'id/malformed-organization',
    `"${shortValue(text)}" is not an organization id: it is "o-" followed by 10 to 32 lower-case letters or digits.`,
    at,
    {
      hint: /^r-|^ou-/.test(text)
        ? 'That is a root or OU id; use aws:PrincipalOrgPaths for those.'
        : 'The AWS Organizations console shows the organization id.',
    },
  );
}

function checkIdentifierShape(
  lowerKey: string,
  value: PolicyValue,
  context: ValueCheckContext,
  at: Span,
): void {
  const { findings } = context;
  const text = value.value;
  // "aws:ResourceOrgID": "${aws:PrincipalOrgID}" compares two keys of the request: nothing to check here.
  if (text.includes('${')) return;
  if (ACCOUNT_KEYS.has(lowerKey)) {
    checkAccountId(value, findings, at);
  } else if (ORGANIZATION_KEYS.has(lowerKey)) {
    checkOrganizationId(text, findings, at);
  } else if (ORGANIZATION_PATH_KEYS.has(lowerKey)) {
    if (!ORGANIZATION_PATH_PATTERN.test(text)) {
      findings.error(
        'id/malformed-organization-path',
        `"${shortValue(text)}" is not an organization path such as "o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/".`,
        at,
      );
    }
  } else if (lowerKey === 'aws:sourcevpc') {
    if (!VPC_ID_PATTERN.test(text))
      findings.error(
        'id/malformed-vpc',
        `"${shortValue(text)}" is not a VPC id such as "vpc-0123456789abcdef0".`,
        at,
      );
  } else if (lowerKey === 'aws:sourcevpce') {
    if (!VPC_ENDPOINT_ID_PATTERN.test(text))
      findings.error(
        'id/malformed-vpc-endpoint',
        `"${shortValue(text)}" is not a VPC endpoint id such as "vpce-0123456789abcdef0".`,
        at,
      );
  } else if (lowerKey === 'aws:sourceip' || lowerKey === 'aws:vpcsourceip') {
    if (!isIpAddressOrCidr(text))
      findings.error(
        'condition/invalid-ip',
        `"${shortValue(text)}" is not an IP address or CIDR block.`,
        at,
      );
  } else if (lowerKey === 'aws:requestedregion') {
    if (!REGION_CODE_PATTERN.test(text))
      findings.error(
        'id/malformed-region',
        `"${shortValue(text)}" is not a region code such as "us-east-1".`,
        at,
      );
    else if (!toRegionCode(text, context.catalog))
      findings.warning('id/unknown-region', `The region "${text}" is not one we know.`, at);
  } else if (lowerKey === 'aws:principalarn' || lowerKey === 'aws:sourcearn') {
    if (text.startsWith('arn:')) checkArn(value, context, { resourceShapes: false });
    else findings.error('condition/invalid-arn', `"${shortValue(text)}" is not an ARN.`, at);
  }
}
