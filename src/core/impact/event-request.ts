/**
 * From one CloudTrail event to the request the endpoint policy saw: the action, the principal,
 * the resource and the accounts on each side. Events come as CloudTrail writes them (nested JSON)
 * or as query result rows (flat columns, see `athena.ts`); both are read into the same fields.
 */
import type { ServiceId } from '../catalog/ids';
import type { EndpointEntry } from './endpoints';
import { eventAction } from './event-actions';
import type { ImpactRequest, PrincipalKind, ResourceAccountOrigin } from './shapes';

/** The fields of an event the impact analysis reads. */
export interface EventFields {
  eventSource: string;
  eventName: string;
  awsRegion: string;
  eventTime: string;
  eventCategory: string;
  errorCode: string;
  vpcEndpointId: string;
  recipientAccountId: string;
  identityType: string;
  identityArn: string;
  identityAccount: string;
  invokedBy: string;
  sessionIssuerArn: string;
  resources: readonly { arn: string; accountId: string; type: string }[];
  bucketName: string;
  objectKey: string;
  /** Events the row stands for (1 for an event; a query result row may aggregate many). */
  count: number;
  first: string;
  last: string;
}

export type EventMapping =
  | { request: ImpactRequest; endpointId: string; deniedByEndpoint: boolean }
  | { skip: 'no-endpoint' }
  | { problem: string };

const ACCOUNT = /^\d{12}$/;
const ARN =
  /^arn:(aws|aws-cn|aws-us-gov|aws-iso[a-z-]*):([a-z0-9-]*):([a-z0-9-]*):(\d{12}|aws)?:(.+)$/;
const SESSION = /^arn:([a-z-]+):sts::(\d{12}):assumed-role\/([^/]+)\/.+$/;
const SERVICE_PRINCIPAL = /^[a-z0-9.-]+\.amazonaws\.com(\.cn)?$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;
/** Object keys are grouped by this many leading folders. */
const KEY_FOLDERS = 2;
const MAX_SEGMENT = 200;

function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

/** The S3 object ARN grouped by its first folders: `bucket/logs/2026/*` for `logs/2026/12/x.gz`. */
export function groupedObjectArn(partition: string, bucket: string, key: string): string {
  const segments = key.split('/', KEY_FOLDERS + 1);
  const folders = segments.slice(0, Math.min(segments.length - 1, KEY_FOLDERS));
  const prefix = folders.map((s) => (s.length > MAX_SEGMENT ? s.slice(0, MAX_SEGMENT) : s));
  return `arn:${partition}:s3:::${bucket}/${prefix.length > 0 ? `${prefix.join('/')}/` : ''}*`;
}

interface Principal {
  kind: PrincipalKind;
  arn?: string;
  account?: string;
  service?: string;
}

function principalOf(fields: EventFields, partition: string): Principal | { problem: string } {
  const account = fields.identityAccount;
  switch (fields.identityType) {
    case 'AssumedRole': {
      // The session issuer names the role (with its path) and the identity its account.
      if (fields.sessionIssuerArn.startsWith('arn:') && ACCOUNT.test(account))
        return { kind: 'role', arn: fields.sessionIssuerArn, account };
      const session = SESSION.exec(fields.identityArn);
      const role = fields.sessionIssuerArn.startsWith('arn:')
        ? fields.sessionIssuerArn
        : session
          ? `arn:${session[1]}:iam::${session[2]}:role/${session[3]}`
          : '';
      const roleAccount = session?.[2] ?? account;
      if (!role || !ACCOUNT.test(roleAccount))
        return { problem: 'an assumed-role identity without its role or account' };
      return { kind: 'role', arn: role, account: roleAccount };
    }
    case 'IAMUser':
    case 'FederatedUser':
      if (!ACCOUNT.test(account) || !fields.identityArn.startsWith('arn:'))
        return { problem: `a ${fields.identityType} identity without its ARN or account` };
      return {
        kind: fields.identityType === 'IAMUser' ? 'user' : 'federated-user',
        arn: fields.identityArn,
        account,
      };
    case 'Root':
      if (!ACCOUNT.test(account)) return { problem: 'a root identity without its account' };
      return {
        kind: 'root',
        arn: fields.identityArn.startsWith('arn:')
          ? fields.identityArn
          : `arn:${partition}:iam::${account}:root`,
        account,
      };
    case 'AWSAccount':
      // S3 records an unsigned request as an "AWSAccount" whose account is "anonymous".
      if (account === 'anonymous') return { kind: 'anonymous' };
      if (!ACCOUNT.test(account)) return { problem: 'an AWSAccount identity without its account' };
      return { kind: 'account', account };
    case 'AWSService':
      if (!SERVICE_PRINCIPAL.test(fields.invokedBy))
        return {
          problem: `an AWSService identity without a service principal (invokedBy "${fields.invokedBy.slice(0, 60)}")`,
        };
      return { kind: 'service', service: fields.invokedBy };
    case 'WebIdentityUser':
      return { kind: 'web-identity' };
    case 'SAMLUser':
      return { kind: 'saml-user' };
    case '':
      return { problem: 'no userIdentity' };
    default:
      return {
        problem: `the identity type "${fields.identityType.slice(0, 40)}" does not say who signed the request`,
      };
  }
}

interface Resource {
  group: string;
  example: string;
  account?: string;
  from?: ResourceAccountOrigin;
}

function arnAccount(arn: string): string | undefined {
  const match = ARN.exec(arn);
  return match?.[4] && ACCOUNT.test(match[4]) ? match[4] : undefined;
}

