/**
 * The perimeter configuration: every choice a user makes, in one versioned document. The UI saves,
 * shares and imports it; the CLI reads it. Unknown fields are reported, never dropped.
 */
import { BUDGETS, budgetRule } from '../budgets';
import { z } from '../schema-library';
import {
  ACCOUNT_ID_PATTERN,
  ORGANIZATION_ID_PATTERN,
  REGION_CODE_PATTERN,
  STATEMENT_SIDS,
} from '../catalog/ids';
import { savedRequestSchema } from './request-schema';
import {
  VPC_ENDPOINT_ID_PATTERN,
  VPC_ENDPOINT_TYPES,
  VPC_ID_PATTERN,
} from '../catalog/endpoint-ids';

export const CONFIG_VERSION = 1;

const organizationId = z
  .string()
  .regex(
    ORGANIZATION_ID_PATTERN,
    'expected an organization id: "o-" and 10 to 32 lowercase letters or digits',
  );
const accountId = z.string().regex(ACCOUNT_ID_PATTERN, 'expected a 12-digit AWS account id');
/*
 * Ids are branded in the parsed type only (a brand checks nothing at run time): parsing gives them
 * their brand once the catalog check has passed (`validateConfigValue`, `parseConfigText`).
 */
const regionCode = z
  .string()
  .regex(REGION_CODE_PATTERN, 'expected a region code such as "us-east-1"')
  .brand<'RegionCode'>();
/** A bucket name as S3 allows it; no wildcard, so never a pattern that strangers could match. */
const bucketName = z
  .string()
  .regex(
    /^(?!.*\.\.)[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/,
    'expected an exact S3 bucket name: 3 to 63 lowercase letters, digits, dots and hyphens, no wildcard',
  );
const serviceId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9.-]*$/, 'expected an endpoint service name such as "s3" or "ecr.api"')
  .brand<'ServiceId'>();
const patternId = z.string().brand<'PatternId'>();

const statementToggles = z.partialRecord(z.enum(STATEMENT_SIDS), z.boolean());

/** Actions, resources and accounts of one of the two third-party statements. */
export const thirdPartyParametersSchema = z.strictObject({
  accounts: z.array(accountId).max(500).optional(),
  /** IAM reads action names in any case (`S3:GETOBJECT` is `s3:GetObject`); they are kept as typed. */
  actions: z
    .array(
      z
        .string()
        .regex(/^(\*|[A-Za-z0-9-]+:[A-Za-z0-9*?]+)$/, 'expected an action such as "s3:GetObject"'),
    )
    .max(500)
    .optional(),
  resources: z
    .array(
      z
        .string()
        .regex(
          /^(\*|arn:[^:\s]+:[^:\s]*:[^:\s]*:[^:\s]*:\S+)$/,
          'expected an ARN such as "arn:aws:s3:::partner-bucket/*"',
        ),
    )
    .max(500)
    .optional(),
});
export type ThirdPartyParameters = z.infer<typeof thirdPartyParametersSchema>;

export const parametersSchema = z.strictObject({
  /** For AllowRequestsByThirdPartyIdentitiesToThirdPartyResources. */
  thirdPartyIdentitiesToThirdPartyResources: thirdPartyParametersSchema.optional(),
  /** For AllowRequestsByOrgsIdentitiesToThirdPartyResources. */
  orgIdentitiesToThirdPartyResources: thirdPartyParametersSchema.optional(),
  /** The principal tag of AllowRequestsByOrgsIdentitiesToAnyResources. */
  exclusionTag: z
    .strictObject({
      key: z
        .string()
        .min(1)
        .max(128)
        .regex(
          /^[\p{L}\p{Z}\p{N}_.:/=+\-@]+$/u,
          'expected a tag key of letters, digits, spaces and _.:/=+-@',
        ),
      value: z
        .string()
        .max(256)
        .regex(
          /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u,
          'expected a tag value of letters, digits, spaces and _.:/=+-@',
        ),
    })
    .optional(),
  /** Accounts per account table and region; they fill or replace the catalog's tables. */
  accountIds: z
    .record(
      z.string(),
      z.record(regionCode, z.union([accountId, z.array(accountId).min(1).max(20)])),
    )
    .optional(),
  /** Publisher accounts for the pattern "Lambda layers from AWS accounts you name". */
  lambdaLayerAccounts: z.array(accountId).max(100).optional(),
  /**
   * Exact names of AWS-owned buckets whose names AWS does not publish, per data access pattern and
   * region (e.g. Cloud9's static-<region>-prod-static-<id>). Wildcards are refused: they would
   * admit buckets anyone can create.
   */
  bucketNames: z
    .record(
      patternId,
      z.record(regionCode, z.union([bucketName, z.array(bucketName).min(1).max(20)])),
    )
    .optional(),
});
export type PerimeterParameters = z.infer<typeof parametersSchema>;

