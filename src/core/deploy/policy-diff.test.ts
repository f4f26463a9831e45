import { describe, expect, it } from 'vitest';
import {
  canonicalStatement,
  comparePolicies,
  isDefaultFullAccessPolicy,
  isOpenPolicy,
} from './policy-diff';
import {
  DEFAULT_GATEWAY_POLICY_TEXT,
  DEFAULT_INTERFACE_POLICY_TEXT,
} from './describe-fixtures.testing';

const statement = {
  Sid: 'AllowOrg',
  Effect: 'Allow',
  Principal: '*',
  Action: ['s3:GetObject', 's3:PutObject'],
  Resource: '*',
  Condition: {
    StringEquals: { 'aws:PrincipalOrgID': ['o-a1b2c3d4e5'], 'aws:ResourceOrgID': 'o-a1b2c3d4e5' },
  },
};

describe('policy comparison', () => {
  it('ignores the order of keys and of values, single values against lists, and the case of condition keys', () => {
    const reordered = {
      Condition: {
        StringEquals: {
          'aws:resourceorgid': ['o-a1b2c3d4e5'],
          'aws:PrincipalOrgID': 'o-a1b2c3d4e5',
        },
      },
      Resource: ['*'],
      Action: ['s3:PutObject', 's3:GetObject'],
      Principal: '*',
      Effect: 'Allow',
      Sid: 'AllowOrg',
    };
    expect(canonicalStatement(reordered)).toBe(canonicalStatement(statement));
    const result = comparePolicies(
      { Version: '2012-10-17', Statement: [reordered] },
      { Version: '2012-10-17', Statement: [statement] },
    );
    expect(result).toEqual({ same: true, statements: [] });
  });

  it('reports added, removed and changed statements by Sid, with the values that differ', () => {
    const designed = {
      Version: '2012-10-17',
      Statement: [statement, { ...statement, Sid: 'AllowServices', Action: '*' }],
    };
    const deployed = {
      Version: '2012-10-17',
      Statement: [
        { ...statement, Action: ['s3:GetObject', 's3:DeleteObject'] },
        { ...statement, Sid: 'Extra' },
      ],
    };
    expect(comparePolicies(deployed, designed)).toEqual({
      same: false,
      statements: [
        {
          sid: 'AllowOrg',
          change: 'changed',
          elements: [{ element: 'Action', added: ['s3:DeleteObject'], removed: ['s3:PutObject'] }],
        },
        { sid: 'AllowServices', change: 'removed' },
        { sid: 'Extra', change: 'added' },
      ],
    });
  });

  it('reports a different Version and a condition that is only on one side', () => {
    const { Condition: _c, ...bare } = statement;
    const result = comparePolicies(
      { Version: '2008-10-17', Statement: [bare] },
      { Version: '2012-10-17', Statement: [statement] },
    );
    expect(result.version).toEqual({ deployed: '2008-10-17', designed: '2012-10-17' });
    expect(result.statements[0]!.elements!.map((e) => e.element)).toEqual([
      'Condition.StringEquals.aws:principalorgid',
      'Condition.StringEquals.aws:resourceorgid',
    ]);
  });

  it('pairs equal statements without Sid wherever they are', () => {
    const { Sid: _s, ...unnamed } = statement;
    const other = { ...unnamed, Action: 's3:ListBucket' };
    expect(
      comparePolicies({ Statement: [other, unnamed] }, { Statement: [unnamed, other] }).same,
    ).toBe(true);
  });

  it('recognizes the default policy as AWS prints it for interface and gateway endpoints', () => {
    expect(isDefaultFullAccessPolicy(JSON.parse(DEFAULT_INTERFACE_POLICY_TEXT))).toBe(true);
    expect(isDefaultFullAccessPolicy(JSON.parse(DEFAULT_GATEWAY_POLICY_TEXT))).toBe(true);
    expect(
      isDefaultFullAccessPolicy({
        Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: '*', Resource: '*' }],
      }),
    ).toBe(true);
    expect(isDefaultFullAccessPolicy({ Statement: [statement] })).toBe(false);
    expect(
      isDefaultFullAccessPolicy({
        Statement: [
          {
            Effect: 'Allow',
            Principal: '*',
            Action: '*',
            Resource: '*',
            Condition: { Bool: { 'aws:SecureTransport': 'true' } },
          },
        ],
      }),
    ).toBe(false);
  });

  it('calls a policy open when an unconditional Allow of everything is not narrowed by a Deny', () => {
    const all = { Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' };
    expect(isOpenPolicy({ Statement: [statement, all] })).toBe(true);
    expect(isOpenPolicy({ Statement: [all, { ...statement, Effect: 'Deny' }] })).toBe(false);
    expect(isOpenPolicy({ Statement: [statement] })).toBe(false);
  });
});
