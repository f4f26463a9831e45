/**
 * Schemas of the bundled catalog files. The TypeScript types are inferred from these schemas and
 * the JSON Schema files under `schema/` are exported from them, so data, types and editor
 * validation cannot drift apart (see `catalog.test.ts`).
 */
import { z } from 'zod';
import { ACCOUNT_ID_PATTERN, REGION_CODE_PATTERN, STATEMENT_SIDS } from './ids';

export const statementSidSchema = z.enum(STATEMENT_SIDS);

const kebabId = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'expected a kebab-case id such as "al2023-repositories"');
const accountId = z.string().regex(ACCOUNT_ID_PATTERN, 'expected a 12-digit AWS account id');
/** Ids carry their brand from here: the catalog is where known ids come from (see `ids.ts`). */
const regionCode = z
  .string()
  .regex(REGION_CODE_PATTERN, 'expected a region code such as "us-east-1"')
  .brand<'RegionCode'>();
const serviceId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9.-]*$/)
  .brand<'ServiceId'>();
const patternId = kebabId.brand<'PatternId'>();

/** Where a fact comes from: an upstream sample file at a commit, or a documentation page. */
export const sourceSchema = z
  .strictObject({
    label: z.string().min(3),
    url: z.url({ protocol: /^https$/ }).optional(),
    upstreamFile: z.string().min(3).optional(),
    commit: z
      .string()
      .regex(/^[0-9a-f]{40}$/)
      .optional(),
    retrieved: z.iso.date().optional(),
    /** `false` marks a fact seen only in third-party material; the product says so. */
    verified: z.boolean().optional(),
  })
  .refine((s) => s.url !== undefined || s.upstreamFile !== undefined, {
    message: 'a source needs a url or an upstream file',
  });
export type Source = z.infer<typeof sourceSchema>;

const sources = z.array(sourceSchema).min(1);

/**
 * A policy statement with `{{slot}}` markers. A slot that is a whole string value becomes a
 * string (one value) or an array (several); `{{exclusionTagKey}}` may also sit inside a key.
 */
const jsonValue: z.ZodType<unknown> = z.lazy(() =>
  z.union([z.string(), z.array(jsonValue), z.record(z.string(), jsonValue)]),
);
export const statementTemplateSchema = z.strictObject({
  Effect: z.literal('Allow'),
  Principal: z.literal('*'),
  Action: z.union([z.string(), z.array(z.string())]),
  Resource: z.union([z.string(), z.array(z.string())]),
  Condition: z.record(z.string(), z.record(z.string(), jsonValue)).optional(),
});
export type StatementTemplate = z.infer<typeof statementTemplateSchema>;

/**
 * How data access patterns feed a statement: by resource ARNs, by the owning account, or by
 * resource ARNs that must also belong to our organization (`aws:ResourceOrgID`).
 */
export const grantKindSchema = z.enum(['arn', 'resourceAccount', 'resourceOrg']);
export type GrantKind = z.infer<typeof grantKindSchema>;

export const parameterNameSchema = z.enum([
  'organizationIds',
  'thirdPartyIdentitiesToThirdPartyResources',
  'orgIdentitiesToThirdPartyResources',
  'exclusionTag',
  'accountIds',
  'lambdaLayerAccounts',
  'bucketNames',
]);
export type ParameterName = z.infer<typeof parameterNameSchema>;

export const statementSchema = z.strictObject({
  sid: statementSidSchema,
  order: z.int().min(1).max(7),
  title: z.string().min(5),
  summary: z.string().min(20),
  /** What requests the statement lets through. */
  allows: z.string().min(40),
  /** Why a data perimeter needs it. */
  why: z.string().min(40),
  risks: z.array(z.string().min(20)).min(1),
  /** Whether data access patterns supply its actions and resources. */
  fedByPatterns: z.boolean(),
  parameters: z.array(parameterNameSchema),
  /**
   * `fixed` for statements without patterns; `arn` / `resourceAccount` for pattern-fed ones. A
   * fixed statement may also take `resourceOrg` patterns, each rendered as a statement of its own
   * (`<Sid><suffix>`) next to the fixed one.
   */
  templates: z.strictObject({
    fixed: statementTemplateSchema.optional(),
    arn: statementTemplateSchema.optional(),
    resourceAccount: statementTemplateSchema.optional(),
    resourceOrg: statementTemplateSchema.optional(),
  }),
  sources,
});
export type CatalogStatement = z.infer<typeof statementSchema>;

export const statementsFileSchema = z.strictObject({
  $schema: z.string().optional(),
  statements: z.array(statementSchema).length(7),
});

/** How the request that needs the resource reaches the endpoint. */
export const reachedBySchema = z.enum([
  'unauthenticated',
  'presigned-url',
  'service-role',
  'forward-access-session',
  'org-identities',
  'unknown',
]);
export type ReachedBy = z.infer<typeof reachedBySchema>;

