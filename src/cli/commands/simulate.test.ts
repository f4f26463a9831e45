import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PerimeterConfigDocument } from '../../core/config/schema';
import { evaluate } from '../../core/evaluate/evaluate';
import type { SavedRequest } from '../../core/config/request-schema';
import { generate } from '../../core/generate/generate';
import { runCli } from '../run-cli.testing';
import { testConfig, testServiceId } from '../../core/catalog/ids.testing';

const ORG = 'o-a1b2c3d4e5';
const ACCOUNT = '111122223333';
const ROLE = `arn:aws:iam::${ACCOUNT}:role/app`;

const config: PerimeterConfigDocument = {
  version: 1,
  organizationIds: [ORG],
  regions: ['us-east-1', 'eu-west-1'],
  services: ['s3'],
  statements: {
    AllowRequestsByThirdPartyIdentitiesToThirdPartyResources: false,
    AllowRequestsByOrgsIdentitiesToThirdPartyResources: false,
  },
};

/** An anonymous read of a bucket: the request of the tests about the policy rather than the request. */
const anonymousRead = ['--action', 's3:GetObject', '--resource', 'arn:aws:s3:::b', '--anonymous'];
const ourRole = ['--principal-arn', ROLE, '--principal-org', ORG];
const ourBucket = [
  '--resource',
  'arn:aws:s3:::our-bucket/report.csv',
  '--resource-account',
  ACCOUNT,
  '--resource-org',
  ORG,
];

function workspace(): { dir: string; write: (name: string, content: unknown) => string } {
  const dir = mkdtempSync(join(tmpdir(), 'vpce-simulate-'));
  return {
    dir,
    write(name, content) {
      writeFileSync(
        join(dir, name),
        typeof content === 'string' ? content : JSON.stringify(content, null, 2),
      );
      return name;
    },
  };
}

function withPolicy() {
  const ws = workspace();
  ws.write('s3-policy.json', generate(testConfig(config), testServiceId('s3')).text);
  return ws;
}

const suite: SavedRequest[] = [
  {
    name: 'our role reads our bucket',
    service: 's3',
    request: {
      principal: { type: 'iam', account: ACCOUNT, arn: ROLE, organizationId: ORG },
      action: 's3:GetObject',
      resource: 'arn:aws:s3:::our-bucket/a',
      resourceAccount: ACCOUNT,
      resourceOrganizationId: ORG,
    },
    expect: 'Allowed',
  },
  {
    name: 'our role writes to a personal bucket',
    service: 's3',
    region: 'eu-west-1',
    request: {
      principal: { type: 'iam', account: ACCOUNT, arn: ROLE, organizationId: ORG },
      action: 's3:PutObject',
      resource: 'arn:aws:s3:::personal/a',
      resourceAccount: '999988887777',
      resourceOrganizationId: null,
    },
    expect: 'ImplicitDeny',
  },
  {
    name: 'yum reads Amazon Linux 2023 packages without credentials',
    service: 's3',
    request: {
      principal: { type: 'anonymous' },
      action: 's3:GetObject',
      resource: 'arn:aws:s3:::al2023-us-east-1/core/x.rpm',
    },
    expect: 'Allowed',
  },
];

