import { beforeAll, describe, expect, it } from 'vitest';
import { catalog } from '../catalog/catalog';
import { POLICY_SIZE_LIMIT } from '../catalog/ids';
import type { PerimeterConfigDocument } from '../config/schema';
import type { Diagnostic } from '../diagnostics';
import { generate } from '../generate/generate';
import { loadIamIndex, type IamIndex } from '../iam/iam-index';
import {
  documentedSample,
  fillSample,
  readSample,
  sampleFiles,
  SAMPLE_SERVICES,
} from './samples.testing';
import {
  MAX_POLICY_TEXT_CHARACTERS,
  MAX_STATEMENTS_OF_OVERSIZED_TEXT,
  validate,
  type ValidateOptions,
} from './validate';
import { testConfig, testServiceId } from '../catalog/ids.testing';

let iamIndex: IamIndex;
beforeAll(async () => {
  iamIndex = await loadIamIndex();
});

const check = (text: string, options: ValidateOptions = {}) =>
  validate(text, { iamIndex, ...options });
const codes = (diagnostics: readonly Diagnostic[]) => diagnostics.map((d) => d.code);
const errors = (diagnostics: readonly Diagnostic[]) =>
  diagnostics.filter((d) => d.severity === 'error');
const policy = (statements: unknown[]) =>
  JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2);
const statement = (extra: Record<string, unknown> = {}) => ({
  Sid: 'AllowOrg',
  Effect: 'Allow',
  Principal: '*',
  Action: 's3:GetObject',
  Resource: '*',
  Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } },
  ...extra,
});

/** The text a diagnostic's range covers (single-line ranges). */
function rangeText(text: string, d: Diagnostic): string {
  const lines = text.split('\n');
  const { start, end } = d.range!;
  expect(start.line).toBe(end.line);
  return lines[start.line - 1]!.slice(start.column - 1, end.column - 1);
}

