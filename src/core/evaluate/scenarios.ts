/**
 * Ready-made requests that matter to a data perimeter, built for a configuration: its
 * organization, its first region, its exclusion tag and third parties, and the AWS accounts the
 * catalog knows for the region. Each carries the verdict a sound perimeter gives, so it can be
 * saved to the suite as it is, or edited first.
 */
import { catalog as bundledCatalog, type Catalog } from '../catalog/catalog';
import { DEFAULT_EXCLUSION_TAG } from '../catalog/ids';
import type { PerimeterConfig } from '../config/schema';
import { canonicalRegions } from '../generate/selection';
import type { SavedRequest } from './request-schema';

export interface PerimeterScenario extends SavedRequest {
  /** Stable id, e.g. `org-role-writes-personal-bucket`. */
  id: string;
  /** Why the request matters to the perimeter, in one sentence. */
  why: string;
}

/** Accounts standing for "one of ours", "someone else's" and "a partner's" when the configuration names none. */
export const EXAMPLE_ACCOUNTS = {
  ours: '111122223333',
  outside: '999988887777',
  partner: '210987654321',
} as const;
const EXAMPLE_ORGANIZATION = 'o-a1b2c3d4e5';

export function perimeterScenarios(
  config: PerimeterConfig,
  options: { region?: string; catalog?: Catalog } = {},
): PerimeterScenario[] {
  const catalog = options.catalog ?? bundledCatalog;
  const regionCode = options.region ?? canonicalRegions(config.regions, catalog)[0] ?? 'us-east-1';
  const region = catalog.region(regionCode);
  const partition = region?.partition ?? 'aws';
  const noDashes = regionCode.replaceAll('-', '');
  const org = config.organizationIds[0] ?? EXAMPLE_ORGANIZATION;
  const ours = EXAMPLE_ACCOUNTS.ours;
  const outside = EXAMPLE_ACCOUNTS.outside;
  const ourRole = {
    type: 'iam',
    account: ours,
    arn: `arn:${partition}:iam::${ours}:role/app`,
    organizationId: org,
  } as const;
  const tag = config.parameters?.exclusionTag ?? DEFAULT_EXCLUSION_TAG;
  const thirdParty = config.parameters?.thirdPartyIdentitiesToThirdPartyResources;
  const partner = thirdParty?.accounts?.[0] ?? EXAMPLE_ACCOUNTS.partner;
  const partnerResource =
    thirdParty?.resources?.find((r) => r !== '*')?.replaceAll('*', 'shared') ??
    `arn:${partition}:s3:::partner-exchange/shared/file.csv`;
  const partnerAction = thirdParty?.actions?.find((a) => !a.includes('*')) ?? 's3:GetObject';

  const scenarios: PerimeterScenario[] = [
    {
      id: 'org-role-reads-org-bucket',
      name: 'One of our roles reads our bucket',
      why: 'The traffic the endpoint exists for: it must pass.',
      service: 's3',
      region: regionCode,
      request: {
        principal: ourRole,
        action: 's3:GetObject',
        resource: `arn:${partition}:s3:::example-data/reports/q1.csv`,
        resourceAccount: ours,
        resourceOrganizationId: org,
      },
      expect: 'Allowed',
    },
    {
      id: 'org-role-writes-personal-bucket',
      name: 'The same role writes to a personal bucket in another account',
      why: 'Data leaving the organization through our network: the resource perimeter must stop it.',
      service: 's3',
      region: regionCode,
      request: {
        principal: ourRole,
        action: 's3:PutObject',
        resource: `arn:${partition}:s3:::personal-bucket/export.zip`,
        resourceAccount: outside,
        resourceOrganizationId: null,
      },
      expect: 'ImplicitDeny',
    },
    {
      id: 'personal-credentials-on-our-network',
      name: "A personal account's credentials used from our network",
      why: 'A foreign identity inside our network: the identity perimeter must stop it.',
      service: 's3',
      region: regionCode,
      request: {
        principal: {
          type: 'iam',
          account: outside,
          arn: `arn:${partition}:iam::${outside}:user/me`,
          organizationId: null,
        },
        action: 's3:PutObject',
        resource: `arn:${partition}:s3:::my-own-bucket/copy.zip`,
        resourceAccount: outside,
        resourceOrganizationId: null,
      },
      expect: 'ImplicitDeny',
    },
    {
      id: 'al2023-packages-without-credentials',
      name: 'An EC2 instance downloads Amazon Linux 2023 packages without credentials',
      why: 'An unsigned request to an AWS-owned bucket: only a statement naming the bucket lets it through.',
      service: 's3',
      region: regionCode,
      request: {
        principal: { type: 'anonymous' },
        action: 's3:GetObject',
        resource: `arn:${partition}:s3:::al2023-repos-${regionCode}-de612dc2/core/mirrors/latest/x86_64/mirror.list`,
      },
      expect: 'Allowed',
    },
    {
      id: 'aws-service-principal',
      name: 'CloudFormation answers a custom resource with its own service principal',
      why: 'A request signed by an AWS service principal carries no organization id.',
      service: 's3',
      region: regionCode,
      request: {
        principal: { type: 'service', service: 'cloudformation.amazonaws.com' },
        action: 's3:PutObject',
        resource: `arn:${partition}:s3:::cloudformation-custom-resource-response-${noDashes}/response`,
      },
      expect: 'Allowed',
    },
    {
      id: 'tagged-exclusion-principal',
      name: 'A principal with the exclusion tag writes to a bucket outside the organization',
      why: 'The break-glass path: allowed for tagged principals of the organization only.',
      service: 's3',
      region: regionCode,
      request: {
        principal: { ...ourRole, tags: { [tag.key]: tag.value } },
        action: 's3:PutObject',
        resource: `arn:${partition}:s3:::vendor-dropbox/upload.bin`,
        resourceAccount: outside,
        resourceOrganizationId: null,
      },
      expect: 'Allowed',
    },
    {
      id: 'trusted-third-party',
      name: "A trusted third party's principal reaches its own resource",
      why: 'A presigned URL from a partner: allowed only for the listed accounts, actions and resources.',
      service: 's3',
      region: regionCode,
      request: {
        principal: {
          type: 'iam',
          account: partner,
          arn: `arn:${partition}:iam::${partner}:role/exchange`,
        },
        action: partnerAction,
        resource: partnerResource,
        resourceAccount: partner,
      },
      expect: 'Allowed',
    },
  ];

  const addOnAccount = catalog.accountTable('eks-add-ons')?.accounts[regionCode]?.[0];
  if (addOnAccount) {
    scenarios.splice(4, 0, {
      id: 'eks-node-pulls-add-on-image',
      name: 'An EKS node pulls an add-on image',
      why: "The add-on images live in an AWS account's registry, outside the organization.",
      service: 'ecr.api',
      region: regionCode,
      request: {
        principal: { ...ourRole, arn: `arn:${partition}:iam::${ours}:role/eks-node` },
        action: 'ecr:BatchGetImage',
        resource: `arn:${partition}:ecr:${regionCode}:${addOnAccount}:repository/eks/coredns`,
        resourceAccount: addOnAccount,
        resourceOrganizationId: null,
      },
      expect: 'Allowed',
    });
  }
  return scenarios;
}

/** The scenario as a saved request, without its id and explanation (the saved form is strict). */
export function savedRequestOf(scenario: PerimeterScenario): SavedRequest {
  const { id: _id, why: _why, ...saved } = scenario;
  return saved;
}
