import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generate } from '../../core/generate/generate';
import { documentedSample, fillSample, readSample } from '../../core/validate/samples.testing';
import { main } from '../main';
import type { CliIO } from '../types';
import { testRegionCode, testServiceId } from '../../core/catalog/ids.testing';

/** Runs `vpce-policy` in-process with captured output. */
async function run(args: string[], cwd: string) {
  let stdout = '';
  let stderr = '';
  const io: CliIO = {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    cwd,
    isTTY: false,
  };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'vpce-validate-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const ORG = 'o-a1b2c3d4e5';
const cleanPolicy = generate(
  {
    version: 1,
    organizationIds: [ORG],
    regions: [testRegionCode('us-east-1')],
    services: [testServiceId('ec2')],
  },
  testServiceId('ec2'),
).text;
/** One statement open to anyone (a warning), next to the organization statement. */
const openPolicy = JSON.stringify(
  {
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: '*' },
      {
        Sid: 'AllowRequestsByOrgsIdentitiesToOrgsResources',
        Effect: 'Allow',
        Principal: '*',
        Action: '*',
        Resource: '*',
        Condition: { StringEquals: { 'aws:PrincipalOrgID': ORG, 'aws:ResourceOrgID': ORG } },
      },
    ],
  },
  null,
  2,
);
/** Anyone, anything, anywhere: an error. */
const wideOpenPolicy = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }],
});

