/**
 * STS federation through the endpoint: sts:AssumeRoleWithSAML and sts:AssumeRoleWithWebIdentity
 * are unsigned, so they carry no aws:PrincipalOrgID. The generated STS policy admits them to
 * roles of our organization (aws:ResourceOrgID) and to nothing else.
 */
import { describe, expect, it } from 'vitest';
import type { PerimeterConfigDocument } from '../config/schema';
import { generate } from '../generate/generate';
import { evaluate } from './evaluate';
import type { SimulatedRequest } from '../config/request-schema';
import { testConfig, testServiceId } from '../catalog/ids.testing';

const ORG = 'o-a1b2c3d4e5';
const config = (extra: Partial<PerimeterConfigDocument> = {}): PerimeterConfigDocument => ({
  version: 1,
  organizationIds: [ORG],
  regions: ['eu-west-1'],
  services: ['sts'],
  ...extra,
});

const federation = (
  action: string,
  resourceOrganizationId: string | null,
  principal: SimulatedRequest['principal'] = { type: 'anonymous' },
): SimulatedRequest => ({
  principal,
  action,
  resource: 'arn:aws:iam::111122223333:role/github-actions',
  resourceAccount: '111122223333',
  resourceOrganizationId,
});

describe('STS federation through the endpoint', () => {
  const policy = generate(testConfig(config()), testServiceId('sts')).policy;

  it('is on by default for sts, in a statement of its own', () => {
    const statement = policy.Statement.find(
      (s) => s.Sid === 'AllowRequestsByOrgsIdentitiesToOrgsResourcesFederation',
    );
    expect(statement).toEqual({
      Sid: 'AllowRequestsByOrgsIdentitiesToOrgsResourcesFederation',
      Effect: 'Allow',
      Principal: '*',
      Action: ['sts:AssumeRoleWithSAML', 'sts:AssumeRoleWithWebIdentity'],
      Resource: 'arn:aws:iam::*:role/*',
      Condition: { StringEquals: { 'aws:ResourceOrgID': ORG } },
    });
  });

  it.each(['sts:AssumeRoleWithSAML', 'sts:AssumeRoleWithWebIdentity'])(
    'allows %s to one of our roles, unsigned',
    (action) => {
      const result = evaluate(policy, federation(action, ORG));
      expect(result.decision, result.summary).toBe('Allowed');
      expect(result.deciding.map((s) => s.sid)).toEqual([
        'AllowRequestsByOrgsIdentitiesToOrgsResourcesFederation',
      ]);
    },
  );

  it.each(['sts:AssumeRoleWithSAML', 'sts:AssumeRoleWithWebIdentity'])(
    'denies %s to a role outside the organization',
    (action) => {
      expect(evaluate(policy, federation(action, 'o-zzzzzzzzzz')).decision).toBe('ImplicitDeny');
      expect(evaluate(policy, federation(action, null)).decision).toBe('ImplicitDeny');
    },
  );

  it('admits nothing else without a principal of our organization', () => {
    for (const action of ['sts:AssumeRole', 'sts:GetFederationToken', 'sts:GetSessionToken'])
      expect(evaluate(policy, federation(action, ORG)).decision, action).toBe('ImplicitDeny');
  });

  it('breaks federation when turned off, which is what the validator warns about', () => {
    const off = generate(
      testConfig(config({ dataAccessPatterns: { 'sts-federated-sign-in': false } })),
      testServiceId('sts'),
    );
    expect(off.policy.Statement.map((s) => s.Sid)).not.toContain(
      'AllowRequestsByOrgsIdentitiesToOrgsResourcesFederation',
    );
    expect(evaluate(off.policy, federation('sts:AssumeRoleWithSAML', ORG)).decision).toBe(
      'ImplicitDeny',
    );
  });

  it('goes with the organization statement: turned off with it', () => {
    const off = generate(
      testConfig(config({ statements: { AllowRequestsByOrgsIdentitiesToOrgsResources: false } })),
      testServiceId('sts'),
    );
    expect(off.policy.Statement.map((s) => s.Sid)).not.toContain(
      'AllowRequestsByOrgsIdentitiesToOrgsResourcesFederation',
    );
  });

  it('is not part of other services', () => {
    const s3 = generate(testConfig(config({ services: ['s3'] })), testServiceId('s3'));
    expect(s3.policy.Statement.map((s) => s.Sid)).not.toContain(
      'AllowRequestsByOrgsIdentitiesToOrgsResourcesFederation',
    );
  });
});
