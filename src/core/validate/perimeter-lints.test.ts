import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../diagnostics';
import { validate, type ValidateOptions } from './validate';

const ORG = 'o-a1b2c3d4e5';
const text = (statements: unknown[]) =>
  JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2);
/** Lints about the statements themselves; the policy-level signals are tested on their own. */
const lints = (statements: unknown[], options: ValidateOptions = {}): Diagnostic[] =>
  validate(text(statements), options).diagnostics.filter(
    (d) =>
      (d.code.startsWith('perimeter/') || d.code.startsWith('service/')) &&
      d.code !== 'perimeter/no-org-to-org' &&
      d.code !== 'perimeter/sts-federation-blocked',
  );
const lintCodes = (statements: unknown[], options?: ValidateOptions) =>
  lints(statements, options).map((d) => d.code);
const allow = (extra: Record<string, unknown> = {}) => ({
  Effect: 'Allow',
  Principal: '*',
  Action: '*',
  Resource: '*',
  ...extra,
});
const orgCondition = { StringEquals: { 'aws:PrincipalOrgID': ORG } };

describe('an open endpoint', () => {
  it('is an error when any principal may do anything to anything, with no condition', () => {
    const [open] = lints([allow()]);
    expect(open).toMatchObject({ code: 'perimeter/admits-anyone', severity: 'error' });
    expect(open?.message).toMatch(/this endpoint admits anyone/);
    expect(open?.range?.start.line).toBe(6);
    expect(lintCodes([allow({ Action: 's3:*' })])).toEqual(['perimeter/admits-anyone']);
    expect(lintCodes([allow({ NotAction: 's3:DeleteBucket', Action: undefined })])).toContain(
      'perimeter/admits-anyone',
    );
    // With NotAction it says what is left: every other action, not anything at all.
    const [notAction] = lints([allow({ NotAction: 's3:*', Action: undefined })]);
    expect(notAction?.message).toMatch(
      /every action but those its NotAction lists, on any resource, with no condition/,
    );
    expect(notAction?.message).not.toMatch(/to do anything the service offers/);
  });

  it('is reported for "Principal": "*" on any resource without identity or resource condition', () => {
    const [open] = lints([allow({ Action: 's3:GetObject' })]);
    expect(open).toMatchObject({ code: 'perimeter/open-endpoint', severity: 'warning' });
    expect(open?.message).toMatch(
      /open to credentials of any AWS account and to unsigned requests/,
    );
    expect(open?.range?.start.line).toBe(6);
    expect(
      lintCodes([
        allow({ Condition: { StringEquals: { 'aws:SourceVpc': 'vpc-0123456789abcdef0' } } }),
      ]),
    ).toEqual(['perimeter/open-endpoint']);
    expect(
      lintCodes([allow({ Condition: { StringNotEquals: { 'aws:PrincipalOrgID': ORG } } })]),
    ).toEqual(['perimeter/open-endpoint']);
    expect(
      lintCodes([
        allow({
          NotResource: 'arn:aws:s3:::secret/*',
          Resource: undefined,
          Condition: { Bool: { 'aws:SecureTransport': 'true' } },
        }),
      ]),
    ).toContain('perimeter/open-endpoint');
  });

  it('is not reported once an identity or resource condition narrows the statement, or the resources are listed', () => {
    expect(lintCodes([allow({ Condition: orgCondition })])).toEqual([]);
    expect(
      lintCodes([
        allow({ Condition: { StringEquals: { 'aws:ResourceAccount': '111122223333' } } }),
      ]),
    ).toEqual([]);
    expect(
      lintCodes([allow({ Condition: { Bool: { 'aws:PrincipalIsAWSService': 'true' } } })]),
    ).toEqual([]);
    expect(
      lintCodes([allow({ Resource: 'arn:aws:s3:::amazonlinux-2-repos-us-east-1/*' })]),
    ).toEqual([]);
    expect(lintCodes([allow({ Principal: { AWS: '111122223333' } })])).toEqual([]);
  });

  it('is reported when the only identity condition is an IfExists one', () => {
    const [ifExists] = lints([
      allow({ Condition: { StringEqualsIfExists: { 'aws:PrincipalOrgID': ORG } } }),
    ]);
    expect(ifExists?.code).toBe('perimeter/if-exists-condition');
    expect(ifExists?.hint).toMatch(/"StringEquals"/);
    expect(
      lintCodes([
        allow({
          Condition: {
            StringEqualsIfExists: { 'aws:PrincipalOrgID': ORG },
            StringEquals: { 'aws:ResourceOrgID': ORG },
          },
        }),
      ]),
    ).toEqual([]);
  });
});

