/**
 * The command line against hostile input: patterns built to backtrack, files that are not files,
 * outputs that point somewhere else, policies that would fail open, and text that would drive the
 * terminal. Each case runs the real command in-process; the EPIPE case runs the real binary.
 */
import { spawn, execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.testing';
import { terminalText } from './terminal-text';

function workspace(files: Record<string, unknown> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'vpce-hostile-'));
  for (const [name, content] of Object.entries(files))
    writeFileSync(
      join(dir, name),
      typeof content === 'string' ? content : JSON.stringify(content, null, 2),
    );
  return dir;
}

const policy = (statements: object[]) => ({ Version: '2012-10-17', Statement: statements });
const role = ['--principal-arn', 'arn:aws:iam::111122223333:role/app'];

describe('patterns built to backtrack', () => {
  const backtracking = policy([
    {
      Effect: 'Deny',
      Principal: '*',
      NotAction: `ec2:${'*?'.repeat(10)}0`,
      NotResource: `arn:aws:s3:::${'*a'.repeat(13)}*b`,
      Condition: {
        StringLike: { 'aws:PrincipalArn': `${'*a'.repeat(13)}*b` },
        ArnLike: { 'aws:SourceArn': `arn:aws:s3:::${'*a'.repeat(13)}*b` },
      },
    },
    {
      Effect: 'Allow',
      Principal: '*',
      Action: `ec2:${'*?'.repeat(10)}0`,
      Resource: `arn:aws:s3:::${'*a'.repeat(13)}*b`,
    },
  ]);

  it('validate reads them at once', async () => {
    const dir = workspace({ 'p.json': backtracking });
    const run = await runCli(['validate', 'p.json'], dir);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('matches no action of ec2');
  });

  it('simulate evaluates them against long values', async () => {
    const dir = workspace({ 'p.json': backtracking });
    const long = 'a'.repeat(2_000);
    const run = await runCli(
      [
        'simulate',
        '--policy',
        'p.json',
        '--action',
        `ec2:${'a'.repeat(50)}`,
        '--resource',
        `arn:aws:s3:::${long}`,
        '--principal-arn',
        `arn:aws:iam::111122223333:role/${long.slice(0, 60)}`,
        '--context',
        `aws:SourceArn=arn:aws:s3:::${long}`,
        '--json',
      ],
      dir,
    );
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).decision).toBe('ImplicitDeny');
  });

  it('a request value over its budget is refused before any work', async () => {
    const dir = workspace({ 'p.json': backtracking });
    const run = await runCli(
      [
        'simulate',
        '--policy',
        'p.json',
        '--action',
        's3:GetObject',
        '--resource',
        `arn:aws:s3:::${'a'.repeat(3_000)}`,
        ...role,
      ],
      dir,
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--resource: at most 2,048 characters in one value of a request');
  });
});

