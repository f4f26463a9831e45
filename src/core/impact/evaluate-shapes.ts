/**
 * Evaluates shapes against the designed policies with the project's evaluator: one policy per
 * endpoint service and region, generated and compiled once, each shape turned into the request
 * the endpoint saw. Where the event does not record the resource's account, the shape is
 * evaluated twice (resource inside the organization, and outside); when the two verdicts differ
 * it is undetermined rather than guessed.
 */
import { catalog as bundledCatalog, type Catalog } from '../catalog/catalog';
import { endpointServiceId } from '../catalog/endpoint-service';
import { toRegionCode, type ServiceId } from '../catalog/ids';
import type { PerimeterConfig } from '../config/schema';
import { compilePolicy } from '../evaluate/evaluate';
import type { SimulatedRequest } from '../config/request-schema';
import { endpointPolicyFor } from '../evaluate/suite';
import { generate } from '../generate/generate';
import { ShapePolicy, type Verdict } from './shape-policy';
import type { ImpactShape } from './shapes';

/** Whether the configuration's design covers the endpoint: both its service and its region selected. */
export function designCovers(
  config: PerimeterConfig,
  service: ServiceId,
  region: string,
  catalog: Catalog = bundledCatalog,
): boolean {
  return (
    config.services.some((id) => endpointServiceId(id, catalog) === service) &&
    config.regions.some((code) => code === region)
  );
}

/** Generates and compiles each (configuration, service, region) policy once. */
export class PolicyCache {
  private readonly policies = new Map<string, ShapePolicy>();

  constructor(private readonly catalog: Catalog = bundledCatalog) {}

  /** The policy already made for a variant, service and region, if any. */
  cached(service: ServiceId, region: string, variant: string): ShapePolicy | undefined {
    return this.policies.get(`${variant}\u0001${service}\u0001${region}`);
  }

  /**
   * The policy an endpoint of the service in the region would carry. An endpoint outside the
   * design (service or region not selected) gets the policy the design would give it if added.
   * `variant` names the configuration: one variant, one configuration.
   */
  policy(config: PerimeterConfig, service: ServiceId, region: string, variant = ''): ShapePolicy {
    const key = `${variant}\u0001${service}\u0001${region}`;
    let policy = this.policies.get(key);
    if (!policy) {
      // A region the catalog does not know gets the policy without a region.
      const code = toRegionCode(region, this.catalog);
      const generated =
        code !== undefined && designCovers(config, service, code)
          ? endpointPolicyFor(config, service, code, this.catalog)
          : generate(config, service, { regions: code ? [code] : [], catalog: this.catalog });
      policy = new ShapePolicy(compilePolicy(generated.policy), generated.policy);
      this.policies.set(key, policy);
    }
    return policy;
  }
}

/** How the shape's accounts relate to the organization. */
export interface ShapeFacts {
  principalInside: boolean | undefined;
  /** undefined when the event does not record the resource's account. */
  resourceInside: boolean | undefined;
  /** The resource belongs to AWS: an account of a catalog account table, or an `aws` ARN. */
  resourceAwsOwned: boolean;
}

const AWS_ARN = /^arn:[^:]+:[^:]*:[^:]*:aws:/;

/** A stand-in account for the probe's caller when the shape's caller has none. */
const PROBE_ACCOUNT = '000000000000';

/**
 * Tells whether the catalog knows a resource as AWS-owned: the shape is evaluated, as a request
 * from inside the organization to a resource outside it, against a policy of the two AWS-owned
 * resource statements with every data access pattern of the service on. The catalog's resource
 * templates are matched by the same evaluator, not by a second matcher.
 */
export class AwsOwnedProbe {
  constructor(
    private readonly policies: PolicyCache,
    private readonly catalog: Catalog,
    private readonly organizationId: string,
  ) {}

  private policy(service: ServiceId, region: string): ShapePolicy {
    const variant = 'aws-owned-probe';
    const cached = this.policies.cached(service, region, variant);
    if (cached) return cached;
    const code = toRegionCode(region, this.catalog);
    const config: PerimeterConfig = {
      version: 1,
      organizationIds: [this.organizationId],
      regions: code ? [code] : [],
      services: [service],
      serviceStatements: {
        [service]: {
          AllowRequestsByOrgsIdentitiesToOrgsResources: false,
          AllowRequestsByAWSServicePrincipals: false,
          AllowRequestsToAWSOwnedResources: true,
          AllowRequestsByOrgsIdentitiesToAWSResources: true,
          AllowRequestsByThirdPartyIdentitiesToThirdPartyResources: false,
          AllowRequestsByOrgsIdentitiesToThirdPartyResources: false,
          AllowRequestsByOrgsIdentitiesToAnyResources: false,
        },
      },
      dataAccessPatterns: Object.fromEntries(
        this.catalog.patternsForService(service).map((p) => [p.id, true]),
      ),
    };
    return this.policies.policy(config, service, region, variant);
  }