describe('the upstream sample policies', () => {
  it.each(sampleFiles())(
    '%s has one error per placeholder occurrence, each at the placeholder',
    (file) => {
      const text = readSample(file);
      const placeholders = text.match(/<[A-Za-z0-9-]+>/g) ?? [];
      expect(placeholders.length).toBeGreaterThan(0);
      const result = check(text, { service: SAMPLE_SERVICES[file]! });
      const found = errors(result.diagnostics);
      expect(found).toHaveLength(placeholders.length);
      expect(new Set(codes(found))).toEqual(new Set(['placeholder/unfilled']));
      expect(found.map((d) => rangeText(text, d)).sort()).toEqual([...placeholders].sort());
    },
  );

  it.each(sampleFiles())(
    '%s has no errors or warnings once its placeholders are filled (with the documented facts)',
    (file) => {
      const result = check(documentedSample(file), {
        service: SAMPLE_SERVICES[file]!,
        regions: ['us-east-1'],
      });
      expect(result.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
      expect(result.iamDataVersion).toBe(iamIndex.source.version);
    },
  );
});

describe('generated policies', () => {
  const filled = (services: string[], regions: string[]): PerimeterConfigDocument => ({
    version: 1,
    organizationIds: ['o-a1b2c3d4e5'],
    regions,
    services,
    parameters: {
      lambdaLayerAccounts: ['580247275435'],
      thirdPartyIdentitiesToThirdPartyResources: {
        accounts: ['111122223333'],
        actions: ['s3:GetObject'],
        resources: ['arn:aws:s3:::partner-bucket/*'],
      },
      orgIdentitiesToThirdPartyResources: {
        accounts: ['111122223333'],
        actions: ['s3:PutObject'],
        resources: ['arn:aws:s3:::partner-reports/*'],
      },
    },
  });
  const services = [
    's3',
    'ec2',
    'ssm',
    'lambda',
    'ecr.api',
    'ecr.dkr',
    'cloudformation',
    'iam',
    'imagebuilder',
    'iot.api',
    'sts',
    'kms',
    'dynamodb',
    'logs',
  ];

  it.each(services)('the default selection of %s validates without errors', (service) => {
    for (const regions of [['us-east-1'], ['us-east-1', 'eu-west-1']]) {
      const generated = generate(testConfig(filled([service], regions)), testServiceId(service));
      expect(errors(generated.diagnostics)).toEqual([]);
      const result = check(generated.text, { service, regions });
      expect(errors(result.diagnostics), `${service} ${regions.join(',')}`).toEqual([]);
      expect(result.size.characters).toBe(generated.size);
    }
  });

  /** Errors and warnings of a text's validation that the generator is to report too, by code. */
  const problemCodes = (diagnostics: readonly Diagnostic[]) =>
    [
      ...new Set(
        diagnostics
          .filter((d) => d.severity !== 'info')
          // Values to fill and the size have the generator's own codes, with the same counts.
          .filter((d) => !d.code.startsWith('placeholder/') && !d.code.startsWith('size/'))
          .map((d) => d.code),
      ),
    ].sort();

  it('every service of the catalog: the validator finds no problem in its default policy that the generator does not report', () => {
    const config = testConfig({ ...filled([], ['us-east-1']), services: [] });
    const missed: string[] = [];
    for (const service of catalog.services) {
      const generated = generate({ ...config, services: [service.id] }, service.id);
      const reported = new Set(generated.diagnostics.map((d) => d.code));
      const found = problemCodes(
        check(generated.text, { service: service.id, regions: ['us-east-1'] }).diagnostics,
      );
      for (const code of found) if (!reported.has(code)) missed.push(`${service.id}: ${code}`);
    }
    expect(missed).toEqual([]);
  });

  it('statements turned off: the generator reports what the validator finds, in its codes and words', () => {
    const sids = catalog.statements.map((s) => s.sid);
    const offs: Record<string, boolean>[] = [
      ...sids.map((sid) => ({ [sid]: false })),
      Object.fromEntries(sids.map((sid) => [sid, false])),
      Object.fromEntries(sids.filter((_, i) => i > 0).map((sid) => [sid, false])),
    ];
    const seen = new Set<string>();
    for (const service of ['s3', 'sts', 'sts-fips', 'ec2', 'kms', 'ecr.dkr', 'lambda']) {
      for (const statements of offs) {
        const config = testConfig({ ...filled([service], ['us-east-1']), statements });
        const generated = generate(config, testServiceId(service));
        const found = check(generated.text, { service, regions: ['us-east-1'] }).diagnostics;
        const label = `${service} without ${Object.keys(statements).join(', ')}`;
        // The generator's own codes (generate/...) are about the choices, which a text does not show.
        const reported = problemCodes(generated.diagnostics).filter(
          (c) => !c.startsWith('generate/'),
        );
        expect(reported, label).toEqual(problemCodes(found));
        for (const d of generated.diagnostics) {
          const same = found.find((f) => f.code === d.code);
          if (same) {
            expect(d.message, label).toBe(same.message);
            seen.add(d.code);
          }
        }
      }
    }
    // The three findings that follow from the statements chosen all occur above.
    expect([...seen].sort()).toEqual(
      expect.arrayContaining([
        'grammar/no-statements',
        'perimeter/no-org-to-org',
        'perimeter/sts-federation-blocked',
      ]),
    );
  });

  it('third-party resources given as "*": the generator and the validator warn alike, for each statement', () => {
    const base = filled(['s3'], ['us-east-1']);
    const config = testConfig({
      ...base,
      parameters: {
        ...base.parameters,
        thirdPartyIdentitiesToThirdPartyResources: {
          ...base.parameters!.thirdPartyIdentitiesToThirdPartyResources!,
          resources: ['*'],
        },
        orgIdentitiesToThirdPartyResources: {
          ...base.parameters!.orgIdentitiesToThirdPartyResources!,
          resources: ['arn:aws:s3:::partner-reports/*', '*'],
        },
      },
    });
    const generated = generate(config, testServiceId('s3'));
    const ours = generated.diagnostics.filter(
      (d) => d.code === 'perimeter/third-party-any-resource',
    );
    const theirs = check(generated.text, { service: 's3' }).diagnostics.filter(
      (d) => d.code === 'perimeter/third-party-any-resource',
    );
    expect(ours.map((d) => d.path)).toEqual([
      'parameters.thirdPartyIdentitiesToThirdPartyResources.resources',
      'parameters.orgIdentitiesToThirdPartyResources.resources',
    ]);
    expect(ours.map((d) => d.message)).toEqual(theirs.map((d) => d.message));
    // Named resources only: no such warning on either side.
    const named = generate(testConfig(base), testServiceId('s3'));
    expect(codes(named.diagnostics)).not.toContain('perimeter/third-party-any-resource');
  });

  it('the STS federation pattern turned off: the generator and the validator warn alike; on, neither does', () => {
    for (const service of ['sts', 'sts-fips']) {
      const off = testConfig({
        ...filled([service], ['us-east-1']),
        dataAccessPatterns: { 'sts-federated-sign-in': false },
      });
      const generated = generate(off, testServiceId(service));
      const warning = generated.diagnostics.find(
        (d) => d.code === 'perimeter/sts-federation-blocked',
      );
      expect(warning?.path).toBe('dataAccessPatterns.sts-federated-sign-in');
      expect(codes(check(generated.text, { service }).diagnostics)).toContain(
        'perimeter/sts-federation-blocked',
      );
      const on = generate(testConfig(filled([service], ['us-east-1'])), testServiceId(service));
      expect(codes(on.diagnostics)).not.toContain('perimeter/sts-federation-blocked');
    }
  });

  it('a China-region policy validates without errors in its own partition', () => {
    const generated = generate(testConfig(filled(['ec2'], ['cn-north-1'])), testServiceId('ec2'));
    expect(generated.text).toContain('arn:aws-cn:');
    expect(
      errors(check(generated.text, { service: 'ec2', regions: ['cn-north-1'] }).diagnostics),
    ).toEqual([]);
  });

  it('a policy of another partition than the endpoint regions is reported', () => {
    const generated = generate(testConfig(filled(['ec2'], ['us-east-1'])), testServiceId('ec2'));
    expect(
      codes(check(generated.text, { service: 'ec2', regions: ['cn-north-1'] }).diagnostics),
    ).toContain('arn/partition-not-in-use');
  });
});

describe('JSON syntax', () => {
  it('reports truncated JSON at the end of the text', () => {
    const text = policy([statement()]).slice(0, 60);
    const result = check(text);
    const syntax = result.diagnostics.filter((d) => d.code === 'json/syntax');
    expect(syntax.length).toBeGreaterThan(0);
    expect(syntax.some((d) => /ends too early/.test(d.message))).toBe(true);
    expect(result.recognition).toBeUndefined();
  });

  it('rejects comments, which AWS does not accept', () => {
    const text = '{\n  // my policy\n  "Version": "2012-10-17",\n  "Statement": []\n}';
    const [first] = check(text).diagnostics.filter((d) => d.code === 'json/syntax');
    expect(first?.message).toMatch(/Comments are not allowed/);
    expect(first?.range?.start).toEqual({ line: 2, column: 3 });
  });

  it('points at a trailing comma', () => {
    const text = '{\n  "Version": "2012-10-17",\n  "Statement": [],\n}';
    const [first] = check(text).diagnostics.filter((d) => d.code === 'json/syntax');
    expect(first?.message).toMatch(/trailing comma/);
    expect(first?.range?.start).toEqual({ line: 3, column: 18 });
  });

  it('reports a key given twice in one object', () => {
    const text =
      '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Effect": "Deny", "Principal": "*", "Action": "*", "Resource": "*"}]}';
    const duplicate = check(text).diagnostics.find((d) => d.code === 'json/duplicate-key');
    expect(duplicate?.message).toMatch(/"Effect" appears twice/);
    expect(duplicate?.range?.start.column).toBe(text.lastIndexOf('"Effect"') + 1);
  });
});

describe('bad input', () => {
  it('refuses a 10 MB text without parsing it', () => {
    const text = `{"Statement": [${'"x",'.repeat(2_500_000)}"x"]}`;
    expect(text.length).toBeGreaterThan(MAX_POLICY_TEXT_CHARACTERS);
    const result = check(text);
    expect(codes(result.diagnostics)).toEqual(['input/too-large', 'size/over-limit']);
    expect(result.size.characters).toBe(text.length);
  });

  it('reads only the first statements of 10,000, far beyond the quota, and says so', () => {
    const statements = Array.from({ length: 10_000 }, () => ({
      Sid: 'Same',
      Effect: 'Allow',
      Principal: '*',
      Action: 's3:GetObject',
      Resource: 'arn:aws:s3:::bucket/*',
    }));
    const result = check(JSON.stringify({ Version: '2012-10-17', Statement: statements }));
    expect(codes(result.diagnostics)).toContain('size/over-limit');
    expect(codes(result.diagnostics)).toContain('statement/duplicate-sid');
    expect(result.diagnostics.find((d) => d.code === 'validate/partly-checked')?.message).toMatch(
      /^Only the first 200 of 10,000 statements were checked in detail/,
    );
    expect(result.model?.statements).toHaveLength(MAX_STATEMENTS_OF_OVERSIZED_TEXT);
    expect(result.model?.unreadStatements).toBe(10_000 - MAX_STATEMENTS_OF_OVERSIZED_TEXT);
  });

  it('stops 100,000 nested arrays before the parser recurses', () => {
    const text = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const result = check(text);
    expect(codes(result.diagnostics)).toContain('json/too-deep');
    expect(result.diagnostics.find((d) => d.code === 'json/too-deep')?.range?.start).toEqual({
      line: 1,
      column: 33,
    });
  });

  it('treats __proto__ keys as unknown elements and pollutes nothing', () => {
    const text =
      '{"__proto__": {"polluted": true}, "Version": "2012-10-17", "Statement": [{"__proto__": {"polluted": true}, "Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*", "Condition": {"__proto__": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}}]}';
    const result = check(text);
    const unknown = result.diagnostics.filter((d) => d.code === 'grammar/unknown-element');
    expect(unknown).toHaveLength(2);
    expect(codes(result.diagnostics)).toContain('condition/unknown-operator');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')).toBe(false);
  });

  it('recognizes binary data', () => {
    const bytes = Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256);
    const result = check(new TextDecoder().decode(bytes));
    expect(codes(result.diagnostics)).toEqual(['input/binary']);
  });

  it('reports an empty text and a text that is not an object', () => {
    expect(codes(check('  \n').diagnostics)).toContain('json/empty');
    expect(codes(check('[1, 2]').diagnostics)).toContain('grammar/not-a-policy');
    expect(codes(check('"policy"').diagnostics)).toContain('grammar/not-a-policy');
  });

  it('keeps columns right after a byte order mark and says it is there', () => {
    const result = check(
      `\ufeff{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*", "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-bad"}}}]}`,
    );
    expect(codes(result.diagnostics)).toContain('input/byte-order-mark');
    const org = result.diagnostics.find((d) => d.code === 'id/malformed-organization');
    expect(org?.range?.start.column).toBe(
      `\ufeff{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*", "Condition": {"StringEquals": {"aws:PrincipalOrgID": `
        .length + 1,
    );
  });
});