describe('files that are not regular files', () => {
  it('refuses a FIFO at once, without waiting for a writer', async () => {
    const dir = workspace();
    execFileSync('mkfifo', [join(dir, 'fifo.json')]);
    const run = await runCli(['validate', 'fifo.json'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('cannot read policy "fifo.json": it is a named pipe (FIFO)');
    const simulate = await runCli(
      ['simulate', '--policy', 'fifo.json', '--action', 's3:GetObject', '--resource', '*', ...role],
      dir,
    );
    expect(simulate.code).toBe(2);
    expect(simulate.stderr).toContain('it is a named pipe (FIFO)');
  });

  it('refuses a directory and a device', async () => {
    const dir = workspace();
    mkdirSync(join(dir, 'policies'));
    const directory = await runCli(['build', '--config', 'policies'], dir);
    expect(directory.code).toBe(2);
    expect(directory.stderr).toContain('"policies": it is a directory');
    const device = await runCli(['validate', '/dev/zero'], dir);
    expect(device.code).toBe(2);
    expect(device.stderr).toContain('"/dev/zero": it is a character device');
  });

  it('says when a symbolic link points to nothing', async () => {
    const dir = workspace();
    symlinkSync(join(dir, 'gone.json'), join(dir, 'link.json'));
    const run = await runCli(['validate', 'link.json'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('"link.json": it is a symbolic link to nothing');
  });
});

describe('where output goes', () => {
  const buildArgs = [
    'build',
    '--service',
    's3',
    '--region',
    'us-east-1',
    '--org-id',
    'o-a1b2c3d4e5',
  ];

  it('never writes through a symbolic link to nothing', async () => {
    const dir = workspace();
    const elsewhere = join(dir, 'elsewhere.json');
    symlinkSync(elsewhere, join(dir, 'perimeter.json'));
    const init = await runCli(['init'], dir);
    expect(init.code).toBe(2);
    expect(init.stderr).toContain(`perimeter.json exists; use --force`);
    const forced = await runCli(['init', '--force'], dir);
    expect(forced.code).toBe(2);
    expect(forced.stderr).toContain(`is a symbolic link to ${elsewhere}, which does not exist`);
    expect(existsSync(elsewhere)).toBe(false);

    mkdirSync(join(dir, 'out'));
    const target = join(dir, 'planted.json');
    symlinkSync(target, join(dir, 'out', 's3-endpoint-policy.json'));
    const build = await runCli([...buildArgs, '--out', 'out'], dir);
    expect(build.code).toBe(2);
    expect(build.stderr).toContain('which does not exist');
    expect(existsSync(target)).toBe(false);
  });

  it('follows a symbolic link to a file and says where it wrote', async () => {
    const dir = workspace({ 'real.json': '{}' });
    mkdirSync(join(dir, 'out'));
    symlinkSync(join(dir, 'real.json'), join(dir, 'out', 's3-endpoint-policy.json'));
    const build = await runCli([...buildArgs, '--out', 'out'], dir);
    // 1: the policy is written with its placeholders (third-party statements not filled).
    expect(build.code).toBe(1);
    expect(build.stderr).toContain(
      `wrote ${join(dir, 'real.json')} (through the symbolic link out/s3-endpoint-policy.json)`,
    );
    expect(readFileSync(join(dir, 'real.json'), 'utf8')).toContain('"Statement"');
  });

  it('refuses /proc, /sys and /dev, and an output that is a FIFO', async () => {
    const dir = workspace();
    for (const out of ['/proc/self', '/sys/kernel', '/dev/shm-vpce-policy']) {
      const run = await runCli([...buildArgs, '--out', out], dir);
      expect(run.code, out).toBe(2);
      expect(run.stderr, out).toMatch(/will not write into ".*": it is (under|on a)/);
    }
    const init = await runCli(['init', '/proc/self/perimeter.json'], dir);
    expect(init.code).toBe(2);
    expect(init.stderr).toContain('/proc');
    execFileSync('mkfifo', [join(dir, 'fifo.json')]);
    const fifo = await runCli(['init', 'fifo.json', '--force'], dir);
    expect(fifo.code).toBe(2);
    expect(fifo.stderr).toContain('it is a named pipe (FIFO)');
  });
});

describe('simulate never fails open', () => {
  const cidrDeny = policy([
    { Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' },
    {
      Sid: 'DenyOutsideOurNetwork',
      Effect: 'Deny',
      Principal: '*',
      Action: '*',
      Resource: '*',
      Condition: { NotIpAddress: { 'aws:SourceIp': '10.0.0.0/33' } },
    },
  ]);

  it('refuses a verdict on a policy with a malformed CIDR in a Deny, with its position', async () => {
    const dir = workspace({ 'p.json': cidrDeny });
    const args = [
      'simulate',
      '--policy',
      'p.json',
      '--action',
      's3:GetObject',
      '--resource',
      '*',
      ...role,
      '--context',
      'aws:SourceIp=192.0.2.1',
    ];
    const run = await runCli(args, dir);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/p\.json:\d+:\d+: error [a-z-]+\/[a-z-]+: .*10\.0\.0\.0\/33/);
    expect(run.stderr).toContain('no verdict is given on a policy with errors');
    const json = await runCli([...args, '--json'], dir);
    expect(json.code).toBe(2);
    const report = JSON.parse(json.stdout);
    expect(report.decision).toBeNull();
    expect(report.diagnostics[0].range.start.line).toBeGreaterThan(1);
  });

  it('refuses a suite whose configuration generates a policy with errors', async () => {
    const dir = workspace({
      'perimeter.json': {
        version: 1,
        organizationIds: [],
        regions: ['us-east-1'],
        services: ['s3'],
      },
      'requests.json': [
        {
          name: 'ours',
          service: 's3',
          request: {
            principal: { type: 'iam', account: '111122223333' },
            action: 's3:GetObject',
            resource: '*',
          },
          expect: 'ImplicitDeny',
        },
      ],
    });
    const run = await runCli(
      ['simulate', '--config', 'perimeter.json', '--requests', 'requests.json'],
      dir,
    );
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('no verdict is given');
  });

  it('checks --region and a saved request region against the catalog and the configuration', async () => {
    const config = {
      version: 1,
      organizationIds: ['o-a1b2c3d4e5'],
      regions: ['us-east-1'],
      services: ['s3'],
    };
    const saved = (region: string) => [
      {
        name: 'in europe',
        service: 's3',
        region,
        request: {
          principal: { type: 'iam', account: '111122223333' },
          action: 's3:GetObject',
          resource: '*',
        },
        expect: 'ImplicitDeny',
      },
    ];
    const dir = workspace({
      'perimeter.json': config,
      'typo.json': saved('eu-west-l'),
      'other.json': saved('eu-west-1'),
    });
    const request = ['--action', 's3:GetObject', '--resource', '*', ...role];
    const base = ['simulate', '--config', 'perimeter.json', '--service', 's3'];
    const typo = await runCli([...base, '--region', 'us-east-l', ...request], dir);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain(
      '--region: "us-east-l" is not an AWS region; did you mean "us-east-1"?',
    );
    const unselected = await runCli([...base, '--region', 'eu-west-1', ...request], dir);
    expect(unselected.code).toBe(2);
    expect(unselected.stderr).toContain(
      'the configuration does not select eu-west-1; its regions are us-east-1',
    );
    const savedTypo = await runCli(
      ['simulate', '--config', 'perimeter.json', '--requests', 'typo.json'],
      dir,
    );
    expect(savedTypo.code).toBe(2);
    expect(savedTypo.stderr).toContain(
      'the saved request "in europe": "eu-west-l" is not an AWS region',
    );
    const savedOther = await runCli(
      ['simulate', '--config', 'perimeter.json', '--requests', 'other.json'],
      dir,
    );
    expect(savedOther.stderr).toContain('does not select eu-west-1');
    const withPolicy = await runCli(
      ['simulate', '--policy', 'perimeter.json', '--region', 'us-east-1', ...request],
      dir,
    );
    expect(withPolicy.code).toBe(2);
    expect(withPolicy.stderr).toContain('--region chooses the policy a --config generates');
  });

  it('reads context keys named like prototype members as ordinary keys', async () => {
    // Written as JSON text: in an object literal, __proto__ would set the prototype.
    const dir = workspace({
      'p.json':
        '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "*",' +
        ' "Resource": "*", "Condition": {"StringEquals": {"constructor": "x", "__proto__": "y", "toString": "z"}}}]}',
    });
    const args = [
      'simulate',
      '--policy',
      'p.json',
      '--action',
      's3:GetObject',
      '--resource',
      '*',
      ...role,
      '--json',
    ];
    const given = await runCli(
      [
        ...args,
        '--context',
        'constructor=x',
        '--context',
        '__proto__=y',
        '--context',
        'toString=z',
      ],
      dir,
    );
    expect(JSON.parse(given.stdout).decision).toBe('Allowed');
    const missing = await runCli(
      [...args, '--context', 'constructor=x', '--context', '__proto__=y'],
      dir,
    );
    const report = JSON.parse(missing.stdout);
    expect(report.decision).toBe('ImplicitDeny');
    expect(report.statements[0].failure.message).toMatch(/^toString is absent/);
  });
});

describe('terminal output', () => {
  it('writes control, C1 and bidirectional characters as \\uXXXX', () => {
    expect(terminalText('a\u001b[2Jb\rc\u009b31md\u202ee\tf\ng')).toBe(
      'a\\u001b[2Jb\\u000dc\\u009b31md\\u202ee\tf\ng',
    );
    expect(terminalText('plain é 🙂')).toBe('plain é 🙂');
  });

  it('keeps the CRLF line ends of CSV output, and escapes a carriage return anywhere else', () => {
    expect(terminalText('a,b\r\nc,d\r\n')).toBe('a,b\r\nc,d\r\n');
    expect(terminalText('ok\rFAIL\r\r\n')).toBe('ok\\u000dFAIL\\u000d\r\n');
  });

  it('an ANSI sequence in a Sid or a file name does not reach the terminal', async () => {
    const sid = 'Open\u001b[2J\u001b[1A\u001b[2KSid';
    const name = 'pol\u001b[31micy.json';
    const dir = workspace({
      [name]: policy([{ Sid: sid, Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }]),
    });
    const run = await runCli(['validate', name], dir);
    const output = run.stdout + run.stderr;
    expect(output).toContain('\\u001b[2J');
    expect(output).toContain('pol\\u001b[31micy.json');
    // eslint-disable-next-line no-control-regex -- the point of the test
    expect(output).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    // The validator refuses the Sid; the JSON report keeps it as written, escaped by JSON itself.
    const json = await runCli(
      [
        'simulate',
        '--policy',
        name,
        '--action',
        's3:GetObject',
        '--resource',
        '*',
        ...role,
        '--json',
      ],
      dir,
    );
    const report = JSON.parse(json.stdout) as { diagnostics: { message: string }[] };
    expect(report.diagnostics.some((d) => d.message.includes(sid))).toBe(true);
  });
});

describe('a closed output pipe', () => {
  it('ends quietly', async () => {
    const bin = fileURLToPath(new URL('../../bin/vpce-policy.mjs', import.meta.url));
    const child = spawn(process.execPath, [bin, 'catalog', '--json'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    // Read one chunk, then close the pipe as `head -c 1` would.
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    child.stdout.destroy();
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});
