import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { generate } from '../../core/generate/generate';
import { runCli } from '../run-cli.testing';
import { STATEMENT_SIDS } from '../../core/catalog/ids';
import { testRegionCode, testServiceId } from '../../core/catalog/ids.testing';

const ORG = 'o-a1b2c3d4e5';
const NO_THIRD_PARTY = [
  '--disable',
  'AllowRequestsByThirdPartyIdentitiesToThirdPartyResources',
  '--disable',
  'AllowRequestsByOrgsIdentitiesToThirdPartyResources',
];
const tmp = () => mkdtempSync(join(tmpdir(), 'vpce-policy-'));
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

describe('vpce-policy build', () => {
  it('prints the policy of the default selection for the given regions', async () => {
    const run = await runCli([
      'build',
      '--service',
      's3',
      '--region',
      'us-east-1',
      '--region',
      'eu-west-1',
      '--org-id',
      ORG,
      ...NO_THIRD_PARTY,
    ]);
    expect(run.code).toBe(0);
    const expected = generate(
      {
        version: 1,
        organizationIds: [ORG],
        regions: [testRegionCode('us-east-1'), testRegionCode('eu-west-1')],
        services: [testServiceId('s3')],
        statements: {
          AllowRequestsByThirdPartyIdentitiesToThirdPartyResources: false,
          AllowRequestsByOrgsIdentitiesToThirdPartyResources: false,
        },
      },
      testServiceId('s3'),
    );
    expect(run.stdout).toBe(`${expected.text}\n`);
    expect(run.stderr).toMatch(/warning generate\/unverified-account/);
  });

  it('still prints a policy with errors, placeholders visible, and exits 1', async () => {
    const run = await runCli([
      'build',
      '--service',
      's3',
      '--region',
      'us-east-1',
      '--org-id',
      ORG,
    ]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('<third-party-account-a>');
    expect(run.stderr).toMatch(
      /s3-endpoint-policy\.json \(parameters\.thirdPartyIdentitiesToThirdPartyResources\.accounts\): error generate\/missing-parameter/,
    );
  });

  it('minifies, and writes one file per service and region with --per-region --out', async () => {
    const minified = await runCli([
      'build',
      '--service',
      'ec2',
      '--region',
      'us-east-1',
      '--org-id',
      ORG,
      '--minify',
    ]);
    expect(minified.stdout.trimEnd()).not.toMatch(/\s/);
    const dir = tmp();
    const run = await runCli([
      'build',
      '--service',
      'ec2',
      '--service',
      'ssm',
      '--region',
      'us-east-1',
      '--region',
      'eu-west-1',
      '--org-id',
      ORG,
      '--per-region',
      '--out',
      dir,
    ]);
    expect(run.code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual([
      'ec2-eu-west-1-endpoint-policy.json',
      'ec2-us-east-1-endpoint-policy.json',
      'manifest.json',
      'ssm-eu-west-1-endpoint-policy.json',
      'ssm-us-east-1-endpoint-policy.json',
    ]);
    const ssm = JSON.parse(readFileSync(join(dir, 'ssm-eu-west-1-endpoint-policy.json'), 'utf8'));
    expect(JSON.stringify(ssm)).toContain('arn:aws:ssm:eu-west-1::parameter/aws/*');
    expect(JSON.stringify(ssm)).not.toContain('us-east-1');
  });

  it('prints several policies as one JSON object keyed by file name', async () => {
    const run = await runCli([
      'build',
      '--service',
      'ec2',
      '--service',
      'iam',
      '--region',
      'us-east-1',
      '--org-id',
      ORG,
    ]);
    expect(Object.keys(JSON.parse(run.stdout))).toEqual([
      'ec2-endpoint-policy.json',
      'iam-endpoint-policy.json',
    ]);
  });

  it('reads a configuration, with flags overriding it', async () => {
    const dir = tmp();
    writeFileSync(
      join(dir, 'perimeter.json'),
      '// ours\n{ "version": 1, "organizationIds": ["o-zzzzzzzzzz"], "regions": ["eu-west-1"], "services": ["iam"] }',
    );
    const run = await runCli(['build', '--config', 'perimeter.json', '--org-id', ORG], dir);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(ORG);
    expect(run.stdout).not.toContain('o-zzzzzzzzzz');
  });

  it('turns statements and patterns on and off by id', async () => {
    const run = await runCli([
      'build',
      '--service',
      'ecr.api',
      '--region',
      'us-east-1',
      '--org-id',
      ORG,
      '--enable',
      'guardduty-eks-agent-images',
      '--disable',
      'AllowRequestsByAWSServicePrincipals',
    ]);
    expect(run.stdout).toContain('031903291036');
    expect(run.stdout).not.toContain('AllowRequestsByAWSServicePrincipals');
    const bad = await runCli(['build', '--service', 's3', '--enable', 'everything']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(
      /"everything" is neither a statement Sid nor a data access pattern id/,
    );
  });

  it('says what validate would say of a policy with statements turned off: an empty one is an error', async () => {
    const base = ['build', '--service', 'sts', '--region', 'us-east-1', '--org-id', ORG];
    const withoutFederation = await runCli([
      ...base,
      ...NO_THIRD_PARTY,
      '--disable',
      'sts-federated-sign-in',
    ]);
    expect(withoutFederation.code).toBe(0);
    expect(withoutFederation.stderr).toMatch(
      /warning perimeter\/sts-federation-blocked: This STS endpoint policy blocks sts:AssumeRoleWithSAML and sts:AssumeRoleWithWebIdentity/,
    );
    const allOff = await runCli([...base, ...STATEMENT_SIDS.flatMap((sid) => ['--disable', sid])]);
    expect(allOff.code).toBe(1);
    expect(JSON.parse(allOff.stdout)).toEqual({ Version: '2012-10-17', Statement: [] });
    expect(allOff.stderr).toMatch(
      /error grammar\/no-statements: Statement is an empty list: the policy allows nothing/,
    );
  });

  it("checks the third-party actions and ARNs against IAM's names, as validate does, for statements that are on", async () => {
    const dir = tmp();
    const config = (statementOn: boolean) => ({
      version: 1,
      organizationIds: [ORG],
      regions: ['us-east-1'],
      services: ['s3'],
      statements: {
        AllowRequestsByThirdPartyIdentitiesToThirdPartyResources: statementOn,
        AllowRequestsByOrgsIdentitiesToThirdPartyResources: false,
      },
      parameters: {
        thirdPartyIdentitiesToThirdPartyResources: {
          accounts: ['111122223333'],
          actions: ['s3:GetObjct', 's3:PutObject'],
          resources: ['arn:aws:s3:us-east-1::partner-bucket/*'],
        },
      },
    });
    writeFileSync(join(dir, 'on.json'), JSON.stringify(config(true)));
    writeFileSync(join(dir, 'off.json'), JSON.stringify(config(false)));
    const on = await runCli(['build', '--config', 'on.json'], dir);
    expect(on.code).toBe(0);
    expect(on.stderr).toContain(
      'on.json (parameters.thirdPartyIdentitiesToThirdPartyResources.actions): warning action/unknown: Action s3:GetObjct: s3 has no action "GetObjct".\n  hint: Did you mean "s3:GetObject"?',
    );
    expect(on.stderr).toMatch(
      /\(parameters\.thirdPartyIdentitiesToThirdPartyResources\.resources\): warning arn\/unexpected-region: Resource ARN arn:aws:s3:us-east-1::partner-bucket\/\*: /,
    );
    expect(on.stderr).not.toContain('PutObject:');
    const off = await runCli(['build', '--config', 'off.json'], dir);
    expect(off.code).toBe(0);
    expect(off.stderr).not.toContain('action/unknown');
  });

  describe('bad input exits 2 with a clear message and no stack trace', () => {
    const cases: Array<[string, string, RegExp]> = [
      [
        'malformed JSON',
        '{"version": 1, "regions": [',
        /perimeter\.json:1:\d+: error config\/syntax/,
      ],
      [
        'wrong types',
        '{"version": 1, "organizationIds": "o-a1b2c3d4e5", "regions": [], "services": ["s3"]}',
        /error config\/invalid-type: organizationIds should be a list/,
      ],
      [
        'unknown service',
        '{"version": 1, "organizationIds": [], "regions": [], "services": ["s4"]}',
        /error config\/unknown-service: Unknown endpoint service "s4"/,
      ],
      [
        'unknown region',
        '{"version": 1, "organizationIds": [], "regions": ["eu-west-9"], "services": ["s3"]}',
        /error config\/unknown-region/,
      ],
      [
        'org id of the wrong shape',
        '{"version": 1, "organizationIds": ["org-123"], "regions": [], "services": ["s3"]}',
        /organizationIds\[0\].*organization id/,
      ],
      [
        'account id of the wrong shape',
        '{"version": 1, "organizationIds": [], "regions": [], "services": ["lambda"], "parameters": {"lambdaLayerAccounts": ["1234"]}}',
        /12-digit/,
      ],
      [
        '__proto__ keys',
        '{"version": 1, "organizationIds": [], "regions": [], "services": ["s3"], "__proto__": {"isAdmin": true}}',
        /Unknown field "__proto__"/,
      ],
      ['binary data', '\u0000\u0001\u0002PK', /binary data/],
    ];
    it.each(cases)('%s', async (_name, text, message) => {
      const dir = tmp();
      writeFileSync(join(dir, 'perimeter.json'), text);
      const run = await runCli(['build', '--config', 'perimeter.json'], dir);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(message);
      expect(run.stderr).not.toMatch(/\n\s+at /);
      expect(run.stdout).toBe('');
    });

    it('a 5 MB file', async () => {
      const dir = tmp();
      writeFileSync(
        join(dir, 'perimeter.json'),
        `{"version": 1, "services": [${'"s3",'.repeat(1_000_000)}"s3"]}`,
      );
      const run = await runCli(['build', '--config', 'perimeter.json'], dir);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/5\.0 MB; the limit is 1,000,000 characters/);
    });

    it('bad flags', async () => {
      expect(
        (await runCli(['build', '--service', 's3', '--region', 'mars-north-1'])).stderr,
      ).toMatch(/Unknown region "mars-north-1"/);
      expect((await runCli(['build', '--service', 's3', '--org-id', 'o-x'])).code).toBe(2);
      expect((await runCli(['build', '--servce', 's3'])).stderr).toMatch(
        /Unknown option '--servce'/,
      );
      expect((await runCli(['build'])).stderr).toMatch(/no endpoint service/);
      expect((await runCli(['build', '--config', 'missing.json'])).stderr).toMatch(/no such file/);
      expect((await runCli(['frobnicate'])).code).toBe(2);
    });
  });
});

describe('vpce-policy catalog and init', () => {
  it('lists services, statements and patterns, and prints JSON for machines', async () => {
    const text = await runCli(['catalog']);
    expect(text.stdout).toMatch(/^SERVICES\nSERVICE\s+POLICY\s+TEMPLATE\s+TITLE/);
    expect(text.stdout).toContain('AllowRequestsToAWSOwnedResources');
    expect(text.stdout).toContain('amazon-linux-2023-repositories');
    const json = JSON.parse(
      (await runCli(['catalog', 'patterns', '--service', 'ssm', '--json'])).stdout,
    ) as Array<{ id: string }>;
    expect(json.map((p) => p.id)).toEqual([
      'ssm-public-parameters',
      'ssm-aws-documents',
      'ssm-automation-runbooks',
    ]);
    expect((await runCli(['catalog', 'planets'])).code).toBe(2);
  });

  it('init writes a commented example that build accepts', async () => {
    const dir = tmp();
    expect((await runCli(['init'], dir)).code).toBe(0);
    expect(readFileSync(join(dir, 'perimeter.json'), 'utf8')).toMatch(
      /^\/\/ A perimeter configuration/,
    );
    expect(
      JSON.parse(readFileSync(join(dir, 'perimeter-config.schema.json'), 'utf8')).title,
    ).toMatch(/perimeter configuration/);
    const build = await runCli(['build', '--config', 'perimeter.json', '--out', 'policies'], dir);
    expect(build.code).toBe(0);
    expect(readdirSync(join(dir, 'policies'))).toContain('s3-us-east-1-endpoint-policy.json');
    expect((await runCli(['init'], dir)).stderr).toMatch(/exists; use --force/);
  });
});

describe('the vpce-policy executable', () => {
  it('runs through npx from the repository with no build step', () => {
    const out = execFileSync(
      'npx',
      [
        '--no-install',
        'vpce-policy',
        'build',
        '--service',
        'iam',
        '--region',
        'us-east-1',
        '--org-id',
        ORG,
      ],
      { cwd: repoRoot, encoding: 'utf8' },
    );
    expect(JSON.parse(out).Statement[2].Resource).toBe('arn:aws:iam::aws:policy/*');
    const usage = spawnSync(
      'npx',
      ['--no-install', 'vpce-policy', 'build', '--region', 'nowhere-1'],
      { cwd: repoRoot, encoding: 'utf8' },
    );
    expect(usage.status).toBe(2);
  });
});