describe('vpce-policy simulate: one request', () => {
  it('prints the verdict, every statement and the context keys used', async () => {
    const ws = withPolicy();
    const run = await runCli(
      [
        'simulate',
        '--policy',
        's3-policy.json',
        '--action',
        's3:PutObject',
        '--resource',
        'arn:aws:s3:::personal/a',
        '--resource-account',
        '999988887777',
        '--resource-org',
        'none',
        ...ourRole,
      ],
      ws.dir,
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /^Denied implicitly: none of the 5 statements allows s3:PutObject on arn:aws:s3:::personal\/a\.\n/,
    );
    expect(run.stdout).toContain(
      "1. AllowRequestsByOrgsIdentitiesToOrgsResources (Allow): does not apply, Condition StringEquals aws:ResourceOrgID: aws:ResourceOrgID is absent (the resource's account is in no organization), the statement requires o-a1b2c3d4e5 [s3-policy.json:13:11]",
    );
    expect(run.stdout).toMatch(
      /aws:PrincipalOrgID\s+= o-a1b2c3d4e5 {2}\(derived: the organization of the principal's account\)/,
    );
    expect(run.stderr).toBe('');
  });

  it('gives no verdict for a resource that is no ARN, and says which flag is wrong', async () => {
    const ws = withPolicy();
    const run = await runCli(
      [
        'simulate',
        '--policy',
        's3-policy.json',
        '--action',
        's3:GetObject',
        '--resource',
        'not-an-arn',
        ...ourRole,
      ],
      ws.dir,
    );
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(
      '--resource: expected an ARN such as "arn:aws:s3:::example-bucket/key"',
    );
  });

  it('prints JSON with the decision and the deciding statements', async () => {
    const ws = withPolicy();
    const run = await runCli(
      [
        'simulate',
        '--policy',
        's3-policy.json',
        '--action',
        's3:GetObject',
        ...ourBucket,
        ...ourRole,
        '--json',
      ],
      ws.dir,
    );
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.decision).toBe('Allowed');
    expect(report.deciding).toEqual([
      { index: 0, sid: 'AllowRequestsByOrgsIdentitiesToOrgsResources', effect: 'Allow' },
    ]);
    expect(report.request.principal).toEqual({
      type: 'iam',
      account: ACCOUNT,
      arn: ROLE,
      organizationId: ORG,
    });
    expect(report.contextUsed.slice(0, 2)).toEqual([
      {
        key: 'aws:PrincipalOrgID',
        present: true,
        value: ORG,
        origin: 'derived',
        from: "the organization of the principal's account",
      },
      {
        key: 'aws:ResourceOrgID',
        present: true,
        value: ORG,
        origin: 'derived',
        from: "the organization of the resource's account",
      },
    ]);
  });

  it('agrees with the evaluator for service principals, anonymous callers and tags', async () => {
    const ws = withPolicy();
    const policy = generate(testConfig(config), testServiceId('s3')).text;
    const service = await runCli(
      [
        'simulate',
        '--policy',
        's3-policy.json',
        '--action',
        's3:PutObject',
        '--resource',
        'arn:aws:s3:::cf-bucket/x',
        '--service-principal',
        'cloudformation.amazonaws.com',
        '--json',
      ],
      ws.dir,
    );
    expect(JSON.parse(service.stdout).decision).toBe('Allowed');
    const anonymous = await runCli(
      [
        'simulate',
        '--policy',
        's3-policy.json',
        '--action',
        's3:PutObject',
        '--resource',
        'arn:aws:s3:::al2023-us-east-1/x',
        '--anonymous',
        '--json',
      ],
      ws.dir,
    );
    expect(JSON.parse(anonymous.stdout).decision).toBe(
      evaluate(policy, {
        principal: { type: 'anonymous' },
        action: 's3:PutObject',
        resource: 'arn:aws:s3:::al2023-us-east-1/x',
      }).decision,
    );
    const tagged = await runCli(
      [
        'simulate',
        '--policy',
        's3-policy.json',
        '--action',
        's3:PutObject',
        '--resource',
        'arn:aws:s3:::personal/x',
        '--resource-org',
        'none',
        ...ourRole,
        '--principal-tag',
        'dp:exclude:resource=true',
        '--json',
      ],
      ws.dir,
    );
    expect(JSON.parse(tagged.stdout).deciding.map((s: { sid: string }) => s.sid)).toEqual([
      'AllowRequestsByOrgsIdentitiesToAnyResources',
    ]);
  });

  it('reads --context, repeating a key for several values, and lets it replace derived keys', async () => {
    const ws = workspace();
    ws.write('policy.json', {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: '*',
          Action: '*',
          Resource: '*',
          Condition: {
            'ForAllValues:StringEquals': { 'aws:TagKeys': ['a', 'b'] },
            StringEquals: { 'aws:PrincipalOrgID': 'o-other00000' },
          },
        },
      ],
    });
    const run = await runCli(
      [
        'simulate',
        '--policy',
        'policy.json',
        '--action',
        's3:GetObject',
        '--resource',
        'arn:aws:s3:::b/k',
        ...ourRole,
        '--context',
        'aws:TagKeys=a',
        '--context',
        'aws:TagKeys=b',
        '--context',
        'aws:PrincipalOrgID=o-other00000',
        '--json',
      ],
      ws.dir,
    );
    const report = JSON.parse(run.stdout);
    expect(report.decision).toBe('Allowed');
    expect(report.request.context).toEqual({
      'aws:TagKeys': ['a', 'b'],
      'aws:PrincipalOrgID': 'o-other00000',
    });
    expect(
      report.context.find((e: { key: string }) => e.key === 'aws:PrincipalOrgID'),
    ).toMatchObject({ origin: 'given', replaced: ORG });
  });

  it('simulates against the policy a configuration generates for a service and region', async () => {
    const ws = workspace();
    ws.write('perimeter.json', { ...config, output: { shape: 'per-region' } });
    const args = [
      'simulate',
      '--config',
      'perimeter.json',
      '--service',
      's3',
      '--action',
      's3:GetObject',
      '--resource',
      'arn:aws:s3:::al2023-us-east-1/x',
      '--anonymous',
      '--json',
    ];
    // With one policy per region, the eu-west-1 endpoint does not name us-east-1 repositories.
    const inEurope = JSON.parse((await runCli([...args, '--region', 'eu-west-1'], ws.dir)).stdout);
    expect([inEurope.decision, inEurope.policy]).toEqual([
      'ImplicitDeny',
      'the s3 policy for eu-west-1',
    ]);
    expect(
      JSON.parse((await runCli([...args, '--region', 'us-east-1'], ws.dir)).stdout).decision,
    ).toBe('Allowed');
    // Without --region: the first selected region in catalog order (eu-west-1 comes first).
    expect(JSON.parse((await runCli(args, ws.dir)).stdout).policy).toBe(
      'the s3 policy for eu-west-1',
    );
    // With one policy for all regions, every endpoint has both.
    ws.write('all.json', config);
    const all = JSON.parse(
      (
        await runCli(
          [...args.slice(0, 1), '--config', 'all.json', ...args.slice(3), '--region', 'eu-west-1'],
          ws.dir,
        )
      ).stdout,
    );
    expect([all.decision, all.policy]).toEqual([
      'Allowed',
      'the s3 policy for eu-west-1, us-east-1',
    ]);
  });

  it('exits 1 when the verdict is not the one --expect names', async () => {
    const ws = withPolicy();
    const base = [
      'simulate',
      '--policy',
      's3-policy.json',
      '--action',
      's3:GetObject',
      ...ourBucket,
      ...ourRole,
    ];
    expect((await runCli([...base, '--expect', 'allowed'], ws.dir)).code).toBe(0);
    const wrong = await runCli([...base, '--expect', 'ExplicitDeny'], ws.dir);
    expect(wrong.code).toBe(1);
    expect(wrong.stdout).toContain('Expected ExplicitDeny, got Allowed.');
  });

  it('prints its usage with --help', async () => {
    const run = await runCli(['simulate', '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('--service-principal NAME');
  });
});