/** Endpoints of one region are at most this many; the whole inventory at most `MAX_INVENTORY_ENDPOINTS`. */
export const MAX_INVENTORY_ENDPOINTS_PER_REGION = 5_000;
export const MAX_INVENTORY_ENDPOINTS = 10_000;

/** One deployed VPC endpoint that receives the policy of its service and region. */
export const inventoryEndpointSchema = z.strictObject({
  id: z
    .string()
    .regex(
      VPC_ENDPOINT_ID_PATTERN,
      'expected a VPC endpoint id: "vpce-" and 8 or 17 lowercase hexadecimal digits',
    ),
  /** The catalog's short name of the endpoint service, e.g. `s3`. */
  service: serviceId,
  vpcId: z
    .string()
    .regex(VPC_ID_PATTERN, 'expected a VPC id: "vpc-" and 8 or 17 lowercase hexadecimal digits')
    .optional(),
  type: z.enum(VPC_ENDPOINT_TYPES),
  /** The endpoint's Name tag, shown beside its id. */
  name: z.string().max(256).optional(),
});
export type InventoryEndpoint = z.output<typeof inventoryEndpointSchema>;
export type InventoryEndpointDocument = z.input<typeof inventoryEndpointSchema>;

/** Per region, the endpoints the policies are deployed to. */
export const inventorySchema = z.record(
  regionCode,
  z.array(inventoryEndpointSchema).max(MAX_INVENTORY_ENDPOINTS_PER_REGION),
);
export type EndpointInventory = z.infer<typeof inventorySchema>;

export const POLICY_FORMATS = ['pretty-2', 'pretty-4', 'minified'] as const;
export type PolicyFormat = (typeof POLICY_FORMATS)[number];
export const OUTPUT_SHAPES = ['all-regions', 'per-region'] as const;
export type OutputShape = (typeof OUTPUT_SHAPES)[number];

export const perimeterConfigSchema = z.strictObject({
  $schema: z.string().optional(),
  version: z.literal(CONFIG_VERSION, { error: `expected version ${CONFIG_VERSION}` }),
  organizationIds: z.array(organizationId).max(20),
  /**
   * The accounts of the organization (its first id), for reading CloudTrail: a principal or
   * resource in an account not listed is outside the organization.
   */
  organizationAccounts: z.array(accountId).max(20_000).optional(),
  regions: z.array(regionCode).max(100),
  services: z.array(serviceId).max(1000),
  /** Statement toggles for every service; absent Sids follow each service's template. */
  statements: statementToggles.optional(),
  /** Per-service statement toggles, applied after the global ones. */
  serviceStatements: z.record(serviceId, statementToggles).optional(),
  /** Data access pattern toggles by pattern id; absent ids follow the catalog default. */
  dataAccessPatterns: z.record(patternId, z.boolean()).optional(),
  parameters: parametersSchema.optional(),
  output: z
    .strictObject({
      shape: z.enum(OUTPUT_SHAPES).optional(),
      format: z.enum(POLICY_FORMATS).optional(),
    })
    .optional(),
  /** The request simulator's saved test suite. */
  savedRequests: z
    .array(savedRequestSchema)
    .max(BUDGETS.savedRequests.limit, budgetRule('savedRequests'))
    .optional(),
  /** The deployed endpoints, per region: the targets of the infrastructure-as-code export. */
  inventory: inventorySchema.optional(),
});
/** A configuration whose ids the catalog knows: what parsing returns and the engine takes. */
export type PerimeterConfig = z.output<typeof perimeterConfigSchema>;
/** A configuration as written, before its ids are checked against the catalog. */
export type PerimeterConfigDocument = z.input<typeof perimeterConfigSchema>;

/** A configuration with nothing chosen yet. */
export function emptyConfig(): PerimeterConfig {
  return { version: CONFIG_VERSION, organizationIds: [], regions: [], services: [] };
}
