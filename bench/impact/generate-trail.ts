/**
 * A generator of realistic CloudTrail traffic for the impact benchmarks and the scale test:
 * records as CloudTrail writes them (assumed-role sessions with distinct session names, IAM users,
 * service principals, anonymous package downloads, network activity events, denied events, S3 keys
 * that differ on every request), about 1.3 kB each, from a seeded pseudo-random sequence. The
 * number of distinct request shapes stays bounded however many events are generated, as in a
 * real organization.
 */
import type { PerimeterConfig } from '../../src/core/config/schema';
import { testRegionCode, testServiceId } from '../../src/core/catalog/ids.testing';

/** A small seeded generator (mulberry32), so every run sees the same traffic. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const GENERATED_ORG = 'o-a1b2c3d4e5';
export const GENERATED_ACCOUNTS = Array.from(
  { length: 40 },
  (_, i) => `1111${String(22223333 + i * 7919).padStart(8, '0')}`,
);
/** The design the impact benchmarks replay the traffic against. */
export const BENCH_CONFIG: PerimeterConfig = {
  version: 1,
  organizationIds: [GENERATED_ORG],
  regions: [testRegionCode('us-east-1'), testRegionCode('eu-west-1')],
  services: [testServiceId('s3')],
  statements: {
    AllowRequestsByThirdPartyIdentitiesToThirdPartyResources: false,
    AllowRequestsByOrgsIdentitiesToThirdPartyResources: false,
  },
};
const FOREIGN = ['999988887777', '210987654321', '555566667777'];
const ROLES = ['app', 'etl', 'batch', 'web', 'ci', 'analytics', 'backup', 'ingest'];
const BUCKETS = ['data-lake', 'logs', 'artifacts', 'reports', 'exports', 'models'];
const OBJECT_EVENTS = [
  'GetObject',
  'GetObject',
  'GetObject',
  'PutObject',
  'HeadObject',
  'DeleteObject',
];
const REGIONS = ['us-east-1', 'us-east-1', 'eu-west-1'];

type Json = Record<string, unknown>;

function pick<T>(random: () => number, list: readonly T[]): T {
  return list[Math.floor(random() * list.length)]!;
}

function hex(random: () => number, length: number): string {
  let out = '';
  while (out.length < length)
    out += Math.floor(random() * 0x100000000)
      .toString(16)
      .padStart(8, '0');
  return out.slice(0, length);
}