describe('size', () => {
  const padded = (size: number) => {
    const base = policy([statement()]);
    return `${base}${' '.repeat(size - base.length)}`;
  };

  it('accepts exactly 20,480 characters and reports the headroom', () => {
    const result = check(padded(POLICY_SIZE_LIMIT));
    expect(codes(result.diagnostics).filter((c) => c.startsWith('size/'))).toEqual([
      'size/near-limit',
    ]);
    expect(result.size).toMatchObject({
      characters: POLICY_SIZE_LIMIT,
      limit: POLICY_SIZE_LIMIT,
      headroom: 0,
      minifiedFits: true,
    });
  });

  it('rejects one character more, says where the limit falls and that the minified form fits', () => {
    const result = check(padded(POLICY_SIZE_LIMIT + 1));
    const over = result.diagnostics.find((d) => d.code === 'size/over-limit');
    expect(over?.severity).toBe('error');
    expect(over?.message).toMatch(/20,481 characters, 1 over/);
    expect(over?.hint).toMatch(/Minified, it is \d+ characters and fits/);
    expect(result.size.headroom).toBe(-1);
  });

  it('says when even the minified form does not fit', () => {
    const resources = Array.from({ length: 800 }, (_, i) => `arn:aws:s3:::bucket-number-${i}/*`);
    const result = check(
      JSON.stringify({ Version: '2012-10-17', Statement: [statement({ Resource: resources })] }),
    );
    expect(result.size.minifiedFits).toBe(false);
    expect(result.diagnostics.find((d) => d.code === 'size/over-limit')?.hint).toMatch(
      /Even minified/,
    );
  });

  it('counts characters, not UTF-16 units', () => {
    const text = policy([statement({ Sid: 'A' })]).replace('"A"', '"😀"');
    expect(check(text).size.characters).toBe(text.length - 1);
  });
});

