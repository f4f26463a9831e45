/**
 * The shape of a simulated request and of a saved expectation about it. Saved expectations travel
 * in the perimeter configuration (and so in share links), and the CLI reads lists of them.
 */
import { z } from '../schema-library';
import { BUDGETS, budgetRule } from '../budgets';
import { ACCOUNT_ID_PATTERN, ORGANIZATION_ID_PATTERN } from '../catalog/ids';

/** A value of a request: an ARN, a tag, a context value. */
const requestValue = z
  .string()
  .max(BUDGETS.requestValueCharacters.limit, budgetRule('requestValueCharacters'));

/**
 * Object keys that zod's records leave out of their output (`__proto__`) are moved aside before
 * the record reads them and put back after, so that a context key or a tag named like a member
 * of Object.prototype is an ordinary key. Keys that start with the stand-in's mark are escaped too.
 */
const KEY_MARK = '\u0000';
const escapeKey = (key: string) =>
  key === '__proto__' || key.startsWith(KEY_MARK) ? `${KEY_MARK}${key}` : key;
const unescapeKey = (key: string) => (key.startsWith(KEY_MARK) ? key.slice(1) : key);

function mapKeys(input: unknown, rename: (key: string) => string): unknown {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return input;
  return Object.fromEntries(Object.entries(input).map(([key, value]) => [rename(key), value]));
}

/** A record of at most `budget` keys that keeps every key as written. */
function ownKeysRecord<T extends z.ZodType>(
  value: T,
  budget: 'requestContextKeys' | 'principalTags',
) {
  return z
    .preprocess(
      (input) => mapKeys(input, escapeKey),
      z
        .record(requestValue, value)
        .refine(
          (record) => Object.keys(record).length <= BUDGETS[budget].limit,
          budgetRule(budget),
        ),
    )
    .transform((record) => mapKeys(record, unescapeKey) as Record<string, z.output<T>>);
}

const accountId = z.string().regex(ACCOUNT_ID_PATTERN, 'expected a 12-digit AWS account id');
const organizationId = z
  .string()
  .regex(ORGANIZATION_ID_PATTERN, 'expected an organization id such as "o-a1b2c3d4e5"');

/** Who signs the request. */
export const requestPrincipalSchema = z.discriminatedUnion('type', [
  z.strictObject({
    /** An IAM role (session) or user of an account. */
    type: z.literal('iam'),
    arn: requestValue.startsWith('arn:').optional(),
    account: accountId,
    /** null when the account is not in any organization. */
    organizationId: organizationId.nullable().optional(),
    tags: ownKeysRecord(requestValue, 'principalTags').optional(),
  }),
  z.strictObject({
    /** An AWS service principal such as `cloudformation.amazonaws.com`. */
    type: z.literal('service'),
    service: z
      .string()
      .regex(
        /^[a-z0-9.-]+\.amazonaws\.com(\.cn)?$/,
        'expected a service principal such as "cloudformation.amazonaws.com"',
      ),
  }),
  z.strictObject({
    /** An unsigned request, e.g. yum fetching a package. */
    type: z.literal('anonymous'),
  }),
]);
export type RequestPrincipal = z.infer<typeof requestPrincipalSchema>;

export const simulatedRequestSchema = z.strictObject({
  principal: requestPrincipalSchema,
  action: z
    .string()
    .regex(/^[a-z0-9-]+:[A-Za-z0-9]+$/, 'expected an action such as "s3:GetObject"'),
  resource: requestValue.min(1),
  resourceAccount: accountId.optional(),
  /** null when the resource's account is not in any organization. */
  resourceOrganizationId: organizationId.nullable().optional(),
  /** Other request context keys, e.g. `aws:SourceVpc`. */
  context: ownKeysRecord(
    z.union([
      requestValue,
      z.array(requestValue).max(BUDGETS.requestKeyValues.limit, budgetRule('requestKeyValues')),
    ]),
    'requestContextKeys',
  ).optional(),
});
export type SimulatedRequest = z.infer<typeof simulatedRequestSchema>;

export const DECISIONS = ['Allowed', 'ImplicitDeny', 'ExplicitDeny'] as const;
export const decisionSchema = z.enum(DECISIONS);
export type Decision = z.infer<typeof decisionSchema>;

/** A request kept in the user's test suite, with the verdict they expect. */
export const savedRequestSchema = z.strictObject({
  name: z.string().min(1).max(200),
  /** The endpoint service whose policy the request goes through. */
  service: z.string().min(2),
  /** The region of the endpoint; defaults to the first selected region. */
  region: z.string().optional(),
  request: simulatedRequestSchema,
  expect: decisionSchema,
});
export type SavedRequest = z.infer<typeof savedRequestSchema>;