describe('vpce-policy validate', () => {
  it('exits 0 on a clean policy and prints a summary', async () => {
    const dir = workspace({ 'ec2.json': cleanPolicy });
    const result = await run(['validate', 'ec2.json'], dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /^ec2\.json: ec2 \(guessed\); 4 statements \(4 of the perimeter\); 2 data access patterns; [\d,]+ of 20,480 characters, minified [\d,]+; 0 errors, 0 warnings\n$/,
    );
    expect(result.stderr).toBe('');
  });

  it('prints compiler-style lines with the position of each placeholder and exits 1', async () => {
    const sample = readSample('ssm_endpoint_policy.json');
    const dir = workspace({ 'ssm.json': sample });
    const result = await run(['validate', 'ssm.json', '--quiet'], dir);
    expect(result.code).toBe(1);
    const lines = result.stdout.split('\n').filter((l) => l.startsWith('ssm.json:'));
    expect(lines).toHaveLength(6);
    const first = /^ssm\.json:(\d+):(\d+): error placeholder\/unfilled: (<[^>]+>)/.exec(lines[0]!);
    expect(first).not.toBeNull();
    const [, line, column, placeholder] = first!;
    const sourceLine = sample.split('\n')[Number(line) - 1]!;
    expect(sourceLine.slice(Number(column) - 1).startsWith(placeholder!)).toBe(true);
    expect(result.stdout).toMatch(/\n {2}hint: /);
  });

  it('passes the filled upstream sample, with the facts current documentation supersedes', async () => {
    const dir = workspace({ 's3.json': documentedSample('s3_endpoint_policy.json') });
    const result = await run(
      ['validate', 's3.json', '--service', 's3', '--region', 'us-east-1', '--strict'],
      dir,
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^s3\.json: s3; 7 statements \(7 of the perimeter\)/m);
  });

  it('warns about the wildcard Cloud9 bucket name of the sample filled with "*"', async () => {
    const dir = workspace({ 's3.json': fillSample(readSample('s3_endpoint_policy.json')) });
    const result = await run(['validate', 's3.json', '--service', 's3', '--strict'], dir);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      /warning perimeter\/open-name-wildcard: arn:aws:s3:::static-us-east-1-prod-static-\*/,
    );
  });

  it('fails on warnings only with --strict', async () => {
    const dir = workspace({ 'open.json': openPolicy });
    const lenient = await run(['validate', 'open.json'], dir);
    expect(lenient.code).toBe(0);
    expect(lenient.stdout).toMatch(/^open\.json:6:7: warning perimeter\/open-endpoint: /m);
    expect((await run(['validate', 'open.json', '--strict'], dir)).code).toBe(1);
  });

  it('lints against the endpoint service given', async () => {
    const dir = workspace({ 'policy.json': cleanPolicy });
    const result = await run(['validate', 'policy.json', '--service', 'acm'], dir);
    expect(result.stdout).toMatch(/warning service\/policy-unsupported: /);
    const gateway = workspace({
      'gateway.json': JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { AWS: '111122223333' },
            Action: 's3:GetObject',
            Resource: 'arn:aws:s3:::b/*',
          },
        ],
      }),
    });
    const onGateway = await run(
      ['validate', 'gateway.json', '--service', 's3', '--endpoint-type', 'gateway'],
      gateway,
    );
    expect(onGateway.stdout).toMatch(
      /warning perimeter\/principal-on-gateway-endpoint: On a gateway endpoint/,
    );
  });

  it('prints JSON for machines', async () => {
    const dir = workspace({
      'a.json': cleanPolicy,
      'b.json': '{"Version": "2012-10-17", "Statement": [',
    });
    const result = await run(['validate', 'a.json', 'b.json', '--json'], dir);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as {
      iamDataVersion: string;
      errors: number;
      files: Array<{
        file: string;
        errors: number;
        diagnostics: Array<{ code: string; range?: unknown }>;
        size: { characters: number };
        recognition?: { service?: { id: string } };
        model?: unknown;
      }>;
    };
    expect(report.iamDataVersion).toMatch(/^0\.21\./);
    expect(report.files.map((f) => f.file)).toEqual(['a.json', 'b.json']);
    expect(report.files[0]).toMatchObject({ errors: 0, recognition: { service: { id: 'ec2' } } });
    expect(report.files[0]!.model).toBeUndefined();
    expect(report.files[1]!.diagnostics[0]).toMatchObject({
      code: 'json/syntax',
      range: expect.any(Object),
    });
    expect(report.errors).toBe(report.files[1]!.errors);
  });

  it('fails a policy that admits anyone without --strict', async () => {
    const dir = workspace({ 'open.json': wideOpenPolicy });
    const result = await run(['validate', 'open.json'], dir);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/error perimeter\/admits-anyone: .*this endpoint admits anyone/);
    expect(result.stdout).toMatch(/warning perimeter\/no-org-to-org: /);
  });

  it('sums up several files', async () => {
    const dir = workspace({ 'a.json': cleanPolicy, 'b.json': openPolicy });
    const result = await run(['validate', 'a.json', 'b.json'], dir);
    expect(result.stdout).toMatch(/\n2 files: 0 errors, 1 warning\n$/);
  });

  it('reports a file that cannot be read, checks the others and exits 2', async () => {
    const dir = workspace({ 'a.json': openPolicy });
    const result = await run(['validate', 'missing.json', 'a.json'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/cannot read policy "missing\.json": no such file/);
    expect(result.stdout).toMatch(/open-endpoint/);
  });

  it('reports a 10 MB file as bad input without reading it all', async () => {
    const dir = workspace({ 'huge.json': `{"Statement": [${'"x",'.repeat(2_600_000)}"x"]}` });
    const result = await run(['validate', 'huge.json'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /policy "huge\.json" is 10\.4 MB; the limit is 2,048,000 characters/,
    );
  });

  it('reports binary data as an error of the file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vpce-validate-'));
    writeFileSync(
      join(dir, 'image.json'),
      Buffer.from(Array.from({ length: 2048 }, (_, i) => (i * 31) % 256)),
    );
    const result = await run(['validate', 'image.json'], dir);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/image\.json:1:\d+: error input\/binary: /);
  });

  it('rejects bad usage with exit code 2', async () => {
    const dir = workspace({ 'a.json': cleanPolicy });
    expect((await run(['validate'], dir)).stderr).toMatch(/give at least one policy file/);
    const service = await run(['validate', 'a.json', '--service', 's4'], dir);
    expect(service).toMatchObject({ code: 2 });
    expect(service.stderr).toMatch(/unknown endpoint service "s4"; did you mean "s3"\?/);
    expect((await run(['validate', 'a.json', '--region', 'us-east-9'], dir)).code).toBe(2);
    expect((await run(['validate', 'a.json', '--endpoint-type', 'vpc'], dir)).stderr).toMatch(
      /gateway or interface/,
    );
    expect((await run(['validate', 'a.json', '--bogus'], dir)).code).toBe(2);
  });

  it('has a help text', async () => {
    const result = await run(['validate', '--help'], process.cwd());
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: vpce-policy validate FILE\.\.\. \[options\]/);
  });
});