describe('vpce-policy simulate: bad usage and input exit 2 with a clear message', () => {
  const cases: [string, string[], RegExp][] = [
    [
      'no action',
      ['--policy', 's3-policy.json', '--resource', 'arn:aws:s3:::b', '--anonymous'],
      /--action is required/,
    ],
    [
      'no caller',
      ['--policy', 's3-policy.json', '--action', 's3:GetObject', '--resource', 'arn:aws:s3:::b'],
      /describe the caller/,
    ],
    [
      'two callers',
      ['--policy', 's3-policy.json', ...anonymousRead, '--service-principal', 'x.amazonaws.com'],
      /one kind of caller/,
    ],
    [
      'a bad account',
      [
        '--policy',
        's3-policy.json',
        '--action',
        's3:GetObject',
        '--resource',
        'arn:aws:s3:::b',
        '--principal-account',
        '123',
      ],
      /--principal-account: expected a 12-digit AWS account id/,
    ],
    [
      'a bad organization',
      [
        '--policy',
        's3-policy.json',
        '--action',
        's3:GetObject',
        '--resource',
        'arn:aws:s3:::b',
        '--principal-account',
        ACCOUNT,
        '--resource-org',
        'acme',
      ],
      /--resource-org: expected an organization id/,
    ],
    [
      'a bad tag',
      [
        '--policy',
        's3-policy.json',
        '--action',
        's3:GetObject',
        '--resource',
        'arn:aws:s3:::b',
        '--principal-account',
        ACCOUNT,
        '--principal-tag',
        'novalue',
      ],
      /--principal-tag takes KEY=VALUE/,
    ],
    [
      'a bad action',
      [
        '--policy',
        's3-policy.json',
        '--action',
        'GetObject',
        '--resource',
        'arn:aws:s3:::b',
        '--anonymous',
      ],
      /--action: expected an action/,
    ],
    ['no policy', [...anonymousRead], /give the policy/],
    [
      'a missing file',
      ['--policy', 'nope.json', ...anonymousRead],
      /cannot read policy "nope.json": no such file/,
    ],
    [
      'policy and config',
      ['--policy', 's3-policy.json', '--config', 'x.json', ...anonymousRead],
      /not both/,
    ],
    [
      'config without service',
      ['--config', 'perimeter.json', ...anonymousRead],
      /--service is required/,
    ],
    [
      'an unknown service',
      ['--config', 'perimeter.json', '--service', 'nosuch', ...anonymousRead],
      /Unknown endpoint service "nosuch"/,
    ],
    [
      'a bad --expect',
      ['--policy', 's3-policy.json', ...anonymousRead, '--expect', 'maybe'],
      /--expect takes Allowed, ImplicitDeny, ExplicitDeny/,
    ],
    [
      'an unknown flag',
      ['--policy', 's3-policy.json', '--frobnicate'],
      /Unknown option '--frobnicate'/,
    ],
    [
      'request flags with --requests',
      ['--policy', 's3-policy.json', '--requests', 'suite.json', '--action', 's3:GetObject'],
      /does not take --action/,
    ],
  ];
  it.each(cases)('%s', async (_name, args, message) => {
    const ws = withPolicy();
    ws.write('perimeter.json', config);
    ws.write('suite.json', suite);
    const run = await runCli(['simulate', ...args], ws.dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stdout).toBe('');
  });

  it('a policy file that is not JSON: the syntax error with its position', async () => {
    const ws = workspace();
    ws.write('broken.json', '{\n  "Version": "2012-10-17",\n  "Statement": [\n');
    const run = await runCli(['simulate', '--policy', 'broken.json', ...anonymousRead], ws.dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /^broken\.json:4:1: error json\/syntax: JSON syntax error: the text ends too early/m,
    );
    expect(run.stderr).toMatch(/broken\.json is not a readable endpoint policy/);
  });

  it('refuses a verdict on a policy with statement errors, and shows the errors', async () => {
    const ws = workspace();
    ws.write('policy.json', {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' },
        { Effect: 'allow', Action: '*', Resource: '*' },
      ],
    });
    const run = await runCli(['simulate', '--policy', 'policy.json', ...anonymousRead], ws.dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      'policy.json:11:17: error grammar/invalid-effect: Effect must be "Allow" or "Deny", not "allow".',
    );
    expect(run.stderr).toContain('no verdict is given on a policy with errors');
    expect(run.stdout).toBe('');
  });

  it("does not blame AWS for the perimeter's own errors: the default full-access policy", async () => {
    const ws = workspace();
    ws.write('default.json', {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }],
    });
    const run = await runCli(['simulate', '--policy', 'default.json', ...anonymousRead], ws.dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('perimeter/admits-anyone');
    expect(run.stderr).toContain(
      'default.json has an error (above); no verdict is given on a policy with errors, which AWS may refuse or which may not keep the perimeter',
    );
    expect(run.stderr).not.toContain('AWS would refuse');
  });
});

