import athenaGrammar from 'node-sql-parser/build/athena';
import { describe, expect, it } from 'vitest';
import { catalog } from '../catalog/catalog';
import { toServiceId } from '../catalog/ids';
import {
  athenaImpactQuerySql,
  athenaTableSql,
  checkAthenaOptions,
  type AthenaOptions,
} from './athena';
import { canonicalColumns, EventCollector } from './collect';
import { buildImpactReport } from './report';
import { TrailFileReader } from './trail-reader';
import { ORG, OURS, OUTSIDE } from './trail-fixtures.testing';
import { testRegionCode, testServiceId } from '../catalog/ids.testing';

const options: AthenaOptions = {
  table: 'security.cloudtrail_org',
  bucket: 'org-trail-logs',
  prefix: 'central',
  organizationId: ORG,
  accounts: [OURS, '444455556666'],
  regions: ['us-east-1', 'eu-west-1'],
  since: '2026-11-01',
  until: '2026-11-30',
};

/** The columns of the query's SELECT list, as Athena names them in the result. */
function resultColumns(sql: string): string[] {
  const parser = new athenaGrammar.Parser();
  type Select = { columns: { as: string | null; expr: { column?: string } }[] };
  const ast = parser.astify(sql, { database: 'athena' }) as unknown as Select | Select[];
  const statements = Array.isArray(ast) ? ast : [ast];
  expect(statements).toHaveLength(1);
  return statements[0]!.columns.map((c) => c.as ?? c.expr.column ?? '');
}

describe('Athena SQL', () => {
  it('writes a query that an Athena SQL parser reads, grouped by every column it does not aggregate', () => {
    const sql = athenaImpactQuerySql(options);
    const columns = resultColumns(sql);
    expect(columns).toContain('useridentity_type');
    expect(columns.slice(-5)).toEqual([
      'examplekey',
      'vpcendpointid',
      'events',
      'firsttime',
      'lasttime',
    ]);
    const groupBy = /GROUP BY ([\d, ]+)\n/.exec(sql)![1]!.split(', ').map(Number);
    expect(groupBy).toEqual(Array.from({ length: columns.length - 5 }, (_, i) => i + 1));
    expect(sql).toContain(`"timestamp" BETWEEN '2026/11/01' AND '2026/11/30'`);
    expect(sql).toContain("region IN ('us-east-1', 'eu-west-1')");
    expect(sql).toContain('FROM security.cloudtrail_org');
    // Every column of the result is one the reader knows.
    const known = new Set([
      'eventsource',
      'eventname',
      'awsregion',
      'eventcategory',
      'errorcode',
      'recipientaccountid',
      'useridentitytype',
      'useridentityaccountid',
      'useridentityarn',
      'sessionissuerarn',
      'useridentityinvokedby',
      'bucketname',
      'keyprefix',
      'resources',
      'eventday',
      'examplekey',
      'vpcendpointid',
      'count',
      'firsttime',
      'lasttime',
    ]);
    expect(canonicalColumns(columns).filter((c) => !known.has(c))).toEqual([]);
  });

  it('writes the organization trail table with partition projection on account, region and day', () => {
    const sql = athenaTableSql(options);
    expect(sql).toContain("LOCATION 's3://org-trail-logs/central/AWSLogs/o-a1b2c3d4e5/'");
    expect(sql).toContain(
      "'storage.location.template' = 's3://org-trail-logs/central/AWSLogs/o-a1b2c3d4e5/${account}/CloudTrail/${region}/${timestamp}'",
    );
    expect(sql).toContain(`'projection.account.values' = '${OURS},444455556666'`);
    expect(sql).toContain("'projection.timestamp.range' = '2026/11/01,NOW'");
    expect(sql).toContain('PARTITIONED BY (account STRING, region STRING, `timestamp` STRING)');
    for (const [open, close] of [
      ['(', ')'],
      ['<', '>'],
    ] as const)
      expect(sql.split(open).length, open).toBe(sql.split(close).length);
    expect(sql).toContain('vpcendpointid STRING');
  });

  it('refuses values that would not be plain names inside the SQL', () => {
    expect(checkAthenaOptions(options)).toEqual([]);
    const bad = checkAthenaOptions({
      ...options,
      table: 't; DROP TABLE x',
      prefix: "logs'--",
      bucket: 'Bad_Bucket',
      since: '2026-13-45',
      accounts: [],
    });
    expect(bad).toHaveLength(5);
  });

  it("reads the query's CSV result back as input", () => {
    const header = resultColumns(athenaImpactQuerySql(options));
    const row = (values: Record<string, string>) =>
      header.map((name) => `"${(values[name] ?? '').replaceAll('"', '""')}"`).join(',');
    const base = {
      eventsource: 's3.amazonaws.com',
      eventname: 'GetObject',
      awsregion: 'us-east-1',
      eventcategory: 'Data',
      recipientaccountid: OURS,
      useridentity_type: 'AssumedRole',
      useridentity_accountid: OURS,
      sessionissuer_arn: `arn:aws:iam::${OURS}:role/app`,
      bucketname: 'our-data',
      keyprefix: 'reports/2026/',
      resources: `[{"arn":"arn:aws:s3:::our-data","accountid":"${OURS}","type":"AWS::S3::Bucket"}]`,
      eventday: '2026-11-20',
      examplekey: 'reports/2026/q1.csv',
      vpcendpointid: 'vpce-0123',
      events: '1200',
      firsttime: '2026-11-20T00:01:00Z',
      lasttime: '2026-11-20T23:59:00Z',
    };
    const csv = [
      header.map((h) => `"${h}"`).join(','),
      row(base),
      row({
        ...base,
        eventday: '2026-11-21',
        events: '800',
        firsttime: '2026-11-21T00:00:00Z',
        lasttime: '2026-11-21T10:00:00Z',
      }),
      row({
        ...base,
        eventname: 'PutObject',
        bucketname: 'personal',
        examplekey: 'x.zip',
        resources: `[{"arn":"arn:aws:s3:::personal","accountid":"${OUTSIDE}","type":"AWS::S3::Bucket"}]`,
        errorcode: 'VpceAccessDenied',
        events: '3',
      }),
    ].join('\n');
    const collector = new EventCollector((id) => toServiceId(id, catalog));
    const reader = new TrailFileReader(collector);
    reader.pushText(csv);
    expect(reader.end()).toMatchObject({ format: 'csv', records: 3, problems: [] });
    const report = buildImpactReport(collector.result(), {
      config: {
        version: 1,
        organizationIds: [ORG],
        regions: [testRegionCode('us-east-1')],
        services: [testServiceId('s3')],
      },
      accounts: new Set([OURS]),
    });
    expect(report.totals.events).toBe(2003);
    const results = report.groups[0]!.results;
    expect(results[0]).toMatchObject({
      decision: 'allowed',
      shape: {
        count: 2000,
        principalArn: `arn:aws:iam::${OURS}:role/app`,
        resource: 'arn:aws:s3:::our-data/reports/2026/*',
        days: { '2026-11-20': 1200, '2026-11-21': 800 },
      },
    });
    expect(results[1]).toMatchObject({
      flag: 'exfiltration',
      shape: { count: 3, deniedByEndpoint: 3, resourceAccount: OUTSIDE },
    });
  });
});