/** Where the per-region account of a pattern comes from. */
export const accountSourceSchema = z.union([
  z.strictObject({
    table: kebabId,
    /** Shown in the policy when no account is known for a region. */
    placeholder: z.string().regex(/^<[A-Za-z0-9-]+>$/),
  }),
  z.strictObject({
    parameter: z.literal('lambdaLayerAccounts'),
    placeholder: z.string().regex(/^<[A-Za-z0-9-]+>$/),
  }),
]);
export type AccountSource = z.infer<typeof accountSourceSchema>;

/** A region-specific exception to a pattern's resources, from a documented quirk. */
export const regionQuirkSchema = z.strictObject({
  regions: z.array(regionCode).min(1),
  /** Replace template variables for these regions (e.g. `region` → `public-beta-cn-north-1`). */
  variables: z
    .partialRecord(z.enum(['region', 'regionNoDashes', 'dnsSuffix']), z.string())
    .optional(),
  /** Replace one resource template of the pattern (empty list: the resource does not exist there). */
  resource: z.string().optional(),
  replaceWith: z.array(z.string()).optional(),
  note: z.string().min(20),
  sources,
});
export type RegionQuirk = z.infer<typeof regionQuirkSchema>;

const partitionId = z.enum(['aws', 'aws-cn', 'aws-us-gov', 'aws-eusc']);

/**
 * Buckets that AWS owns but whose names AWS does not publish: the user supplies the exact names
 * per region (`parameters.bucketNames.<pattern>.<region>`), which fill `{bucket}` in the
 * resources. A wildcard in their place would admit buckets anyone can create.
 */
export const bucketNameSourceSchema = z.strictObject({
  parameter: z.literal('bucketNames'),
  /** Shapes a supplied name must have: `{region}` and `{id}` (the unpublished part). */
  shapes: z.array(z.string().regex(/^[a-z0-9.{}-]+$/)).min(1),
  /** Stands for `{id}` in the policy until the user fills the name. */
  placeholder: z.string().regex(/^<[A-Za-z0-9-]+>$/),
  /** Where the user finds the real names. */
  howToFind: z.string().min(20),
});
export type BucketNameSource = z.infer<typeof bucketNameSourceSchema>;

/**
 * Names that differ per region, from a documented table: `{<name>}` in a resource takes the value
 * of the region. A region without a value has no documented resource: the resource is left out.
 */
export const regionValuesSchema = z.strictObject({
  values: z.record(regionCode, z.string()),
  note: z.string().min(20),
  sources,
});

/**
 * Region-independent bucket names are unique only within a partition: name the partitions where a
 * source shows that AWS owns them. Elsewhere the generator leaves them out.
 */
export const globalNamesSchema = z.strictObject({
  ownedIn: z.array(partitionId).min(1),
  note: z.string().min(20),
  sources,
});

export const patternSchema = z.strictObject({
  id: patternId,
  title: z.string().min(5),
  /** The use case a person looks for, e.g. "Amazon Linux package repositories". */
  useCase: z.string().min(3),
  services: z.array(z.string().min(2).brand<'ServiceId'>()).min(1),
  statement: statementSidSchema,
  reachedBy: reachedBySchema,
  defaultSelected: z.boolean(),
  /** Required when the pattern is off by default: why. */
  offByDefaultBecause: z.string().min(20).optional(),
  summary: z.string().min(20),
  explanation: z.string().min(60),
  risks: z.array(z.string().min(20)),
  actions: z.array(z.string().regex(/^(\*|[a-z0-9-]+:[A-Za-z0-9*?]+)$/)).min(1),
  /**
   * ARN templates with `{partition}`, `{region}`, `{regionNoDashes}`, `{dnsSuffix}`, `{account}`,
   * `{bucket}` (from `bucketNames`) and the names of `regionValues`.
   */
  resources: z.array(z.string().startsWith('arn:{partition}:')).optional(),
  /** Accounts filling `{account}` in resources, or listed in `aws:ResourceAccount`. */
  accounts: accountSourceSchema.optional(),
  bucketNames: bucketNameSourceSchema.optional(),
  regionValues: z.record(z.string().regex(/^[a-z][A-Za-z]+$/), regionValuesSchema).optional(),
  globalNames: globalNamesSchema.optional(),
  grant: grantKindSchema,
  /** Patterns with a suffix get a statement of their own: `<Sid><suffix>`. */
  sidSuffix: z
    .string()
    .regex(/^[A-Z][A-Za-z0-9]+$/)
    .optional(),
  regionQuirks: z.array(regionQuirkSchema).optional(),
  /** Rows of the service-owned resources table this pattern covers ("owner / resource type"). */
  tableRows: z.array(z.string()).optional(),
  sources,
});
export type DataAccessPattern = z.infer<typeof patternSchema>;

