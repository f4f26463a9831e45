/**
 * Messages that more than one part of the engine gives, written once: the generator, the
 * validator and the exports say the same thing about the same fact in the same words.
 */
import { POLICY_SIZE_LIMIT } from './catalog/ids';
import type { EndpointService } from './catalog/schema';
import type { EngineDiagnostic } from './diagnostics';
import { formatCount } from './text/format-count';

/** An endpoint service whose endpoints do not enforce endpoint policies. */
export function policyUnsupportedDiagnostic(
  service: Pick<EndpointService, 'title'>,
): Pick<EngineDiagnostic, 'code' | 'message' | 'hint'> {
  return {
    code: 'service/policy-unsupported',
    message: `${service.title} endpoints do not enforce endpoint policies: any request through the endpoint is allowed, whatever this policy says.`,
    hint: 'Enforce the perimeter for this service with a service control policy on aws:ResourceOrgID, or route its traffic through an inspecting proxy.',
  };
}

/** The same fact where an export leaves such an endpoint without a policy. */
export function policyUnsupportedNote(service: Pick<EndpointService, 'title'>): string {
  return `${service.title} endpoints do not enforce endpoint policies`;
}

/** The largest of the per-region policies of an all-regions policy. */
export interface LargestRegionPolicy {
  region: string;
  size: number;
}

/** Whether one policy per region fits, from the largest of them. */
export function perRegionFitAdvice(largest: LargestRegionPolicy): string {
  return largest.size <= POLICY_SIZE_LIMIT
    ? `One policy per region fits: the largest (${largest.region}) is ${formatCount(largest.size)} characters.`
    : `Even one region's policy can be too large: ${largest.region} needs ${formatCount(largest.size)} characters.`;
}

/** Why an endpoint needs only its region's policy. */
export const ONE_REGION_PER_ENDPOINT =
  'An endpoint lives in one region, so it only needs the policy of its region.';

/** "N characters, M over the limit" of a policy over the quota. */
export function overLimitMessage(characters: number): string {
  return `The policy is ${formatCount(characters)} characters, ${formatCount(characters - POLICY_SIZE_LIMIT)} over the ${formatCount(POLICY_SIZE_LIMIT)}-character limit of an endpoint policy (whitespace counts)`;
}

/** A policy whose Statement list is empty: it allows nothing. */
export const NO_STATEMENTS_MESSAGE =
  'Statement is an empty list: the policy allows nothing, so the endpoint blocks every request.';

/** A policy without the organization-to-organization statement. */
export const NO_ORG_TO_ORG_MESSAGE =
  'The policy has no statement that admits our identities to our resources (AllowRequestsByOrgsIdentitiesToOrgsResources: aws:PrincipalOrgID and aws:ResourceOrgID): either the endpoint blocks its everyday traffic, or other statements admit it without the data perimeter.';

/** The federation calls an STS endpoint policy lets no one make. */
export function stsFederationBlockedMessage(
  blocked: readonly string[],
  organizationsNamed: boolean,
): string {
  return `This STS endpoint policy blocks ${blocked.join(' and ')} to roles of ${organizationsNamed ? 'your organization' : 'any organization'}: these calls are not signed with AWS credentials, so they carry no aws:PrincipalOrgID and the organization statements never match them. SAML sign-in, EKS IAM roles for service accounts and CI/CD OIDC roles then fail through this endpoint.`;
}

/** The calls of SAML and web identity federation, which are not signed. */
export const FEDERATION_ACTIONS = [
  'sts:AssumeRoleWithSAML',
  'sts:AssumeRoleWithWebIdentity',
] as const;

/** Endpoint services that take federation calls. */
export const STS_SERVICES: ReadonlySet<string> = new Set(['sts', 'sts-fips']);

/** A third-party statement on any resource of the third party's accounts. */
export function thirdPartyAnyResourceMessage(admitsThirdPartyIdentities: boolean): string {
  return admitsThirdPartyIdentities
    ? `This third-party statement allows "Resource": "*": the third party's identities may reach any resource of the listed accounts through your endpoint, not only the ones your integration needs.`
    : `This third-party statement allows "Resource": "*": your identities may send data to any resource of the listed accounts, not only the ones your integration needs.`;
}