describe('grammar', () => {
  const grammar = (text: string) => codes(check(text).diagnostics);

  it('requires Version 2012-10-17 and warns about a missing or old one', () => {
    expect(grammar(JSON.stringify({ Statement: [statement()] }))).toContain(
      'grammar/missing-version',
    );
    expect(grammar(JSON.stringify({ Version: '2008-10-17', Statement: [statement()] }))).toContain(
      'grammar/old-version',
    );
    expect(grammar(JSON.stringify({ Version: '2024-01-01', Statement: [statement()] }))).toContain(
      'grammar/invalid-version',
    );
    expect(grammar(policy([statement()])).filter((c) => c.startsWith('grammar/'))).toEqual([]);
  });

  it('takes Statement as an object or a list and reports other shapes', () => {
    expect(
      grammar(JSON.stringify({ Version: '2012-10-17', Statement: statement() })).filter((c) =>
        c.startsWith('grammar/'),
      ),
    ).toEqual([]);
    expect(grammar(JSON.stringify({ Version: '2012-10-17' }))).toContain(
      'grammar/missing-statement',
    );
    expect(grammar(JSON.stringify({ Version: '2012-10-17', Statement: 'all' }))).toContain(
      'grammar/invalid-statement',
    );
    expect(grammar(JSON.stringify({ Version: '2012-10-17', Statement: [] }))).toContain(
      'grammar/no-statements',
    );
    expect(grammar(JSON.stringify({ Version: '2012-10-17', Statement: [42] }))).toContain(
      'grammar/invalid-statement',
    );
  });

  it('reports unknown elements, with a hint for a case mistake', () => {
    const result = check(policy([{ ...statement(), effect: 'Allow', Effect: undefined }]));
    const unknown = result.diagnostics.find((d) => d.code === 'grammar/unknown-element');
    expect(unknown?.message).toMatch(/"effect" must be written "Effect"/);
    expect(
      codes(
        check(JSON.stringify({ Version: '2012-10-17', Statement: [statement()], Statements: [] }))
          .diagnostics,
      ),
    ).toContain('grammar/unknown-element');
  });

  it('requires Effect Allow or Deny', () => {
    expect(grammar(policy([statement({ Effect: undefined })]))).toContain('grammar/missing-effect');
    const wrongCase = check(policy([statement({ Effect: 'allow' })])).diagnostics.find(
      (d) => d.code === 'grammar/invalid-effect',
    );
    expect(wrongCase?.hint).toMatch(/"Allow"/);
  });

  it('requires a Principal, allows NotPrincipal only with Deny, and checks principal objects', () => {
    expect(grammar(policy([statement({ Principal: undefined })]))).toContain(
      'grammar/missing-principal',
    );
    expect(
      grammar(policy([statement({ Principal: undefined, NotPrincipal: { AWS: '111122223333' } })])),
    ).toContain('grammar/not-principal-with-allow');
    expect(
      grammar(
        policy([
          statement({
            Effect: 'Deny',
            Principal: undefined,
            NotPrincipal: { AWS: '111122223333' },
          }),
        ]),
      ),
    ).not.toContain('grammar/not-principal-with-allow');
    expect(grammar(policy([statement({ NotPrincipal: { AWS: '111122223333' } })]))).toContain(
      'grammar/principal-and-not-principal',
    );
    expect(grammar(policy([statement({ Principal: 'arn:aws:iam::111122223333:root' })]))).toContain(
      'grammar/invalid-principal',
    );
    expect(grammar(policy([statement({ Principal: { Aws: '111122223333' } })]))).toContain(
      'grammar/invalid-principal',
    );
    expect(grammar(policy([statement({ Principal: {} })]))).toContain('grammar/invalid-principal');
    expect(
      grammar(
        policy([
          statement({
            Principal: { AWS: ['111122223333'], Service: 'cloudformation.amazonaws.com' },
          }),
        ]),
      ).filter((c) => c.startsWith('grammar/')),
    ).toEqual([]);
  });

  it('requires Action or NotAction, and Resource or NotResource, as strings or non-empty lists', () => {
    expect(grammar(policy([statement({ Action: undefined })]))).toContain('grammar/missing-action');
    expect(grammar(policy([statement({ NotAction: 's3:PutObject' })]))).toContain(
      'grammar/action-and-notaction',
    );
    expect(grammar(policy([statement({ Resource: undefined })]))).toContain(
      'grammar/missing-resource',
    );
    expect(grammar(policy([statement({ NotResource: 'arn:aws:s3:::b' })]))).toContain(
      'grammar/resource-and-notresource',
    );
    expect(grammar(policy([statement({ Action: [] })]))).toContain('grammar/empty-list');
    expect(grammar(policy([statement({ Action: 42 })]))).toContain('grammar/invalid-value');
    expect(grammar(policy([statement({ Resource: ['*', 7] })]))).toContain('grammar/invalid-value');
  });

  it('checks the Condition block structure', () => {
    expect(grammar(policy([statement({ Condition: 'org' })]))).toContain(
      'grammar/invalid-condition',
    );
    expect(grammar(policy([statement({ Condition: { StringEquals: 'x' } })]))).toContain(
      'grammar/invalid-condition',
    );
    expect(grammar(policy([statement({ Condition: { StringEquals: {} } })]))).toContain(
      'grammar/empty-condition-operator',
    );
    expect(
      grammar(policy([statement({ Condition: { StringEquals: { 'aws:PrincipalOrgID': [] } } })])),
    ).toContain('grammar/empty-list');
    expect(
      grammar(
        policy([
          statement({
            Condition: { StringEquals: { 'aws:PrincipalOrgID': { id: 'o-a1b2c3d4e5' } } },
          }),
        ]),
      ),
    ).toContain('grammar/invalid-condition-value');
    expect(
      grammar(
        policy([statement({ Condition: { StringEquals: { 'aws:PrincipalOrgID': [null] } } })]),
      ),
    ).toContain('grammar/invalid-condition-value');
  });

  it('reports malformed and duplicate Sids', () => {
    const result = check(
      policy([
        statement({ Sid: 'Allow org access' }),
        statement({ Sid: 'Twice' }),
        statement({ Sid: 'Twice' }),
        statement({ Sid: 7 }),
      ]),
    );
    const malformed = result.diagnostics.find((d) => d.code === 'statement/malformed-sid');
    expect(malformed?.hint).toMatch(/"AllowOrgAccess"/);
    // Accented letters keep their letter; signs separate words.
    const accented = check(policy([statement({ Sid: 'Allow org ✓ Ünïcode' })]));
    expect(accented.diagnostics.find((d) => d.code === 'statement/malformed-sid')?.hint).toMatch(
      /^Write "AllowOrgUnicode", or remove the Sid\.$/,
    );
    expect(result.diagnostics.filter((d) => d.code === 'statement/duplicate-sid')).toHaveLength(1);
    expect(codes(result.diagnostics)).toContain('grammar/invalid-sid');
    expect(
      codes(check(policy([statement({ Sid: 'A1' }), statement({ Sid: 'B2' })])).diagnostics).filter(
        (c) => c.startsWith('statement/'),
      ),
    ).toEqual([]);
  });
});

