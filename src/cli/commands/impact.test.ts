import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, openSync, closeSync, ftruncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  gzipLogFile,
  identities,
  logFile,
  ORG,
  OURS,
  OURS_TOO,
  OUTSIDE,
  PARTNER,
  s3Event,
  VPCE,
} from '../../core/impact/trail-fixtures.testing';
import { runCli } from '../run-cli.testing';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
let dir: string;

const allowedOnly = [
  s3Event(identities.role(), 'our-data', 'reports/2026/q1.csv', OURS),
  s3Event(identities.role(OURS_TOO), 'our-data', 'reports/2026/q2.csv', OURS),
  s3Event(identities.role(), 'personal-bucket', 'x.zip', OUTSIDE, { eventName: 'PutObject' }),
];
const breaking = [
  s3Event(identities.role(), 'vendor-feed', 'daily/feed.csv', PARTNER),
  s3Event(identities.role(), 'awslambda-us-east-1-tasks', 'snapshots/1/fn', undefined),
  s3Event(identities.awsAccount(OUTSIDE), 'our-data', 'a', OURS, {
    category: 'NetworkActivity',
    errorCode: 'VpceAccessDenied',
  }),
];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vpce-impact-'));
  mkdirSync(join(dir, 'trail', 'CloudTrail-Digest'), { recursive: true });
  mkdirSync(join(dir, 'clean'));
  writeFileSync(
    join(dir, 'perimeter.json'),
    JSON.stringify({
      version: 1,
      organizationIds: [ORG],
      regions: ['us-east-1'],
      services: ['s3'],
      statements: {
        AllowRequestsByThirdPartyIdentitiesToThirdPartyResources: false,
        AllowRequestsByOrgsIdentitiesToThirdPartyResources: false,
      },
    }),
  );
  writeFileSync(
    join(dir, 'no-org.json'),
    JSON.stringify({ version: 1, organizationIds: [], regions: [], services: ['s3'] }),
  );
  writeFileSync(
    join(dir, 'accounts.json'),
    JSON.stringify({ Accounts: [{ Id: OURS, Status: 'ACTIVE' }, { Id: OURS_TOO }] }),
  );
  writeFileSync(join(dir, 'trail', 'a.json.gz'), gzipLogFile(allowedOnly));
  writeFileSync(join(dir, 'trail', 'b.json'), logFile(breaking));
  writeFileSync(
    join(dir, 'trail', 'c.json.gz'),
    gzipLogFile([...allowedOnly, ...breaking]).subarray(0, 300),
  );
  writeFileSync(
    join(dir, 'trail', 'd.json.gz'),
    Buffer.from([0x1f, 0x8b, 8, 0, 1, 2, 3, 4, 5, 6, 7]),
  );
  writeFileSync(join(dir, 'trail', 'notes.txt'), 'hello\nnot a trail\n');
  writeFileSync(join(dir, 'trail', 'CloudTrail-Digest', 'digest.json.gz'), gzipLogFile([]));
  writeFileSync(join(dir, 'clean', 'a.json.gz'), gzipLogFile(allowedOnly));
});

const impact = (...args: string[]) =>
  runCli(
    ['impact', '--config', 'perimeter.json', '--accounts', 'accounts.json', '--jobs', '1', ...args],
    dir,
  );