export const patternsFileSchema = z.strictObject({
  $schema: z.string().optional(),
  patterns: z.array(patternSchema).min(1),
});

export const templateSchema = z.strictObject({
  id: z.string().min(2),
  title: z.string().min(3),
  /** Statements on by default, in catalog order. */
  statements: z.array(statementSidSchema).min(1),
  sources,
});
export type ServiceTemplate = z.infer<typeof templateSchema>;

export const considerationSchema = z.strictObject({
  perimeter: z.enum(['identity', 'resource']),
  apis: z.array(z.string()),
  note: z.string().min(20),
});

export const serviceSchema = z.strictObject({
  /** The endpoint service's short name, e.g. `s3`, `ecr.api`. */
  id: serviceId,
  title: z.string().min(2),
  /** PrivateLink service name with `{region}`; null when no source names it. */
  serviceName: z.string().nullable(),
  /** Key into the `sources` map of the services file: where the service name comes from. */
  nameSource: z.string().optional(),
  endpointTypes: z.array(z.enum(['interface', 'gateway'])).min(1),
  /** Whether the endpoint honours a policy: `unknown` is said as such, never guessed. */
  endpointPolicy: z.enum(['supported', 'unsupported', 'unknown']),
  /** Key into the `sources` map of the services file. */
  endpointPolicySource: z.string().optional(),
  template: z.string().min(2),
  /** Set for the services of the upstream data-perimeter guidance. */
  guidance: z
    .strictObject({
      identityPerimeter: z.boolean(),
      resourcePerimeter: z.boolean(),
      considerations: z.array(considerationSchema),
      /** Key into the `sources` map of the services file. */
      source: z.string(),
    })
    .optional(),
  notes: z.array(z.string().min(10)).optional(),
  /** Endpoint reached without a region in its name (e.g. IAM). */
  global: z.boolean().optional(),
  /** No longer offered: kept so that old configurations still read, hidden unless asked for. */
  discontinued: z
    .strictObject({
      note: z.string().min(20),
      /** Key into the `sources` map of the services file. */
      source: z.string(),
    })
    .optional(),
  popular: z.boolean().optional(),
  /**
   * Another name of the endpoint of the service with this id (DocumentDB is reached through the
   * rds endpoint, SES v1 and v2 through email): a configuration that names this entry gets that
   * service's one policy, never a second policy for the same endpoint.
   */
  endpointOf: z.string().brand<'ServiceId'>().optional(),
});
export type EndpointService = z.infer<typeof serviceSchema>;

export const servicesFileSchema = z.strictObject({
  $schema: z.string().optional(),
  /** Sources shared by many services, referenced by key. */
  sources: z.record(z.string(), sourceSchema),
  templates: z.array(templateSchema).min(1),
  services: z.array(serviceSchema).min(1),
});

export const partitionSchema = z.strictObject({
  id: partitionId,
  name: z.string(),
  dnsSuffix: z.string(),
  /** Shown next to regions whose AWS-owned resource names no source confirms. */
  caveat: z.string().optional(),
});
export type Partition = z.infer<typeof partitionSchema>;

export const regionSchema = z.strictObject({
  code: regionCode,
  name: z.string().min(3),
  partition: partitionSchema.shape.id,
  optIn: z.boolean().nullable(),
  note: z.string().optional(),
});
export type RegionEntry = z.infer<typeof regionSchema>;

export const regionsFileSchema = z.strictObject({
  $schema: z.string().optional(),
  partitions: z.array(partitionSchema).min(1),
  regions: z.array(regionSchema).min(1),
  sources,
});

export const accountTableSchema = z.strictObject({
  id: kebabId,
  title: z.string().min(5),
  description: z.string().min(20),
  /** false when the accounts were only seen in third-party material. */
  verified: z.boolean(),
  accounts: z.record(regionCode, z.array(accountId).min(1)),
  /** Entries of a verified table that no primary source confirms yet, with why. */
  unverified: z
    .array(
      z.strictObject({
        region: regionCode,
        account: accountId,
        reason: z.string().min(20),
        /** What would confirm or refute it. */
        toVerify: z.string().min(20),
      }),
    )
    .optional(),
  sources,
});
export type AccountTable = z.infer<typeof accountTableSchema>;

export const accountTablesFileSchema = z.strictObject({
  $schema: z.string().optional(),
  tables: z.array(accountTableSchema).min(1),
});

/** Every catalog file with its schema, for the schema export and the catalog test. */
export const catalogFileSchemas = {
  statements: statementsFileSchema,
  patterns: patternsFileSchema,
  services: servicesFileSchema,
  regions: regionsFileSchema,
  'account-tables': accountTablesFileSchema,
} as const;
export type CatalogFileName = keyof typeof catalogFileSchemas;
