import { beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../catalog/ids.testing';
import type { PerimeterConfigDocument } from '../config/schema';
import { loadIamIndex, type IamIndex } from '../iam/iam-index';
import {
  checkThirdPartyValues,
  thirdPartyBlocksInUse,
  thirdPartyValueFindings,
  thirdPartyValuesPolicy,
} from './third-party-values';
import { validate } from './validate';

let iamIndex: IamIndex;
beforeAll(async () => {
  iamIndex = await loadIamIndex();
});

const config = (parameters: PerimeterConfigDocument['parameters'], extra = {}) =>
  testConfig({
    version: 1,
    organizationIds: ['o-a1b2c3d4e5'],
    regions: ['us-east-1'],
    services: ['s3'],
    parameters,
    ...extra,
  });

describe('third-party values', () => {
  it('names each problem by its value and its field, in both blocks, and leaves good values alone', async () => {
    const findings = await checkThirdPartyValues(
      config({
        thirdPartyIdentitiesToThirdPartyResources: {
          accounts: ['111122223333'],
          actions: ['s3:PutObject', 's3:GetObjct'],
          resources: ['arn:aws:s3:::partner/*'],
        },
        orgIdentitiesToThirdPartyResources: {
          accounts: [],
          actions: ['sqs:SendMesage'],
          resources: ['arn:aws:s3:us-east-1::reports'],
        },
      }),
      { loadIamIndex: () => Promise.resolve(iamIndex) },
    );
    expect(findings.map((d) => [d.path, d.code])).toEqual([
      ['parameters.thirdPartyIdentitiesToThirdPartyResources.actions', 'action/unknown'],
      ['parameters.orgIdentitiesToThirdPartyResources.actions', 'action/unknown'],
      ['parameters.orgIdentitiesToThirdPartyResources.resources', 'arn/unexpected-region'],
    ]);
    expect(findings.map((d) => d.message.slice(0, d.message.indexOf(': ')))).toEqual([
      'Action s3:GetObjct',
      'Action sqs:SendMesage',
      'Resource ARN arn:aws:s3:us-east-1::reports',
    ]);
    expect(findings[0]!.hint).toBe('Did you mean "s3:GetObject"?');
    expect(findings.every((d) => d.range === undefined)).toBe(true);
  });

  it('writes a valid policy whatever the values hold, one value a line', () => {
    const policy = thirdPartyValuesPolicy(
      config({
        thirdPartyIdentitiesToThirdPartyResources: {
          accounts: [],
          actions: [],
          resources: ['arn:aws:s3:::a"b\\c/*', 'arn:aws:s3:::x\u2028y'],
        },
      }),
    )!;
    const parsed = JSON.parse(policy.text) as {
      Statement: { Action: string[]; Resource: string[] }[];
    };
    expect(parsed.Statement[0]!.Resource).toEqual([
      'arn:aws:s3:::a"b\\c/*',
      'arn:aws:s3:::x\u2028y',
    ]);
    expect(parsed.Statement[0]!.Action).toEqual(['*']);
    const lines = policy.text.split('\n');
    for (const value of policy.values)
      expect(lines[value.line - 1]).toContain(JSON.stringify(value.value));
    // The placeholder action stands for no value: nothing is told about it.
    expect(policy.values.map((v) => v.field)).toEqual(['resources', 'resources']);
    const findings = thirdPartyValueFindings(
      policy,
      validate(policy.text, { iamIndex }).diagnostics,
    );
    expect(findings.every((f) => f.field === 'resources')).toBe(true);
  });

  it('checks nothing without values, and only the blocks whose statement is on', async () => {
    expect(thirdPartyValuesPolicy(config({}))).toBeUndefined();
    const both = config({});
    expect(thirdPartyBlocksInUse(both)).toEqual([
      'thirdPartyIdentitiesToThirdPartyResources',
      'orgIdentitiesToThirdPartyResources',
    ]);
    const one = config(
      {},
      { statements: { AllowRequestsByOrgsIdentitiesToThirdPartyResources: false } },
    );
    expect(thirdPartyBlocksInUse(one)).toEqual(['thirdPartyIdentitiesToThirdPartyResources']);
    const off = config(
      {
        orgIdentitiesToThirdPartyResources: {
          accounts: [],
          actions: ['s3:GetObjct'],
          resources: [],
        },
      },
      { statements: { AllowRequestsByOrgsIdentitiesToThirdPartyResources: false } },
    );
    expect(
      await checkThirdPartyValues(off, { loadIamIndex: () => Promise.resolve(iamIndex) }),
    ).toEqual([]);
  });
});
