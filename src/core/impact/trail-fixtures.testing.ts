/**
 * Realistic CloudTrail records for tests: each identity type as CloudTrail writes it, data,
 * management and network activity events, denied events, and the files CloudTrail delivers.
 */
import { gzipSync } from 'node:zlib';

export const ORG = 'o-a1b2c3d4e5';
export const OURS = '111122223333';
export const OURS_TOO = '444455556666';
export const OUTSIDE = '999988887777';
export const PARTNER = '210987654321';
export const VPCE = 'vpce-0a1b2c3d4e5f60789';

type Json = Record<string, unknown>;

let sequence = 0;

export interface EventOptions {
  eventSource?: string;
  eventName?: string;
  region?: string;
  time?: string;
  vpce?: string | null;
  category?: 'Data' | 'Management' | 'NetworkActivity';
  errorCode?: string;
  requestParameters?: Json;
  resources?: Json[];
  recipient?: string;
}

function base(identity: Json, options: EventOptions): Json {
  sequence++;
  const category = options.category ?? 'Data';
  const event: Json = {
    eventVersion: '1.11',
    userIdentity: identity,
    eventTime: options.time ?? '2026-11-20T10:15:30Z',
    eventSource: options.eventSource ?? 's3.amazonaws.com',
    eventName: options.eventName ?? 'GetObject',
    awsRegion: options.region ?? 'us-east-1',
    sourceIPAddress: '10.0.12.34',
    userAgent: '[aws-cli/2.17.0 Python/3.12]',
    requestID: `REQ${sequence}`,
    eventID: `0b1c2d3e-0000-4000-8000-${String(sequence).padStart(12, '0')}`,
    readOnly: true,
    eventType: category === 'NetworkActivity' ? 'AwsVpceEvent' : 'AwsApiCall',
    managementEvent: category === 'Management',
    recipientAccountId: options.recipient ?? OURS,
    eventCategory: category,
  };
  if (options.requestParameters) event.requestParameters = options.requestParameters;
  if (options.resources) event.resources = options.resources;
  if (options.errorCode) {
    event.errorCode = options.errorCode;
    event.errorMessage =
      options.errorCode === 'VpceAccessDenied'
        ? 'The request was denied due to a VPC endpoint policy'
        : 'Access Denied';
  }
  if (options.vpce !== null) {
    event.vpcEndpointId = options.vpce ?? VPCE;
    event.vpcEndpointAccountId = OURS;
  }
  return event;
}

export const identities = {
  role: (account = OURS, role = 'app', session = 'i-0123456789abcdef0'): Json => ({
    type: 'AssumedRole',
    principalId: `AROAEXAMPLEID:${session}`,
    arn: `arn:aws:sts::${account}:assumed-role/${role}/${session}`,
    accountId: account,
    accessKeyId: 'ASIAEXAMPLEKEY',
    sessionContext: {
      sessionIssuer: {
        type: 'Role',
        principalId: 'AROAEXAMPLEID',
        arn: `arn:aws:iam::${account}:role/service/${role}`,
        accountId: account,
        userName: role,
      },
      attributes: { creationDate: '2026-11-20T09:00:00Z', mfaAuthenticated: 'false' },
    },
  }),
  user: (account = OURS, name = 'alice'): Json => ({
    type: 'IAMUser',
    principalId: 'AIDAEXAMPLEID',
    arn: `arn:aws:iam::${account}:user/${name}`,
    accountId: account,
    accessKeyId: 'AKIAEXAMPLEKEY',
    userName: name,
  }),
  root: (account = OURS): Json => ({
    type: 'Root',
    principalId: account,
    arn: `arn:aws:iam::${account}:root`,
    accountId: account,
    accessKeyId: 'ASIAEXAMPLEKEY',
  }),
  federated: (account = OURS, name = 'bob'): Json => ({
    type: 'FederatedUser',
    principalId: `${account}:${name}`,
    arn: `arn:aws:sts::${account}:federated-user/${name}`,
    accountId: account,
    sessionContext: {
      sessionIssuer: {
        type: 'IAMUser',
        arn: `arn:aws:iam::${account}:user/broker`,
        accountId: account,
        userName: 'broker',
      },
    },
  }),
  awsAccount: (account = OUTSIDE): Json => ({
    type: 'AWSAccount',
    principalId: 'AROAOTHER:session',
    accountId: account,
  }),
  anonymous: (): Json => ({ type: 'AWSAccount', principalId: '', accountId: 'anonymous' }),
  service: (service = 'cloudformation.amazonaws.com'): Json => ({
    type: 'AWSService',
    invokedBy: service,
  }),
  webIdentity: (): Json => ({
    type: 'WebIdentityUser',
    principalId: 'accounts.google.com:1234567890',
    userName: '1234567890',
    identityProvider: 'accounts.google.com',
  }),
  unknown: (): Json => ({ type: 'Unknown', principalId: '', accountId: '' }),
};

/** An S3 object event; `owner` is the bucket's account as CloudTrail records it (absent if undefined). */
export function s3Event(
  identity: Json,
  bucket: string,
  key: string,
  owner: string | undefined,
  options: EventOptions = {},
): Json {
  const partition = 'aws';
  const resources: Json[] = [
    { type: 'AWS::S3::Object', ARN: `arn:${partition}:s3:::${bucket}/${key}` },
    owner
      ? { accountId: owner, type: 'AWS::S3::Bucket', ARN: `arn:${partition}:s3:::${bucket}` }
      : { type: 'AWS::S3::Bucket', ARN: `arn:${partition}:s3:::${bucket}` },
  ];
  return base(identity, {
    requestParameters: { bucketName: bucket, key, Host: `${bucket}.s3.amazonaws.com` },
    resources,
    ...options,
  });
}

export function apiEvent(identity: Json, options: EventOptions = {}): Json {
  return base(identity, { category: 'Management', ...options });
}

/** A CloudTrail log file as delivered to S3. */
export function logFile(records: Json[]): string {
  return JSON.stringify({ Records: records });
}

export function gzipLogFile(records: Json[]): Buffer {
  return gzipSync(logFile(records));
}