  isAwsOwned(shape: ImpactShape): boolean {
    if (shape.resourceExample === '*') return false;
    const request: SimulatedRequest = {
      principal: {
        type: 'iam',
        account: shape.principalAccount ?? PROBE_ACCOUNT,
        organizationId: this.organizationId,
      },
      action: shape.action,
      resource: shape.resourceExample,
      resourceOrganizationId: null,
    };
    if (shape.resourceAccount !== undefined) request.resourceAccount = shape.resourceAccount;
    return this.policy(shape.service, shape.region).decide(request).decision === 'Allowed';
  }
}

export function shapeFacts(
  shape: ImpactShape,
  accounts: ReadonlySet<string>,
  awsAccounts: ReadonlySet<string>,
  probe?: AwsOwnedProbe,
): ShapeFacts {
  const iam = shape.principalAccount !== undefined;
  const knownInside = shape.resourceAccount !== undefined && accounts.has(shape.resourceAccount);
  const awsOwned =
    !knownInside &&
    (AWS_ARN.test(shape.resourceExample) ||
      (shape.resourceAccount !== undefined && awsAccounts.has(shape.resourceAccount)) ||
      (probe?.isAwsOwned(shape) ?? false));
  return {
    principalInside: iam ? accounts.has(shape.principalAccount!) : undefined,
    resourceInside: awsOwned
      ? false
      : shape.resourceAccount !== undefined
        ? accounts.has(shape.resourceAccount)
        : undefined,
    resourceAwsOwned: awsOwned,
  };
}

/** Every account of the catalog's account tables: AWS's own accounts. */
export function awsOwnedAccounts(catalog: Catalog = bundledCatalog): Set<string> {
  const out = new Set<string>();
  for (const table of catalog.accountTables)
    for (const list of Object.values(table.accounts)) for (const id of list) out.add(id);
  return out;
}

/**
 * The request the endpoint saw, for the evaluator. `resourceInside` overrides the facts when the
 * resource's account is unknown; `tags` adds principal tags (to check an exclusion tag).
 */
export function requestOfShape(
  shape: ImpactShape,
  organizationId: string,
  facts: ShapeFacts,
  resourceInside: boolean | undefined = facts.resourceInside,
  tags?: Record<string, string>,
): SimulatedRequest {
  let principal: SimulatedRequest['principal'];
  if (shape.principalAccount !== undefined) {
    principal = {
      type: 'iam',
      account: shape.principalAccount,
      organizationId: facts.principalInside ? organizationId : null,
    };
    if (shape.principalArn) principal.arn = shape.principalArn;
    if (tags) principal.tags = tags;
  } else if (shape.servicePrincipal !== undefined) {
    principal = { type: 'service', service: shape.servicePrincipal };
  } else {
    principal = { type: 'anonymous' };
  }
  const request: SimulatedRequest = {
    principal,
    action: shape.action,
    resource: shape.resourceExample,
  };
  if (shape.resourceAccount !== undefined) request.resourceAccount = shape.resourceAccount;
  if (resourceInside !== undefined)
    request.resourceOrganizationId = resourceInside ? organizationId : null;
  return request;
}

export type ShapeDecision = 'allowed' | 'denied' | 'undetermined';

export interface ShapeEvaluation {
  decision: ShapeDecision;
  /** The verdict (resource inside the organization when the account is unknown). */
  result: Verdict;
  /** When undetermined: the verdict with the resource outside the organization. */
  outside?: Verdict;
}

/** Evaluates a shape against a designed policy. */
export function evaluateShape(
  policy: ShapePolicy,
  shape: ImpactShape,
  organizationId: string,
  facts: ShapeFacts,
  tags?: Record<string, string>,
): ShapeEvaluation {
  if (facts.resourceInside !== undefined) {
    const result = policy.decide(requestOfShape(shape, organizationId, facts, undefined, tags));
    return { decision: result.decision === 'Allowed' ? 'allowed' : 'denied', result };
  }
  const inside = policy.decide(requestOfShape(shape, organizationId, facts, true, tags));
  const outside = policy.decide(requestOfShape(shape, organizationId, facts, false, tags));
  const allowedInside = inside.decision === 'Allowed';
  if (allowedInside === (outside.decision === 'Allowed'))
    return { decision: allowedInside ? 'allowed' : 'denied', result: inside };
  return { decision: 'undetermined', result: inside, outside };
}
