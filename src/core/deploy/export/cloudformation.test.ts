import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { catalog } from '../../catalog/catalog';
import type { PerimeterConfigDocument } from '../../config/schema';
import type { PolicyDocument } from '../../generate/generate';
import { cloudFormationFiles, templateYaml } from './cloudformation';
import { deploymentTargets } from './targets';
import { testConfig } from '../../catalog/ids.testing';

describe('template YAML', () => {
  it('reads back as the same value in YAML 1.1 and 1.2, whatever the strings', () => {
    const text = fc.string({
      unit: fc.constantFrom(
        'a',
        'Y',
        'n',
        ':',
        ' ',
        '#',
        '-',
        '0',
        '.',
        '"',
        "'",
        '\\',
        '{',
        '}',
        '*',
        '&',
        '!',
        '%',
        '@',
        '`',
        '|',
        '>',
        '\n',
        'é',
        'yes',
        'null',
        '2012-10-17',
        '${AWS::Region}',
      ),
    });
    fc.assert(
      fc.property(
        fc.dictionary(
          text,
          fc.oneof(
            text,
            fc.array(text, { maxLength: 3 }),
            fc.boolean(),
            fc.dictionary(text, text, { maxKeys: 3 }),
          ),
        ),
        (value) => {
          const yaml = templateYaml({ Resources: { X: { Properties: value } } });
          for (const version of ['1.1', '1.2'] as const)
            expect(parse(yaml, { version })).toEqual({ Resources: { X: { Properties: value } } });
        },
      ),
      { numRuns: 300, seed: 1 },
    );
  });
});

describe('CloudFormation templates', () => {
  it('write a value that a policy holds twice in full both times, without YAML anchors', () => {
    const config: PerimeterConfigDocument = {
      version: 1,
      organizationIds: ['o-a1b2c3d4e5'],
      regions: ['eu-west-1'],
      services: ['kms'],
    };
    const [target] = deploymentTargets(testConfig(config), catalog, 'pretty-2');
    const condition = { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } };
    const statement = { Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' };
    const policy = {
      Version: '2012-10-17',
      Statement: [
        { Sid: 'A', ...statement, Condition: condition },
        { Sid: 'B', ...statement, Condition: condition },
      ],
    } as unknown as PolicyDocument;
    const shared = {
      ...target!,
      policy: { ...target!.policy, policy, text: JSON.stringify(policy, null, 2) },
    };
    const yaml = cloudFormationFiles([shared], ['eu-west-1'], '0', []).find((f) =>
      f.path.endsWith('.yaml'),
    )!.text;
    expect(yaml).not.toMatch(/[&*]a\d/);
    // The intrinsic tags are read as plain strings; the policy is what is checked.
    const read = parse(yaml, { logLevel: 'silent' }) as {
      Resources: Record<string, { Properties: { PolicyDocument: unknown } }>;
    };
    expect(read.Resources.KmsEndpoint!.Properties.PolicyDocument).toEqual(policy);
  });
});
