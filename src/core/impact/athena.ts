/**
 * SQL for Amazon Athena that scans an organization trail where it lies in S3 and aggregates the
 * endpoint traffic into the request shapes the impact analysis reads: the table (the CloudTrail
 * layout of the Athena documentation, with partition projection on account, region and day for the
 * organization trail's S3 layout) and the query whose CSV result is an input of `vpce-policy
 * impact` like any log file. One row per shape and day keeps the result small whatever the volume.
 *
 * Table layout: https://docs.aws.amazon.com/athena/latest/ug/create-cloudtrail-table-partition-projection.html
 */
import { ACCOUNT_ID_PATTERN, ORGANIZATION_ID_PATTERN, REGION_CODE_PATTERN } from '../catalog/ids';

export interface AthenaOptions {
  /** Table name, optionally with its database: `cloudtrail_org` or `security.cloudtrail_org`. */
  table: string;
  /** The trail's S3 bucket. */
  bucket: string;
  /** A prefix before `AWSLogs/`, if the trail has one. */
  prefix?: string;
  organizationId: string;
  accounts: readonly string[];
  regions: readonly string[];
  /** First day scanned, `YYYY-MM-DD`. */
  since: string;
  /** Last day scanned, `YYYY-MM-DD`; today when absent. */
  until?: string;
}

const TABLE = /^[a-z_][a-z0-9_]{0,127}(\.[a-z_][a-z0-9_]{0,127})?$/;
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const PREFIX = /^[A-Za-z0-9!_.()/-]{1,512}$/;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Checks the options; every value ends up inside SQL, so only well-formed ones pass. */
export function checkAthenaOptions(options: AthenaOptions): string[] {
  const problems: string[] = [];
  if (!TABLE.test(options.table))
    problems.push(
      `the table name "${options.table}" is not a plain Athena name (letters, digits, _)`,
    );
  if (!BUCKET.test(options.bucket)) problems.push(`"${options.bucket}" is not an S3 bucket name`);
  if (
    options.prefix !== undefined &&
    (!PREFIX.test(options.prefix) || options.prefix.includes('//'))
  )
    problems.push(`"${options.prefix}" is not an S3 key prefix`);
  if (!ORGANIZATION_ID_PATTERN.test(options.organizationId))
    problems.push(`"${options.organizationId}" is not an organization id`);
  if (options.accounts.length === 0)
    problems.push(
      'the organization trail layout needs the list of accounts (--accounts or organizationAccounts)',
    );
  for (const account of options.accounts)
    if (!ACCOUNT_ID_PATTERN.test(account)) problems.push(`"${account}" is not an account id`);
  if (options.regions.length === 0) problems.push('the configuration selects no region');
  for (const region of options.regions)
    if (!REGION_CODE_PATTERN.test(region)) problems.push(`"${region}" is not a region code`);
  for (const day of [options.since, options.until ?? '2000-01-01'])
    if (!DAY.test(day) || Number.isNaN(Date.parse(`${day}T00:00:00Z`)))
      problems.push(`"${day}" is not a day written YYYY-MM-DD`);
  return problems;
}

/** The prefix without leading or trailing slashes, in one pass (no backtracking pattern). */
function trimSlashes(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && text[start] === '/') start += 1;
  while (end > start && text[end - 1] === '/') end -= 1;
  return text.slice(start, end);
}

function location(options: AthenaOptions): string {
  const trimmed = trimSlashes(options.prefix ?? '');
  const prefix = trimmed ? `${trimmed}/` : '';
  return `s3://${options.bucket}/${prefix}AWSLogs/${options.organizationId}/`;
}

const slashDay = (day: string) => day.replaceAll('-', '/');