function s3Resource(
  fields: EventFields,
  partition: string,
  level: 'object' | 'bucket' | 'none',
): Resource | undefined {
  if (level === 'none') return undefined;
  let bucket = fields.bucketName;
  let key = level === 'object' ? fields.objectKey : '';
  if (!bucket) {
    const object = fields.resources.find((r) => r.type === 'AWS::S3::Object');
    const bucketEntry = fields.resources.find((r) => r.type === 'AWS::S3::Bucket');
    const arn = level === 'object' && object ? object.arn : (bucketEntry?.arn ?? '');
    const match = /^arn:[a-z-]+:s3:::([^/]+)(?:\/(.*))?$/.exec(arn);
    if (!match) return undefined;
    bucket = match[1]!;
    key = level === 'object' ? (match[2] ?? '') : '';
  }
  const bucketArn = `arn:${partition}:s3:::${bucket}`;
  const owner = fields.resources.find(
    (r) => r.accountId && (r.arn === bucketArn || r.type === 'AWS::S3::Bucket'),
  );
  const resource: Resource =
    level === 'object' && key
      ? { group: groupedObjectArn(partition, bucket, key), example: `${bucketArn}/${key}` }
      : { group: bucketArn, example: bucketArn };
  if (owner && ACCOUNT.test(owner.accountId)) {
    resource.account = owner.accountId;
    resource.from = 'resources';
  }
  return resource;
}

function otherResource(fields: EventFields): Resource | undefined {
  const entry = fields.resources.find((r) => r.arn.startsWith('arn:'));
  if (!entry) return undefined;
  const resource: Resource = { group: entry.arn, example: entry.arn };
  if (ACCOUNT.test(entry.accountId)) {
    resource.account = entry.accountId;
    resource.from = 'resources';
  } else {
    const account = arnAccount(entry.arn);
    if (account) {
      resource.account = account;
      resource.from = 'arn';
    }
  }
  return resource;
}

/** Regions already seen well-formed: the check runs once per region, not per event. */
const knownRegions = new Set<string>();
const MAX_CACHED_ACTIONS = 10_000;
const actionCache = new Map<string, ReturnType<typeof eventAction>>();
let actionCacheOwner: ((id: string) => ServiceId | undefined) | undefined;

/** `eventAction` once per (eventSource, eventName) and list of services; events repeat them. */
function cachedEventAction(
  eventSource: string,
  eventName: string,
  knownService: (id: string) => ServiceId | undefined,
): ReturnType<typeof eventAction> {
  if (actionCacheOwner !== knownService) {
    actionCache.clear();
    actionCacheOwner = knownService;
  }
  const key = `${eventSource} ${eventName}`;
  let mapped = actionCache.get(key);
  if (!mapped) {
    mapped = eventAction(eventSource, eventName, knownService);
    if (actionCache.size < MAX_CACHED_ACTIONS) actionCache.set(key, mapped);
  }
  return mapped;
}

/** Maps an event to the request the endpoint policy evaluated. */
export function mapEvent(
  fields: EventFields,
  knownService: (id: string) => ServiceId | undefined,
  endpoints?: ReadonlyMap<string, EndpointEntry>,
): EventMapping {
  if (!fields.eventSource || !fields.eventName)
    return { problem: 'not a CloudTrail event (no eventSource or eventName)' };
  if (!fields.vpcEndpointId) return { skip: 'no-endpoint' };
  if (!knownRegions.has(fields.awsRegion)) {
    if (!REGION.test(fields.awsRegion))
      return { problem: `the awsRegion "${fields.awsRegion.slice(0, 30)}" is not a region` };
    knownRegions.add(fields.awsRegion);
  }
  const mapped = cachedEventAction(fields.eventSource, fields.eventName, knownService);
  if ('problem' in mapped) return mapped;
  const partition = partitionOf(fields.awsRegion);
  const principal = principalOf(fields, partition);
  if ('problem' in principal) return principal;

  const resource =
    mapped.s3Resource !== undefined
      ? s3Resource(fields, partition, mapped.s3Resource)
      : otherResource(fields);
  // The inventory knows which endpoint the request went through; the event only suggests it.
  const endpoint = endpoints?.get(fields.vpcEndpointId);
  const request: ImpactRequest = {
    service: (endpoint && knownService(endpoint.service)) ?? mapped.endpointService,
    region: endpoint?.region ?? fields.awsRegion,
    action: mapped.action,
    principalKind: principal.kind,
    resource: resource?.group ?? '*',
    resourceExample: resource?.example ?? '*',
  };
  if (principal.arn) request.principalArn = principal.arn;
  if (principal.account) request.principalAccount = principal.account;
  if (principal.service) request.servicePrincipal = principal.service;
  if (resource?.account) {
    request.resourceAccount = resource.account;
    request.resourceAccountFrom = resource.from!;
  } else if (
    !resource &&
    fields.eventCategory !== 'NetworkActivity' &&
    ACCOUNT.test(fields.recipientAccountId)
  ) {
    // An account-level call (a Describe or List without a resource) acts in the account that
    // received the event; network activity events go to the endpoint's owner instead.
    request.resourceAccount = fields.recipientAccountId;
    request.resourceAccountFrom = 'recipient';
  }
  return {
    request,
    endpointId: fields.vpcEndpointId,
    deniedByEndpoint: fields.errorCode === 'VpceAccessDenied',
  };
}
