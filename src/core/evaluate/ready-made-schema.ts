/**
 * The shape of the ready-made requests file: requests that matter to a data perimeter, keyed by
 * the service template of the catalog they are written for. Each request is a saved request
 * whose strings may hold `{placeholders}` filled from the configuration and the region, and it
 * says which statement (or data access pattern) lets it through, if any: the verdict it should
 * get follows from that and from the choices. `scenarios.test.ts` checks the file against this
 * schema and every request against the generated policies.
 */
import { z } from 'zod';
import { sourceSchema, statementSidSchema } from '../catalog/schema';
import { DECISIONS } from '../config/request-schema';

/** Names a `{placeholder}` may take; `{account:<pattern-id>}` is the pattern's account in the region. */
export const READY_MADE_PLACEHOLDERS = [
  'partition',
  'region',
  'regionNoDashes',
  'organizationId',
  'ourAccount',
  'ourOtherAccount',
  'outsideAccount',
  'awsOwnedAccount',
  'exclusionTagKey',
  'exclusionTagValue',
  'thirdPartyIdentitiesToThirdPartyResources.account',
  'thirdPartyIdentitiesToThirdPartyResources.action',
  'thirdPartyIdentitiesToThirdPartyResources.resource',
  'orgIdentitiesToThirdPartyResources.account',
  'orgIdentitiesToThirdPartyResources.action',
  'orgIdentitiesToThirdPartyResources.resource',
] as const;
export type ReadyMadePlaceholder = (typeof READY_MADE_PLACEHOLDERS)[number];

/** `{name}` or `{account:pattern-id}`; the only pattern matched against these strings. */
export const PLACEHOLDER_PATTERN = /\{([A-Za-z.]+|account:[a-z0-9-]+)\}/g;

const kebabId = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'expected a kebab-case id such as "kms-org-role-decrypts"');

/**
 * One way the request is let through: a statement, or a data access pattern (which names its
 * statement in the catalog). The pattern may be one the catalog does not have yet; the request is
 * then expected to be denied.
 */
export const admissionSchema = z.union([
  z.strictObject({ statement: statementSidSchema }),
  z.strictObject({ pattern: kebabId }),
]);
export type Admission = z.infer<typeof admissionSchema>;

const templatedPrincipalSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('iam'),
    arn: z.string().startsWith('arn:'),
    account: z.string().min(1),
    /** null: the account is in no organization. */
    organizationId: z.string().nullable(),
    tags: z.record(z.string(), z.string()).optional(),
  }),
  z.strictObject({ type: z.literal('service'), service: z.string().min(1) }),
  z.strictObject({ type: z.literal('anonymous') }),
]);

export const readyMadeRequestSchema = z.strictObject({
  id: kebabId,
  /** The endpoint service the request goes through (one that uses the template it is listed under). */
  service: z.string().min(2).brand<'ServiceId'>(),
  name: z.string().min(10).max(200),
  /** Why the request matters to the perimeter, in one sentence of our own. */
  why: z.string().min(20),
  request: z.strictObject({
    principal: templatedPrincipalSchema,
    action: z.string().min(3),
    resource: z.string().min(1),
    resourceAccount: z.string().optional(),
    resourceOrganizationId: z.string().nullable().optional(),
  }),
  /** How the request is let through; empty for a request the perimeter keeps out whatever the choices. */
  allowedBy: z.array(admissionSchema),
  /** The verdict under the default choices with an organization id, as written for a reader; the test checks it. */
  defaultVerdict: z.enum(DECISIONS),
  /** Where the facts the request rests on come from, when the catalog does not already say. */
  sources: z.array(sourceSchema).optional(),
});
export type ReadyMadeRequestSpec = z.infer<typeof readyMadeRequestSchema>;

export const readyMadeFileSchema = z.strictObject({
  /** Ready-made requests by service template id (`default` included). */
  templates: z.record(z.string().min(2), z.array(readyMadeRequestSchema).min(1)),
});
export type ReadyMadeFile = z.infer<typeof readyMadeFileSchema>;