describe('vpce-policy simulate --requests', () => {
  it('runs a saved suite against a policy file and reports each request', async () => {
    const ws = withPolicy();
    ws.write('suite.json', suite);
    const run = await runCli(
      ['simulate', '--policy', 's3-policy.json', '--requests', 'suite.json'],
      ws.dir,
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      [
        'PASS  our role reads our bucket [s3]: Allowed',
        'PASS  our role writes to a personal bucket [s3 eu-west-1]: ImplicitDeny',
        'PASS  yum reads Amazon Linux 2023 packages without credentials [s3]: Allowed',
        '3 saved requests: 3 passed, 0 failed',
        '',
      ].join('\n'),
    );
  });

  it('exits 1 when an expectation fails, with the reason', async () => {
    const ws = withPolicy();
    ws.write('suite.json', { savedRequests: [suite[0]!, { ...suite[1]!, expect: 'Allowed' }] });
    const run = await runCli(
      ['simulate', '--policy', 's3-policy.json', '--requests', 'suite.json'],
      ws.dir,
    );
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      'FAIL  our role writes to a personal bucket [s3 eu-west-1]: expected Allowed, got ImplicitDeny. Denied implicitly:',
    );
    const json = await runCli(
      ['simulate', '--policy', 's3-policy.json', '--requests', 'suite.json', '--json'],
      ws.dir,
    );
    const report = JSON.parse(json.stdout);
    expect(report).toMatchObject({ total: 2, passed: 1, failed: 1 });
    expect(report.requests[1]).toMatchObject({
      name: 'our role writes to a personal bucket',
      expect: 'Allowed',
      decision: 'ImplicitDeny',
      passed: false,
      deciding: [],
    });
  });

  it('runs the suite saved in a configuration against the policies it generates', async () => {
    const ws = workspace();
    ws.write('perimeter.json', { ...config, savedRequests: suite });
    const run = await runCli(['simulate', '--requests', 'perimeter.json'], ws.dir);
    expect(run.stdout).toContain('3 saved requests: 3 passed, 0 failed');
    expect(run.code).toBe(0);
    const yaml = ws.write(
      'suite.yaml',
      `savedRequests:\n  - name: service principal\n    service: s3\n    request:\n      principal: { type: service, service: cloudformation.amazonaws.com }\n      action: s3:PutObject\n      resource: arn:aws:s3:::cf/x\n    expect: Allowed\n`,
    );
    const fromYaml = await runCli(
      ['simulate', '--config', 'perimeter.json', '--requests', yaml],
      ws.dir,
    );
    expect(fromYaml.stdout).toContain('PASS  service principal [s3]: Allowed');
  });

  it('names the field of a saved request that is wrong', async () => {
    const ws = withPolicy();
    ws.write('suite.json', [{ ...suite[0]!, expect: 'Maybe' }]);
    const run = await runCli(
      ['simulate', '--policy', 's3-policy.json', '--requests', 'suite.json'],
      ws.dir,
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /suite\.json:17:15: error config\/invalid-value: \[0\]\.expect is "Maybe"/,
    );
    ws.write('bad.json', '[{"name": ');
    const syntax = await runCli(
      ['simulate', '--policy', 's3-policy.json', '--requests', 'bad.json'],
      ws.dir,
    );
    expect(syntax.code).toBe(2);
    expect(syntax.stderr).toMatch(/bad\.json:1:\d+: error config\/syntax: JSON syntax error/);
  });
});