describe('vpce-policy impact', () => {
  it('exits 1 and names each legitimate-looking denied request with the edit that admits it', async () => {
    const run = await impact('trail');
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      's3 in us-east-1: 2 shapes allowed (2 events), 4 shapes denied (4 events)',
    );
    expect(run.stdout).toContain(
      'fix: turn on the data access pattern lambda-deployment-packages (dataAccessPatterns.lambda-deployment-packages = true)',
    );
    expect(run.stdout).toContain(
      'add accounts 210987654321; actions s3:GetObject; resources arn:aws:s3:::vendor-feed/* to parameters.orgIdentitiesToThirdPartyResources',
    );
    expect(run.stdout).toMatch(/FLAGGED .*s3:PutObject .*personal-bucket/);
    expect(run.stdout).toContain('looks like exfiltration');
    expect(run.stdout).toContain(
      'Requests the endpoints denied (VpceAccessDenied): 1; the design would still deny 1 and allow 0.',
    );
    expect(run.stdout).toContain(
      'Result: 2 legitimate-looking request shapes (2 events) would be denied',
    );
  });

  it('says what is wrong with each bad file and goes on with the others', async () => {
    const run = await impact('trail');
    expect(run.stderr).toContain('c.json.gz: the gzip data is corrupt or cut short');
    expect(run.stderr).toContain('d.json.gz: the gzip data is corrupt or cut short');
    expect(run.stderr).toContain(
      'notes.txt: not CloudTrail: the first line is neither JSON nor a query result header',
    );
    expect(run.stderr).not.toContain('digest');
    expect(run.stdout).toContain('Read 5 files');
  });

  it('exits 0 when every denied request is flagged rather than legitimate', async () => {
    const run = await impact('clean');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      'Result: no legitimate-looking request would be denied; 1 shape flagged',
    );
  });

  it('prints the whole report as JSON', async () => {
    const run = await impact('--json', 'trail');
    const parsed = JSON.parse(run.stdout) as {
      files: { path: string; records: number }[];
      report: { totals: { events: number; legitimateDenied: { shapes: number } } };
    };
    expect(parsed.report.totals.legitimateDenied.shapes).toBe(2);
    expect(parsed.report.totals.events).toBe(6);
    expect(parsed.files.map((f) => f.records)).toEqual([3, 3, 0, 0, 0]);
  });

  it('reads a 2 GB file that is not CloudTrail without reading it all, and says so', async () => {
    const big = join(dir, 'huge.bin');
    const fd = openSync(big, 'w');
    ftruncateSync(fd, 2 * 1024 ** 3);
    closeSync(fd);
    const run = await impact('huge.bin', 'clean');
    expect(run.stderr).toContain('huge.bin: the file is binary, not text');
    expect(run.code).toBe(0);
  });

  it('rejects bad usage with exit code 2', async () => {
    expect((await runCli(['impact', 'trail'], dir)).stderr).toContain('--config perimeter.json');
    const noOrg = await runCli(['impact', '--config', 'no-org.json', 'trail'], dir);
    expect([noOrg.code, noOrg.stderr]).toEqual([
      2,
      'vpce-policy impact: no-org.json names no organization id: the perimeter cannot be evaluated without one\n',
    ]);
    const unreadable = await impact('trail/notes.txt');
    expect(unreadable.code).toBe(2);
    expect(unreadable.stderr).toContain('the file could not be read as CloudTrail');
    expect((await impact('--jobs', '0', 'trail')).code).toBe(2);
  });

  it('takes the endpoint service and region from an inventory', async () => {
    writeFileSync(
      join(dir, 'endpoints.json'),
      JSON.stringify({
        VpcEndpoints: [{ VpcEndpointId: VPCE, ServiceName: 'com.amazonaws.eu-west-1.s3' }],
      }),
    );
    const run = await impact('--endpoints', 'endpoints.json', 'clean');
    expect(run.stdout).toContain('s3 in eu-west-1 (not in the design: evaluated as if added)');
    const bad = await impact('--endpoints', 'accounts.json', 'clean');
    expect([bad.code, bad.stderr]).toEqual([
      2,
      'vpce-policy impact: endpoint inventory "accounts.json": expected the output of "aws ec2 describe-vpc-endpoints" ({"VpcEndpoints": [...]}) or a list of {"id", "service", "region"}\n',
    ]);
  });

  it('prints the Athena SQL for the organization trail', async () => {
    const run = await impact('--athena-bucket', 'org-trail', '--since', '2026-11-01');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("LOCATION 's3://org-trail/AWSLogs/o-a1b2c3d4e5/'");
    expect(run.stdout).toContain(`'projection.account.values' = '${OURS},${OURS_TOO}'`);
    const bad = await impact('--athena-bucket', "x'; DROP", '--since', '2026-11-01');
    expect(bad.code).toBe(2);
  });

  it('reads across worker threads from the installed command, to the same report', () => {
    const bin = join(repoRoot, 'bin', 'vpce-policy.mjs');
    const args = ['impact', '--config', 'perimeter.json', '--accounts', 'accounts.json', '--json'];
    const threaded = spawnSync(process.execPath, [bin, ...args, '--jobs', '2', 'trail'], {
      cwd: dir,
      encoding: 'utf8',
    });
    const single = spawnSync(process.execPath, [bin, ...args, '--jobs', '1', 'trail'], {
      cwd: dir,
      encoding: 'utf8',
    });
    expect(threaded.status, threaded.stderr).toBe(1);
    expect(JSON.parse(threaded.stdout).report).toEqual(JSON.parse(single.stdout).report);
  }, 60_000);
});