describe('more findings', () => {
  it('reports a non-string Id', () => {
    expect(
      codes(
        check(JSON.stringify({ Version: '2012-10-17', Id: 7, Statement: [statement()] }))
          .diagnostics,
      ),
    ).toContain('grammar/invalid-id');
    expect(
      codes(
        check(JSON.stringify({ Version: '2012-10-17', Id: 'mine', Statement: [statement()] }))
          .diagnostics,
      ),
    ).not.toContain('grammar/invalid-id');
  });

  it('shows the first 20 syntax errors and counts the rest', () => {
    const text = `[${'1 '.repeat(30)}]`;
    const result = check(text);
    expect(result.diagnostics.filter((d) => d.code === 'json/syntax')).toHaveLength(20);
    expect(codes(result.diagnostics)).toContain('json/more-syntax-errors');
    expect(codes(check('[1 2]').diagnostics)).not.toContain('json/more-syntax-errors');
  });

  it('notes Bool values not written in lower case', () => {
    const upper = policy([
      statement({
        Condition: {
          StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' },
          Bool: { 'aws:SecureTransport': 'True' },
        },
      }),
    ]);
    expect(codes(check(upper).diagnostics)).toContain('condition/bool-case');
    expect(codes(check(upper.replace('True', 'true')).diagnostics)).not.toContain(
      'condition/bool-case',
    );
  });

  it('skips the Deny analysis when it would compare too many values', () => {
    const many = (effect: string, n: number, resources = 1) =>
      Array.from({ length: n }, (_, i) => ({
        Effect: effect,
        Principal: '*',
        Action: 's3:GetObject',
        Resource: Array.from({ length: resources }, (_, j) => `arn:aws:s3:::b${i}-${j}/*`),
        Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } },
      }));
    // (10 x 111) x (10 x 111) value comparisons: over the budget of 1,000,000.
    const text = JSON.stringify({
      Version: '2012-10-17',
      Statement: [...many('Deny', 10, 110), ...many('Allow', 10, 110)],
    });
    expect(codes(validate(text).diagnostics)).toContain('perimeter/deny-analysis-skipped');
    const few = JSON.stringify({
      Version: '2012-10-17',
      Statement: [...many('Deny', 2), ...many('Allow', 2)],
    });
    expect(codes(validate(few).diagnostics)).not.toContain('perimeter/deny-analysis-skipped');
  });

  it('skips recognition for texts far beyond the quota, and only for them', () => {
    const resources = Array.from({ length: 6000 }, (_, i) => `arn:aws:s3:::bucket-number-${i}/*`);
    const huge = check(
      JSON.stringify({ Version: '2012-10-17', Statement: [statement({ Resource: resources })] }),
    );
    expect(codes(huge.diagnostics)).toContain('recognition/skipped');
    expect(huge.recognition).toBeUndefined();
    expect(codes(check(policy([statement()])).diagnostics)).not.toContain('recognition/skipped');
  });

  it('notes the statements the service template recommends that the policy lacks', () => {
    const missing = check(policy([statement()]), { service: 'sqs' }).diagnostics.filter(
      (d) => d.code === 'recognition/missing-statement',
    );
    // The organization statement is a warning of its own, not a note.
    expect(missing.map((d) => d.message.split(' ')[0])).toEqual([
      'AllowRequestsByAWSServicePrincipals',
      'AllowRequestsByOrgsIdentitiesToAnyResources',
    ]);
    const complete = fillSample(readSample('default_endpoint_policy.json'));
    expect(codes(check(complete, { service: 'sqs' }).diagnostics)).not.toContain(
      'recognition/missing-statement',
    );
  });
});

describe('options', () => {
  it('reports an unknown service or region', () => {
    const result = check(policy([statement()]), { service: 'nosuch', regions: ['mars-north-1'] });
    expect(codes(result.diagnostics)).toEqual(
      expect.arrayContaining(['service/unknown', 'validate/unknown-region']),
    );
  });

  it('skips the IAM name checks without an index and says which data was used with one', () => {
    const text = policy([statement({ Action: 's3:GetObjekt' })]);
    expect(codes(validate(text).diagnostics)).not.toContain('action/unknown');
    expect(validate(text).iamDataVersion).toBeUndefined();
    expect(codes(check(text).diagnostics)).toContain('action/unknown');
  });

  it('gives diagnostics in text order', () => {
    const result = check(
      policy([statement({ Action: 's3:GetObjekt' }), statement({ Sid: 'Bad sid' })]),
    );
    const lines = result.diagnostics.filter((d) => d.range).map((d) => d.range!.start.line);
    expect(lines).toEqual([...lines].sort((a, b) => a - b));
  });

  it('uses the catalog it is given', () => {
    const result = check(fillSample(readSample('s3_endpoint_policy.json')), { catalog });
    expect(result.recognition?.service?.id).toBe('s3');
  });
});