/** One CloudTrail record; `index` drives the time so that events spread over 30 days. */
export function generatedRecord(random: () => number, index: number, total: number): Json {
  const account = pick(random, GENERATED_ACCOUNTS);
  const region = pick(random, REGIONS);
  const roll = random();
  const time = new Date(
    Date.UTC(2026, 10, 1) + Math.floor((index / Math.max(1, total)) * 30 * 86_400_000),
  )
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z');
  let identity: Json;
  // Each role works mostly with the bucket of its own job, as in a real account.
  let roleIndex = -1;
  if (roll < 0.8) {
    roleIndex = Math.floor(random() * ROLES.length);
    const role = ROLES[roleIndex]!;
    const session = `i-${hex(random, 17)}`;
    identity = {
      type: 'AssumedRole',
      principalId: `AROA${hex(random, 16).toUpperCase()}:${session}`,
      arn: `arn:aws:sts::${account}:assumed-role/${role}/${session}`,
      accountId: account,
      accessKeyId: `ASIA${hex(random, 16).toUpperCase()}`,
      sessionContext: {
        sessionIssuer: {
          type: 'Role',
          principalId: `AROA${hex(random, 16).toUpperCase()}`,
          arn: `arn:aws:iam::${account}:role/${role}`,
          accountId: account,
          userName: role,
        },
        attributes: { creationDate: time, mfaAuthenticated: 'false' },
        ec2RoleDelivery: '2.0',
      },
    };
  } else if (roll < 0.88) {
    identity = {
      type: 'IAMUser',
      principalId: `AIDA${hex(random, 16).toUpperCase()}`,
      arn: `arn:aws:iam::${account}:user/deploy`,
      accountId: account,
      accessKeyId: `AKIA${hex(random, 16).toUpperCase()}`,
      userName: 'deploy',
    };
  } else if (roll < 0.93) {
    identity = { type: 'AWSAccount', principalId: '', accountId: 'anonymous' };
  } else if (roll < 0.96) {
    identity = { type: 'AWSService', invokedBy: 'cloudformation.amazonaws.com' };
  } else {
    const foreign = pick(random, FOREIGN);
    identity = { type: 'AWSAccount', principalId: `AROAX:${hex(random, 8)}`, accountId: foreign };
  }
  const anonymous = identity.accountId === 'anonymous';
  const bucket = anonymous
    ? `al2023-repos-${region}-de612dc2`
    : random() < 0.03
      ? `partner-${pick(random, FOREIGN)}`
      : `${roleIndex >= 0 && random() < 0.9 ? BUCKETS[roleIndex % BUCKETS.length] : pick(random, BUCKETS)}-${account}`;
  const owner = anonymous ? undefined : bucket.startsWith('partner-') ? bucket.slice(8) : account;
  const key = `${pick(random, ['raw', 'curated', 'tmp'])}/${2026}/${hex(random, 8)}/${hex(random, 12)}.parquet`;
  const eventName = anonymous ? 'GetObject' : pick(random, OBJECT_EVENTS);
  const network = random() < 0.15;
  const denied = network && random() < 0.1;
  const record: Json = {
    eventVersion: '1.11',
    userIdentity: identity,
    eventTime: time,
    eventSource: 's3.amazonaws.com',
    eventName,
    awsRegion: region,
    sourceIPAddress: `10.${Math.floor(random() * 255)}.${Math.floor(random() * 255)}.${Math.floor(random() * 255)}`,
    userAgent: '[aws-sdk-java/2.25.0 Linux/5.10 OpenJDK_64-Bit_Server_VM/17.0.10 Java/17.0.10]',
    requestParameters: {
      bucketName: bucket,
      Host: `${bucket}.s3.${region}.amazonaws.com`,
      key,
      'x-amz-request-payer': 'requester',
    },
    responseElements: null,
    additionalEventData: {
      SignatureVersion: 'SigV4',
      CipherSuite: 'TLS_AES_128_GCM_SHA256',
      bytesTransferredIn: 0,
      AuthenticationMethod: 'AuthHeader',
      'x-amz-id-2': hex(random, 60),
      bytesTransferredOut: Math.floor(random() * 1e6),
    },
    requestID: hex(random, 16).toUpperCase(),
    eventID: `${hex(random, 8)}-${hex(random, 4)}-4${hex(random, 3)}-8${hex(random, 3)}-${hex(random, 12)}`,
    readOnly: eventName !== 'PutObject' && eventName !== 'DeleteObject',
    resources: [
      { type: 'AWS::S3::Object', ARN: `arn:aws:s3:::${bucket}/${key}` },
      owner
        ? { accountId: owner, type: 'AWS::S3::Bucket', ARN: `arn:aws:s3:::${bucket}` }
        : { type: 'AWS::S3::Bucket', ARN: `arn:aws:s3:::${bucket}` },
    ],
    eventType: network ? 'AwsVpceEvent' : 'AwsApiCall',
    managementEvent: false,
    recipientAccountId: account,
    eventCategory: network ? 'NetworkActivity' : 'Data',
    tlsDetails: {
      tlsVersion: 'TLSv1.3',
      cipherSuite: 'TLS_AES_128_GCM_SHA256',
      clientProvidedHostHeader: `${bucket}.s3.${region}.amazonaws.com`,
    },
  };
  if (random() < 0.92) {
    record.vpcEndpointId = `vpce-0${hex(random, 1)}${account.slice(-6)}abcdef0`;
    record.vpcEndpointAccountId = account;
  }
  if (denied) {
    record.errorCode = 'VpceAccessDenied';
    record.errorMessage = 'The request was denied due to a VPC endpoint policy';
  }
  return record;
}

/** Text of CloudTrail log files, chunk by chunk: `files` files of `perFile` records each. */
export function* generatedTrailText(
  seed: number,
  records: number,
  chunkRecords = 200,
): Generator<string> {
  const random = seededRandom(seed);
  yield '{"Records":[';
  for (let i = 0; i < records; i += chunkRecords) {
    const parts: string[] = [];
    for (let j = i; j < Math.min(records, i + chunkRecords); j++)
      parts.push(JSON.stringify(generatedRecord(random, j, records)));
    yield (i === 0 ? '' : ',') + parts.join(',');
  }
  yield ']}';
}

/**
 * A faster stream for tens of millions of events: a pool of generated records whose times are
 * rewritten for each event, so that generation costs little beside the reading it feeds.
 */
export function* pooledTrailText(
  seed: number,
  records: number,
  poolSize = 4096,
  chunkRecords = 500,
): Generator<string> {
  const random = seededRandom(seed);
  const TIME = '"eventTime":"';
  const pool = Array.from({ length: poolSize }, (_, i) => {
    const text = JSON.stringify(generatedRecord(random, i, poolSize));
    const at = text.indexOf(TIME) + TIME.length;
    return [text.slice(0, at), text.slice(at + 20)] as const;
  });
  const start = Date.UTC(2026, 10, 1);
  yield '{"Records":[';
  for (let i = 0; i < records; i += chunkRecords) {
    const parts: string[] = [];
    for (let j = i; j < Math.min(records, i + chunkRecords); j++) {
      const [before, after] = pool[Math.floor(random() * poolSize)]!;
      const time = new Date(start + Math.floor((j / records) * 30 * 86_400_000)).toISOString();
      parts.push(`${before}${time.slice(0, 19)}Z${after}`);
    }
    yield (i === 0 ? '' : ',') + parts.join(',');
  }
  yield ']}';
}
