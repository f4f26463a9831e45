import { describe, expect, it } from 'vitest';
import { perimeterScenarios, savedRequestOf } from '@/core/evaluate/scenarios';
import type { SavedRequest } from '@/core/config/request-schema';
import { draftOf, readDraft, type RequestDraft } from './request-draft';
import { testConfig } from '@/core/catalog/ids.testing';

const config = {
  version: 1 as const,
  organizationIds: ['o-a1b2c3d4e5'],
  regions: ['eu-west-1'],
  services: ['s3'],
};
const [ourRoleReads] = perimeterScenarios(testConfig(config));
const base = (): RequestDraft => draftOf(savedRequestOf(ourRoleReads!));

describe('the request form', () => {
  it('reads back every ready-made request exactly', () => {
    for (const scenario of perimeterScenarios(testConfig(config))) {
      const saved = savedRequestOf(scenario);
      const reading = readDraft(draftOf(saved));
      expect(reading.messages).toEqual({});
      expect(reading.saved).toEqual(saved);
    }
  });

  it('keeps tags, several values of a context key and organizations that are none', () => {
    const saved: SavedRequest = {
      name: 'tagged',
      service: 's3',
      request: {
        principal: {
          type: 'iam',
          account: '111122223333',
          organizationId: null,
          tags: { team: 'data', 'dp:exclude': 'true' },
        },
        action: 's3:PutObject',
        resource: 'arn:aws:s3:::b/k',
        resourceOrganizationId: null,
        context: {
          'aws:SourceVpc': 'vpc-12345678',
          'aws:CalledVia': ['athena.amazonaws.com', 'glue.amazonaws.com'],
        },
      },
      expect: 'ExplicitDeny',
    };
    const draft = draftOf(saved);
    expect(draft.principalOrganization).toBe('none');
    expect(draft.context.split('\n')).toEqual([
      'aws:SourceVpc=vpc-12345678',
      'aws:CalledVia=athena.amazonaws.com',
      'aws:CalledVia=glue.amazonaws.com',
    ]);
    expect(readDraft(draft).saved).toEqual(saved);
  });

  it('says next to the field what is wrong, in the schema words without the path', () => {
    const reading = readDraft({
      ...base(),
      action: 's3 get',
      resourceAccount: '12',
      principalOrganization: 'org',
    });
    expect(reading.saved).toBeUndefined();
    expect(reading.messages.action).toEqual([
      'Action ("s3 get"): expected an action such as "s3:GetObject".',
    ]);
    expect(reading.messages.resourceAccount).toEqual([
      'Resource account ("12"): expected a 12-digit AWS account id.',
    ]);
    expect(reading.messages.principalOrganization).toEqual([
      'Principal\'s organization ("org"): expected an organization id such as "o-a1b2c3d4e5".',
    ]);
    expect(reading.otherProblems).toEqual([]);
  });

  it('refuses a resource that is no ARN and a principal ARN that is no IAM one or names another account', () => {
    for (const resource of ['not-an-arn', 'arn:aws:s3', 'arn:aws:s3:::']) {
      const reading = readDraft({ ...base(), resource });
      expect(reading.saved).toBeUndefined();
      expect(reading.messages.resource).toEqual([
        `Resource ARN ("${resource}"): expected an ARN such as "arn:aws:s3:::example-bucket/key" (arn:partition:service:region:account:resource), or * for an action without a resource.`,
      ]);
    }
    for (const resource of [
      '*',
      'arn:aws:s3:::b/k',
      'arn:aws-cn:kms:cn-north-1:111122223333:key/1',
    ])
      expect(readDraft({ ...base(), resource }).messages.resource).toBeUndefined();
    const short = readDraft({
      ...base(),
      principalAccount: '111122223333',
      principalArn: 'arn:aws:iam::1111:role/x',
    });
    expect(short.messages.principalArn).toHaveLength(1);
    expect(short.messages.principalArn![0]).toMatch(/expected an IAM principal ARN such as/);
    const other = readDraft({
      ...base(),
      principalAccount: '111122223333',
      principalArn: 'arn:aws:iam::444455556666:role/app',
    });
    expect(other.saved).toBeUndefined();
    expect(other.messages.principalArn).toEqual([
      'Principal ARN ("arn:aws:iam::444455556666:role/app"): the ARN names account 444455556666, not the principal\'s account 111122223333.',
    ]);
  });

  it('asks for required fields once, with an example', () => {
    const reading = readDraft({ ...base(), action: '', resource: ' ' });
    expect(reading.messages.action).toEqual(['Action is required, e.g. s3:GetObject.']);
    expect(reading.messages.resource).toHaveLength(1);
    expect(reading.messages.resource![0]).toMatch(/^Resource ARN is required/);
  });

  it('takes the account from the principal ARN when none is given, and asks for one otherwise', () => {
    const fromArn = readDraft({
      ...base(),
      principalAccount: '',
      principalArn: 'arn:aws:iam::444455556666:role/app',
    });
    expect(fromArn.saved?.request.principal).toMatchObject({
      type: 'iam',
      account: '444455556666',
    });
    const none = readDraft({ ...base(), principalAccount: '', principalArn: '' });
    expect(none.messages.principalAccount).toEqual([
      'Give the 12-digit account id of the principal, or a principal ARN that holds it.',
    ]);
  });

  it('reports KEY=VALUE lines that are not, and a tag given twice', () => {
    const reading = readDraft({
      ...base(),
      principalTags: 'team=a\nteam=b',
      context: 'aws:SourceVpc=vpc-12345678\njust-a-key',
    });
    expect(reading.messages.principalTags).toEqual([
      'The tag "team" is given more than once; a principal has one value per tag.',
    ]);
    expect(reading.messages.context).toEqual([
      'Line 2 ("just-a-key"): expected a context key as KEY=VALUE.',
    ]);
  });

  it('checks the service principal and forgets the IAM fields of another kind of caller', () => {
    const service = readDraft({
      ...base(),
      principalType: 'service',
      servicePrincipal: 'not a service',
    });
    expect(service.messages.servicePrincipal).toEqual([
      'Service principal ("not a service"): expected a service principal such as "cloudformation.amazonaws.com".',
    ]);
    const anonymous = readDraft({ ...base(), principalType: 'anonymous' });
    expect(anonymous.saved?.request.principal).toEqual({ type: 'anonymous' });
  });

  it('names an unnamed request after its action and resource', () => {
    const reading = readDraft({ ...base(), name: '  ' });
    expect(reading.saved?.name).toBe(`s3:GetObject on ${ourRoleReads!.request.resource}`);
  });
});
