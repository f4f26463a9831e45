import { describe, expect, it } from 'vitest';
import { testServiceId } from '../catalog/ids.testing';
import { generate } from '../generate/generate';
import { EXAMPLE_CONFIG_JSONC } from './example';
import { validateConfigValue } from './parse';
import { parseConfigText } from './parse-text';
import { MAX_CONFIG_CHARACTERS } from './structured-text';

const valid = {
  version: 1,
  organizationIds: ['o-a1b2c3d4e5'],
  regions: ['us-east-1'],
  services: ['s3'],
};

const codes = (text: string, format?: 'json' | 'yaml') =>
  parseConfigText(text, format ? { format } : {}).diagnostics.map((d) => d.code);

describe('parseConfigText', () => {
  it('accepts a valid configuration', () => {
    const result = parseConfigText(JSON.stringify(valid));
    expect(result.diagnostics).toEqual([]);
    expect(result.config).toEqual(valid);
  });

  it('accepts the commented example that init writes', () => {
    const result = parseConfigText(EXAMPLE_CONFIG_JSONC);
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.config?.services).toContain('s3');
  });

  it('reads YAML', () => {
    const result = parseConfigText(
      'version: 1\norganizationIds: [o-a1b2c3d4e5]\nregions: [us-east-1]\nservices: [s3]\n',
      { format: 'yaml' },
    );
    expect(result.config).toEqual(valid);
  });

  it('reports a JSON syntax error with its line and column', () => {
    const result = parseConfigText('{\n  "version": 1,\n  "regions": [us-east-1]\n}');
    expect(result.config).toBeUndefined();
    expect(result.diagnostics[0]).toMatchObject({
      severity: 'error',
      code: 'config/syntax',
      range: { start: { line: 3, column: 15 } },
    });
  });

  it('reports truncated JSON', () => {
    expect(codes('{"version": 1, "regions": ["us-east-1"')).toContain('config/syntax');
  });

  it('reports a YAML syntax error with its position', () => {
    const result = parseConfigText('version: 1\nregions: [us-east-1\n', { format: 'yaml' });
    expect(result.diagnostics[0]?.code).toBe('config/syntax');
    expect(result.diagnostics[0]?.range?.start.line).toBeGreaterThanOrEqual(2);
  });

  it('says what is missing, what is too long, and that a policy is not a configuration, in plain words', () => {
    const messages = (value: unknown) =>
      validateConfigValue(value).diagnostics.map(
        (d) => `${d.message}${d.hint ? ` ${d.hint}` : ''}`,
      );
    expect(messages({})).toContain('version is required: expected 1.');
    expect(
      messages({
        ...valid,
        organizationIds: Array.from({ length: 40 }, (_, i) =>
          `o-a1b2c3d4e${String(i).padStart(2, '0')}`.slice(0, 12),
        ),
      }),
    ).toContainEqual(expect.stringMatching(/^organizationIds has 40 items; at most /));
    const policy = messages({ Version: '2012-10-17', Statement: [] });
    expect(policy).toContainEqual(
      expect.stringMatching(
        /^Unknown field "Statement" at the top level\. This looks like an endpoint policy, not a configuration/,
      ),
    );
    expect(policy.join('\n')).not.toMatch(/undefined|\(top level\)|Too big|expected array/);
  });

  it('names the field and what it expects for a wrong type', () => {
    const text = JSON.stringify({ ...valid, regions: 'us-east-1' });
    const result = parseConfigText(text);
    expect(result.diagnostics).toEqual([
      expect.objectContaining({
        code: 'config/invalid-type',
        path: 'regions',
        message: 'regions should be a list, not "us-east-1".',
      }),
    ]);
    expect(result.diagnostics[0]?.range?.start).toEqual({
      line: 1,
      column: text.indexOf('"us-east-1"') + 1,
    });
  });

  it('reports a missing required field', () => {
    const { services: _omit, ...rest } = valid;
    expect(parseConfigText(JSON.stringify(rest)).diagnostics).toEqual([
      expect.objectContaining({
        code: 'config/missing-field',
        path: 'services',
        message: 'services is required: expected a list.',
      }),
    ]);
  });

  it('reports unknown fields instead of dropping them, with their position', () => {
    const text =
      '{"version":1,"organizationIds":[],"regions":[],"services":[],"parameters":{"exclusionTags":{}},"colour":"red"}';
    const result = parseConfigText(text);
    expect(result.config).toBeUndefined();
    const unknown = result.diagnostics.filter((d) => d.code === 'config/unknown-field');
    expect(unknown.map((d) => d.path).sort()).toEqual(['colour', 'parameters.exclusionTags']);
    const colour = unknown.find((d) => d.path === 'colour')!;
    expect(text.slice(colour.range!.start.column - 1, colour.range!.end.column - 1)).toBe(
      '"colour"',
    );
  });

  it('rejects an organization id and an account id of the wrong shape', () => {
    const result = parseConfigText(
      JSON.stringify({
        ...valid,
        organizationIds: ['o-SHORT'],
        parameters: { lambdaLayerAccounts: ['12345'] },
      }),
    );
    expect(result.diagnostics.map((d) => d.path)).toEqual([
      'organizationIds[0]',
      'parameters.lambdaLayerAccounts[0]',
    ]);
    expect(result.diagnostics[0]?.message).toMatch(/"o-SHORT".*organization id/);
    expect(result.diagnostics[1]?.message).toMatch(/12-digit/);
  });

  it('reports a malformed region together with the unknown regions and services, in document order', () => {
    const text = JSON.stringify(
      {
        version: 1,
        organizationIds: ['o-a1b2c3d4e5'],
        regions: ['us-east-1', 'mars-1', 'us-esat-1', 'us-east-1'],
        services: ['s3', 'ec3'],
      },
      null,
      2,
    );
    const result = parseConfigText(text);
    expect(result.config).toBeUndefined();
    expect(result.diagnostics.map((d) => [d.path, d.code, d.range?.start.line])).toEqual([
      ['regions[1]', 'config/invalid-value', 8],
      ['regions[2]', 'config/unknown-region', 9],
      ['regions[3]', 'config/duplicate-value', 10],
      ['services[1]', 'config/unknown-service', 14],
    ]);
    expect(result.diagnostics[0]?.message).toMatch(/"mars-1".*region code/);
    expect(result.diagnostics[3]?.message).toBe('Unknown endpoint service "ec3".');
  });

  it('orders the findings of a value without text as its fields are written', () => {
    const result = validateConfigValue({
      version: 1,
      services: ['S3', 'ec3'],
      organizationIds: ['o-a1b2c3d4e5'],
      regions: ['mars-1', 'us-esat-1'],
    });
    expect(result.config).toBeUndefined();
    expect(result.diagnostics.map((d) => [d.path, d.code])).toEqual([
      ['services[0]', 'config/invalid-value'],
      ['services[1]', 'config/unknown-service'],
      ['regions[0]', 'config/invalid-value'],
      ['regions[1]', 'config/unknown-region'],
    ]);
  });

  it('keeps to the form of the configuration when more than list items are wrong', () => {
    const result = validateConfigValue({
      version: 2,
      organizationIds: ['o-a1b2c3d4e5'],
      regions: ['mars-1', 'us-esat-1'],
      services: ['s3', 7],
    });
    expect(result.diagnostics.map((d) => [d.path, d.code])).toEqual([
      ['version', 'config/invalid-value'],
      ['regions[0]', 'config/invalid-value'],
      ['services[1]', 'config/invalid-type'],
    ]);
  });

  it('takes third-party actions in any case and keeps them as typed in the policy', () => {
    const actions = ['S3:GETOBJECT', 'Kms:decrypt', 'S3:Put*'];
    const result = validateConfigValue({
      ...valid,
      parameters: { orgIdentitiesToThirdPartyResources: { actions } },
    });
    expect(result.diagnostics).toEqual([]);
    expect(result.config?.parameters?.orgIdentitiesToThirdPartyResources?.actions).toEqual(actions);
    const policy = generate(result.config!, testServiceId('s3')).text;
    for (const action of actions) expect(policy).toContain(`"${action}"`);
    expect(
      validateConfigValue({
        ...valid,
        parameters: { orgIdentitiesToThirdPartyResources: { actions: ['S3 GETOBJECT'] } },
      }).diagnostics.map((d) => d.message),
    ).toEqual([
      'parameters.orgIdentitiesToThirdPartyResources.actions[0] ("S3 GETOBJECT"): expected an action such as "s3:GetObject".',
    ]);
  });

  it('rejects unknown services and regions with a suggestion', () => {
    const result = parseConfigText(
      JSON.stringify({ ...valid, services: ['s3', 'ec3'], regions: ['us-east-1', 'us-esat-1'] }),
    );
    expect(result.config).toBeUndefined();
    expect(result.diagnostics).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          code: 'config/unknown-service',
          path: 'services[1]',
          hint: expect.stringContaining('"ec2"'),
        }),
        expect.objectContaining({
          code: 'config/unknown-region',
          path: 'regions[1]',
          hint: expect.stringContaining('"us-east-1"'),
        }),
      ]),
    );
  });

  it('rejects unknown statement Sids and lists the known ones', () => {
    const result = parseConfigText(
      JSON.stringify({ ...valid, statements: { AllowEverything: true } }),
    );
    expect(result.diagnostics).toEqual([
      expect.objectContaining({
        code: 'config/unknown-statement',
        path: 'statements.AllowEverything',
        hint: expect.stringContaining('AllowRequestsByAWSServicePrincipals'),
      }),
    ]);
  });

  it('rejects unknown pattern ids and account tables with a suggestion', () => {
    const result = parseConfigText(
      JSON.stringify({
        ...valid,
        dataAccessPatterns: { 'amazon-linux-2023-repository': true },
        parameters: { accountIds: { 'eks-addons': { 'us-east-1': '602401143452' } } },
      }),
    );
    expect(result.diagnostics).toEqual([
      expect.objectContaining({
        code: 'config/unknown-pattern',
        hint: expect.stringContaining('"amazon-linux-2023-repositories"'),
      }),
      expect.objectContaining({
        code: 'config/unknown-account-table',
        hint: expect.stringContaining('"eks-add-ons"'),
      }),
    ]);
  });

  it('checks bucket names: a pattern that takes them, a known region, no wildcard', () => {
    const unknown = parseConfigText(
      JSON.stringify({
        ...valid,
        parameters: {
          bucketNames: { 'cloud9-dependency': { 'us-east-1': 'static-us-east-1-prod-static-abc' } },
        },
      }),
    );
    expect(unknown.diagnostics).toEqual([
      expect.objectContaining({
        code: 'config/unknown-bucket-pattern',
        hint: expect.stringContaining('"cloud9-dependencies"'),
      }),
    ]);
    const wildcard = parseConfigText(
      JSON.stringify({
        ...valid,
        parameters: {
          bucketNames: { 'cloud9-dependencies': { 'us-east-1': 'static-us-east-1-prod-static-*' } },
        },
      }),
    );
    expect(wildcard.diagnostics).toEqual([
      expect.objectContaining({
        severity: 'error',
        path: 'parameters.bucketNames.cloud9-dependencies.us-east-1',
        message: expect.stringContaining('no wildcard'),
      }),
    ]);
    const fine = parseConfigText(
      JSON.stringify({
        ...valid,
        parameters: {
          bucketNames: {
            'cloud9-dependencies': { 'eu-west-1': 'static-eu-west-1-prod-static-abc' },
          },
        },
      }),
    );
    expect(fine.diagnostics).toEqual([]);
  });

  it('keeps a __proto__ key as data and reports it as an unknown field', () => {
    const result = parseConfigText(
      '{"version":1,"organizationIds":[],"regions":[],"services":[],"__proto__":{"polluted":true}}',
    );
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ code: 'config/unknown-field', path: '__proto__' }),
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('reports duplicate keys', () => {
    expect(
      codes(
        '{"version":1,"organizationIds":[],"regions":[],"regions":["us-east-1"],"services":[]}',
      ),
    ).toContain('config/duplicate-key');
    expect(
      codes('version: 1\nregions: []\nregions: []\norganizationIds: []\nservices: []\n', 'yaml'),
    ).toContain('config/duplicate-key');
  });

  it('refuses a file over the size limit without parsing it', () => {
    const huge = `{"version":1,"services":[${'"s3",'.repeat(MAX_CONFIG_CHARACTERS / 5)}"s3"]}`;
    expect(codes(huge)).toEqual(['config/too-large']);
  });

  it('refuses deep nesting and binary data', () => {
    expect(codes('['.repeat(100_000))).toEqual(['config/too-deep']);
    expect(codes('\u0000\u0001binary')).toEqual(['config/binary']);
  });

  it('reports an empty text', () => {
    expect(codes('')).toEqual(['config/syntax']);
  });

  it('warns about repeated list entries without refusing the configuration', () => {
    const result = parseConfigText(
      JSON.stringify({ ...valid, regions: ['us-east-1', 'us-east-1'] }),
    );
    expect(result.config).toBeDefined();
    expect(result.diagnostics).toEqual([
      expect.objectContaining({
        severity: 'warning',
        code: 'config/duplicate-value',
        path: 'regions[1]',
      }),
    ]);
  });

  it("says that another name of an endpoint gets that endpoint's policy, and where its settings go", () => {
    const result = parseConfigText(
      JSON.stringify({
        ...valid,
        services: ['ses', 'email'],
        serviceStatements: { ses: { AllowRequestsByAWSServicePrincipals: false } },
      }),
    );
    expect(result.config).toBeDefined();
    expect(result.diagnostics).toEqual([
      expect.objectContaining({
        severity: 'info',
        code: 'config/service-other-name',
        path: 'services[0]',
        message: expect.stringContaining(
          'another name of the email endpoint (com.amazonaws.<region>.email)',
        ),
      }),
      expect.objectContaining({
        severity: 'warning',
        code: 'config/settings-for-other-name',
        path: 'serviceStatements.ses',
      }),
    ]);
  });
});

describe('validateConfigValue', () => {
  it('validates values that never were text (saved state, share links)', () => {
    expect(validateConfigValue(valid).config).toEqual(valid);
    expect(validateConfigValue(null).diagnostics[0]?.code).toBe('config/invalid-type');
    expect(validateConfigValue({ ...valid, version: 2 }).diagnostics[0]).toMatchObject({
      code: 'config/invalid-value',
      path: 'version',
    });
  });
});