describe('the tag-exclusion statement', () => {
  const tagStatement = (condition: Record<string, Record<string, string>>) =>
    allow({ Sid: 'AllowRequestsByOrgsIdentitiesToAnyResources', Condition: condition });

  it('is reported without aws:PrincipalOrgID', () => {
    const found = lints([
      tagStatement({ StringEquals: { 'aws:PrincipalTag/dp:exclude:resource': 'true' } }),
    ]);
    // A tag alone narrows nothing, so the statement is also open.
    expect(found.map((d) => d.code).sort()).toEqual([
      'perimeter/open-endpoint',
      'perimeter/tag-without-organization',
    ]);
    const tag = found.find((d) => d.code === 'perimeter/tag-without-organization');
    expect(tag?.message).toMatch(/^The tag-exclusion statement trusts the principal tag/);
  });

  it('is fine with aws:PrincipalOrgID', () => {
    expect(
      lintCodes([
        tagStatement({
          StringEquals: {
            'aws:PrincipalOrgID': ORG,
            'aws:PrincipalTag/dp:exclude:resource': 'true',
          },
        }),
      ]),
    ).toEqual([]);
  });
});

describe('a specific principal on a gateway endpoint', () => {
  const specific = allow({
    Principal: { AWS: '111122223333' },
    Action: 's3:GetObject',
    Resource: 'arn:aws:s3:::my-bucket/*',
  });

  it('is reported for a gateway endpoint, with the reason', () => {
    const [gateway] = lints([specific], { service: 's3', endpointType: 'gateway' });
    expect(gateway?.code).toBe('perimeter/principal-on-gateway-endpoint');
    expect(gateway?.message).toMatch(/only that account's root user/);
    expect(lintCodes([specific], { service: 's3express' })).toContain(
      'perimeter/principal-on-gateway-endpoint',
    );
    expect(lints([specific], { service: 's3' })[0]?.message).toMatch(
      /^If this policy is for a gateway endpoint/,
    );
  });

  it('is not reported for an interface endpoint or with "Principal": "*"', () => {
    expect(lintCodes([specific], { service: 's3', endpointType: 'interface' })).toEqual([]);
    expect(lintCodes([specific], { service: 'sqs' })).toEqual([]);
    expect(
      lintCodes([allow({ Condition: orgCondition })], { service: 's3', endpointType: 'gateway' }),
    ).toEqual([]);
  });
});

describe('Deny statements', () => {
  const allowGet = allow({
    Sid: 'AllowGet',
    Action: 's3:GetObject',
    Resource: 'arn:aws:s3:::my-bucket/*',
    Condition: orgCondition,
  });

  it('report an Allow that a Deny covers entirely', () => {
    const [unreachable] = lints([
      allowGet,
      { Sid: 'DenyS3', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*' },
    ]);
    expect(unreachable?.code).toBe('perimeter/unreachable-allow');
    expect(unreachable?.message).toMatch(/"AllowGet" never takes effect: "DenyS3"/);
    expect(
      lintCodes([
        allowGet,
        { Effect: 'Deny', Principal: '*', NotAction: 'ec2:*', Resource: 'arn:aws:s3:::my-*' },
      ]),
    ).toEqual(['perimeter/unreachable-allow']);
  });

  it('leave an Allow alone when the Deny has a condition or covers only part of it', () => {
    expect(
      lintCodes([
        allowGet,
        {
          Effect: 'Deny',
          Principal: '*',
          Action: 's3:*',
          Resource: '*',
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        },
      ]),
    ).toEqual([]);
    expect(
      lintCodes([
        allowGet,
        { Effect: 'Deny', Principal: '*', Action: 's3:PutObject', Resource: '*' },
      ]),
    ).toEqual([]);
    expect(
      lintCodes([
        allowGet,
        { Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: 'arn:aws:s3:::other-bucket/*' },
      ]),
    ).toEqual([]);
    expect(
      lintCodes([
        allowGet,
        { Effect: 'Deny', Principal: '*', NotAction: 's3:Get*', Resource: '*' },
      ]),
    ).toEqual([]);
  });
});

describe('endpoint services', () => {
  it('warn when the service does not enforce endpoint policies, and note when no source says', () => {
    const [unsupported] = lints([allow({ Condition: orgCondition })], { service: 'acm' });
    expect(unsupported).toMatchObject({ code: 'service/policy-unsupported', severity: 'warning' });
    const unknown = validate(text([allow({ Condition: orgCondition })]), {
      service: 'appconfig',
    }).diagnostics.map((d) => d.code);
    expect(unknown).toContain('service/policy-support-unknown');
    expect(lintCodes([allow({ Condition: orgCondition })], { service: 's3' })).toEqual([]);
  });
});

describe('third-party statements', () => {
  const thirdParty = (resource: unknown) => ({
    Sid: 'AllowRequestsByThirdPartyIdentitiesToThirdPartyResources',
    Effect: 'Allow',
    Principal: '*',
    Action: 's3:GetObject',
    Resource: resource,
    Condition: {
      StringEquals: {
        'aws:PrincipalAccount': '111122223333',
        'aws:ResourceAccount': '111122223333',
      },
    },
  });

  it('are reported with "Resource": "*", also when renamed', () => {
    expect(lintCodes([thirdParty('*')])).toEqual(['perimeter/third-party-any-resource']);
    expect(lintCodes([{ ...thirdParty('*'), Sid: 'PartnerExchange' }])).toEqual([
      'perimeter/third-party-any-resource',
    ]);
    const outbound = {
      Sid: 'Reports',
      Effect: 'Allow',
      Principal: '*',
      Action: 's3:PutObject',
      Resource: '*',
      Condition: {
        StringEquals: { 'aws:PrincipalOrgID': ORG, 'aws:ResourceAccount': '111122223333' },
      },
    };
    expect(lints([outbound])[0]?.message).toMatch(/your identities may send data to any resource/);
  });

  it('are fine with listed resources', () => {
    expect(lintCodes([thirdParty('arn:aws:s3:::partner-bucket/*')])).toEqual([]);
  });
});

describe('negated elements in an Allow', () => {
  it('are reported', () => {
    expect(
      lintCodes([allow({ Action: undefined, NotAction: 'iam:*', Condition: orgCondition })]),
    ).toEqual(['perimeter/allow-not-action']);
    expect(
      lintCodes([
        allow({
          Resource: undefined,
          NotResource: 'arn:aws:s3:::secret/*',
          Condition: orgCondition,
        }),
      ]),
    ).toEqual(['perimeter/allow-not-resource']);
  });
});

describe('signals about the policy as a whole', () => {
  const orgStatement = {
    Sid: 'AllowRequestsByOrgsIdentitiesToOrgsResources',
    Effect: 'Allow',
    Principal: '*',
    Action: '*',
    Resource: '*',
    Condition: { StringEquals: { 'aws:PrincipalOrgID': ORG, 'aws:ResourceOrgID': ORG } },
  };
  const all = (statements: unknown[], options: ValidateOptions = {}) =>
    validate(text(statements), options).diagnostics;

  it('an empty statement list is an error: the endpoint blocks everyone', () => {
    const [empty] = all([]).filter((d) => d.code === 'grammar/no-statements');
    expect(empty?.severity).toBe('error');
    expect(empty?.message).toMatch(/blocks every request/);
  });

  it('a policy without the organization-to-organization statement is a warning', () => {
    const found = all([allow({ Condition: orgCondition })]).find(
      (d) => d.code === 'perimeter/no-org-to-org',
    );
    expect(found?.severity).toBe('warning');
    expect(codes(all([orgStatement]))).not.toContain('perimeter/no-org-to-org');
    // A statement named after it but broader does not count.
    expect(
      codes(all([{ ...orgStatement, Condition: { StringEquals: { 'aws:PrincipalOrgID': ORG } } }])),
    ).toContain('perimeter/no-org-to-org');
  });

  it('an STS policy that blocks SAML and web identity federation is a warning', () => {
    const blocked = all([orgStatement], { service: 'sts' }).find(
      (d) => d.code === 'perimeter/sts-federation-blocked',
    );
    expect(blocked?.severity).toBe('warning');
    expect(blocked?.message).toMatch(/sts:AssumeRoleWithSAML and sts:AssumeRoleWithWebIdentity/);
    expect(blocked?.message).toMatch(/carry no aws:PrincipalOrgID/);
    const federation = {
      Sid: 'AllowRequestsByOrgsIdentitiesToOrgsResourcesFederation',
      Effect: 'Allow',
      Principal: '*',
      Action: ['sts:AssumeRoleWithSAML', 'sts:AssumeRoleWithWebIdentity'],
      Resource: 'arn:aws:iam::*:role/*',
      Condition: { StringEquals: { 'aws:ResourceOrgID': ORG } },
    };
    expect(codes(all([orgStatement, federation], { service: 'sts' }))).not.toContain(
      'perimeter/sts-federation-blocked',
    );
    const samlOnly = all([orgStatement, { ...federation, Action: 'sts:AssumeRoleWithSAML' }], {
      service: 'sts',
    }).find((d) => d.code === 'perimeter/sts-federation-blocked');
    expect(samlOnly?.message).toMatch(/blocks sts:AssumeRoleWithWebIdentity to roles/);
    // Not about other services.
    expect(codes(all([orgStatement], { service: 'sqs' }))).not.toContain(
      'perimeter/sts-federation-blocked',
    );
  });
});

const codes = (diagnostics: readonly Diagnostic[]) => diagnostics.map((d) => d.code);

describe('wildcards in names a stranger can register, in a statement open to anyone', () => {
  it('are reported on the value, for bucket names and accounts', () => {
    const found = lints([
      allow({
        Action: 's3:GetObject',
        Resource: [
          'arn:aws:s3:::static-us-east-1-prod-static-*/content/dependencies/*',
          'arn:aws:s3:::aws-cli/*',
          'arn:aws:lambda:us-east-1:*:layer:x',
        ],
      }),
    ]).filter((d) => d.code === 'perimeter/open-name-wildcard');
    expect(found).toHaveLength(2);
    expect(found[0]?.message).toMatch(/matches buckets that anyone can create/);
    expect(found[0]?.range?.start.line).toBe(9);
    expect(found[1]?.message).toMatch(/matches resources of any account/);
  });

  it('are fine in the object key, and where the organization is required', () => {
    expect(
      lintCodes([allow({ Action: 's3:GetObject', Resource: 'arn:aws:s3:::aws-cli/*' })]),
    ).not.toContain('perimeter/open-name-wildcard');
    expect(
      lintCodes([
        allow({
          Action: 's3:GetObject',
          Resource: 'arn:aws:s3:::sc-*-us-east-1/*',
          Condition: orgCondition,
        }),
      ]),
    ).toEqual([]);
  });
});