/** `CREATE EXTERNAL TABLE` for the organization trail, with partition projection. */
export function athenaTableSql(options: AthenaOptions): string {
  const root = location(options);
  return `CREATE EXTERNAL TABLE IF NOT EXISTS ${options.table} (
  eventversion STRING,
  useridentity STRUCT<
    type: STRING,
    principalid: STRING,
    arn: STRING,
    accountid: STRING,
    invokedby: STRING,
    accesskeyid: STRING,
    username: STRING,
    onbehalfof: STRUCT<userid: STRING, identitystorearn: STRING>,
    sessioncontext: STRUCT<
      attributes: STRUCT<mfaauthenticated: STRING, creationdate: STRING>,
      sessionissuer: STRUCT<type: STRING, principalid: STRING, arn: STRING, accountid: STRING, username: STRING>,
      ec2roledelivery: STRING,
      webidfederationdata: STRUCT<federatedprovider: STRING, attributes: MAP<STRING, STRING>>
    >
  >,
  eventtime STRING,
  eventsource STRING,
  eventname STRING,
  awsregion STRING,
  sourceipaddress STRING,
  useragent STRING,
  errorcode STRING,
  errormessage STRING,
  requestparameters STRING,
  responseelements STRING,
  additionaleventdata STRING,
  requestid STRING,
  eventid STRING,
  readonly STRING,
  resources ARRAY<STRUCT<arn: STRING, accountid: STRING, type: STRING>>,
  eventtype STRING,
  apiversion STRING,
  recipientaccountid STRING,
  serviceeventdetails STRING,
  sharedeventid STRING,
  vpcendpointid STRING,
  vpcendpointaccountid STRING,
  eventcategory STRING,
  tlsdetails STRUCT<tlsversion: STRING, ciphersuite: STRING, clientprovidedhostheader: STRING>
)
PARTITIONED BY (account STRING, region STRING, \`timestamp\` STRING)
ROW FORMAT SERDE 'org.apache.hive.hcatalog.data.JsonSerDe'
STORED AS INPUTFORMAT 'com.amazon.emr.cloudtrail.CloudTrailInputFormat'
OUTPUTFORMAT 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat'
LOCATION '${root}'
TBLPROPERTIES (
  'projection.enabled' = 'true',
  'projection.account.type' = 'enum',
  'projection.account.values' = '${options.accounts.join(',')}',
  'projection.region.type' = 'enum',
  'projection.region.values' = '${options.regions.join(',')}',
  'projection.timestamp.type' = 'date',
  'projection.timestamp.format' = 'yyyy/MM/dd',
  'projection.timestamp.interval' = '1',
  'projection.timestamp.interval.unit' = 'DAYS',
  'projection.timestamp.range' = '${slashDay(options.since)},NOW',
  'storage.location.template' = '${root}\${account}/CloudTrail/\${region}/\${timestamp}'
);
`;
}

/**
 * The query: endpoint traffic (events with a vpcEndpointId) grouped into request shapes per day.
 * Sessions are grouped by their role (the session ARN is left out), S3 objects by bucket and their
 * first two folders with one example key, and only the bucket's entry of `resources` is kept for
 * S3 so that object ARNs do not split the groups. Its columns are the ones `vpce-policy impact`
 * reads from a query result.
 */
export function athenaImpactQuerySql(options: AthenaOptions): string {
  const until = options.until
    ? `'${slashDay(options.until)}'`
    : "date_format(current_date, '%Y/%m/%d')";
  const regions = options.regions.map((r) => `'${r}'`).join(', ');
  return `SELECT
  eventsource,
  eventname,
  awsregion,
  eventcategory,
  CASE WHEN errorcode = 'VpceAccessDenied' THEN errorcode END AS errorcode,
  recipientaccountid,
  useridentity.type AS useridentity_type,
  useridentity.accountid AS useridentity_accountid,
  CASE WHEN useridentity.type = 'AssumedRole' THEN NULL ELSE useridentity.arn END AS useridentity_arn,
  useridentity.sessioncontext.sessionissuer.arn AS sessionissuer_arn,
  useridentity.invokedby AS useridentity_invokedby,
  json_extract_scalar(requestparameters, '$.bucketName') AS bucketname,
  regexp_extract(json_extract_scalar(requestparameters, '$.key'), '^(?:[^/]*/){0,2}') AS keyprefix,
  json_format(CAST(CASE WHEN eventsource = 's3.amazonaws.com' THEN filter(resources, r -> r.type = 'AWS::S3::Bucket') ELSE resources END AS JSON)) AS resources,
  substr(eventtime, 1, 10) AS eventday,
  min(json_extract_scalar(requestparameters, '$.key')) AS examplekey,
  min(vpcendpointid) AS vpcendpointid,
  count(*) AS events,
  min(eventtime) AS firsttime,
  max(eventtime) AS lasttime
FROM ${options.table}
WHERE vpcendpointid IS NOT NULL
  AND region IN (${regions})
  AND "timestamp" BETWEEN '${slashDay(options.since)}' AND ${until}
GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15
ORDER BY events DESC;
`;
}
