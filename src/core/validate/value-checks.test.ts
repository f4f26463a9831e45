import { beforeAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../diagnostics';
import { loadIamIndex, type IamIndex } from '../iam/iam-index';
import { validate } from './validate';

let iamIndex: IamIndex;
beforeAll(async () => {
  iamIndex = await loadIamIndex();
});

const ORG = 'o-a1b2c3d4e5';
interface StatementParts {
  Action?: unknown;
  Resource?: unknown;
  Principal?: unknown;
  Condition?: Record<string, Record<string, unknown>>;
  Effect?: string;
}
/** Validates one statement that only differs from a clean org-scoped statement by `parts`. */
function findingsFor(
  parts: StatementParts,
  options: { regions?: string[]; withoutIndex?: boolean } = {},
): Diagnostic[] {
  const statement = {
    Sid: 'Checked',
    Effect: parts.Effect ?? 'Allow',
    Principal: parts.Principal ?? '*',
    Action: parts.Action ?? 's3:GetObject',
    Resource: parts.Resource ?? 'arn:aws:s3:::my-bucket/*',
    Condition: parts.Condition ?? { StringEquals: { 'aws:PrincipalOrgID': ORG } },
  };
  const text = JSON.stringify({ Version: '2012-10-17', Statement: [statement] }, null, 2);
  return validate(text, {
    ...(options.withoutIndex ? {} : { iamIndex }),
    ...(options.regions ? { regions: options.regions } : {}),
  }).diagnostics.filter(
    (d) => !d.code.startsWith('recognition/') && d.code !== 'perimeter/no-org-to-org',
  );
}
const codesFor = (
  parts: StatementParts,
  options?: { regions?: string[]; withoutIndex?: boolean },
) => findingsFor(parts, options).map((d) => d.code);

describe('the clean statement used below', () => {
  it('has no findings', () => {
    expect(findingsFor({})).toEqual([]);
  });
});

describe('placeholders', () => {
  it('reports each placeholder of a value at its own column', () => {
    const found = findingsFor({ Resource: 'arn:aws:s3:::assets-<account>-<region>/*' }).filter(
      (d) => d.code === 'placeholder/unfilled',
    );
    expect(found).toHaveLength(2);
    expect(found[1]!.range!.start.column - found[0]!.range!.start.column).toBe('<account>-'.length);
    expect(found[1]!.range!.end.column - found[1]!.range!.start.column).toBe('<region>'.length);
  });

  it('reports placeholders in condition keys and skips the other checks of a placeholder value', () => {
    expect(
      codesFor({
        Condition: {
          StringEquals: {
            'aws:PrincipalTag/<tag-key>': 'true',
            'aws:PrincipalOrgID': '<my-org-id>',
          },
        },
      }),
    ).toEqual(['placeholder/unfilled', 'placeholder/unfilled']);
  });
});

describe('actions', () => {
  it('reports malformed actions', () => {
    expect(codesFor({ Action: 's3 GetObject' })).toEqual(['action/malformed']);
    expect(codesFor({ Action: ['s3:GetObject', 'GetObject'] })).toEqual(['action/malformed']);
  });

  it('reports unknown actions and service prefixes with a suggestion', () => {
    const [unknown] = findingsFor({ Action: 's3:GetObjekt' });
    expect(unknown).toMatchObject({
      code: 'action/unknown',
      severity: 'warning',
      hint: 'Did you mean "s3:GetObject"?',
    });
    const [prefix] = findingsFor({ Action: 's4:GetObject' });
    expect(prefix?.code).toBe('action/unknown-service');
    expect(prefix?.hint).toMatch(/Did you mean "s3:GetObject"\?/);
  });

  it('reports wildcards that match nothing and accepts those that match, in any case', () => {
    expect(codesFor({ Action: 'ssm:Descirbe*' })).toEqual(['action/matches-nothing']);
    expect(codesFor({ Action: ['ssm:Describe*', 'S3:getobject', '*'] })).toEqual([]);
  });

  it('leaves names unchecked without the IAM index', () => {
    expect(codesFor({ Action: 's3:GetObjekt' }, { withoutIndex: true })).toEqual([]);
    expect(codesFor({ Action: 's3 GetObject' }, { withoutIndex: true })).toEqual([
      'action/malformed',
    ]);
  });
});

describe('resource ARNs', () => {
  it('reports values that are not ARNs', () => {
    expect(codesFor({ Resource: 'my-bucket/*' })).toEqual(['arn/malformed']);
    expect(codesFor({ Resource: 'arn:aws:s3:my-bucket' })).toEqual(['arn/malformed']);
    expect(codesFor({ Resource: 'arn:aws::::thing' })).toEqual(['arn/missing-service']);
  });

  it('checks the partition, and the partition against the region', () => {
    expect(codesFor({ Resource: 'arn:amazon:s3:::my-bucket/*' })).toEqual([
      'arn/unknown-partition',
    ]);
    expect(codesFor({ Resource: 'arn:aws:lambda:cn-north-1:111122223333:layer:x' })).toEqual([
      'arn/partition-mismatch',
    ]);
    expect(codesFor({ Resource: 'arn:aws-cn:lambda:cn-north-1:111122223333:layer:x' })).toEqual([]);
    expect(codesFor({ Resource: 'arn:aws:s3:::aws-ssm-cn-north-1/*' })).toEqual([
      'arn/partition-mismatch',
    ]);
  });

  it('checks the partition against the regions of the endpoint', () => {
    expect(codesFor({ Resource: 'arn:aws:s3:::my-bucket/*' }, { regions: ['cn-north-1'] })).toEqual(
      ['arn/partition-not-in-use'],
    );
    expect(
      codesFor({ Resource: 'arn:aws-cn:s3:::my-bucket/*' }, { regions: ['cn-north-1'] }),
    ).toEqual([]);
  });

  it('checks the region field', () => {
    expect(codesFor({ Resource: 'arn:aws:lambda:useast1:111122223333:layer:x' })).toEqual([
      'arn/malformed-region',
    ]);
    expect(codesFor({ Resource: 'arn:aws:lambda:us-north-9:111122223333:layer:x' })).toEqual([
      'arn/unknown-region',
    ]);
    expect(codesFor({ Resource: 'arn:aws:lambda:*:111122223333:layer:x' })).toEqual([]);
  });

  it('checks the account field: 12 digits, "aws", a wildcard alone, or nothing', () => {
    expect(codesFor({ Resource: 'arn:aws:lambda:us-east-1:1111222233:layer:x' })).toEqual([
      'arn/malformed-account',
    ]);
    expect(codesFor({ Resource: 'arn:aws:lambda:us-east-1:1111*:layer:x' })).toEqual([
      'arn/account-wildcard-mix',
    ]);
    expect(
      codesFor({
        Resource: [
          'arn:aws:lambda:us-east-1:*:layer:x',
          'arn:aws:iam::aws:policy/*',
          'arn:aws:ec2:*::image/*',
        ],
      }),
    ).toEqual([]);
  });

  it('checks resource types and their region and account fields against the IAM reference', () => {
    expect(codesFor({ Resource: 'arn:aws:ec2:us-east-1::imagez/*' })).toEqual([
      'arn/unknown-resource-type',
    ]);
    expect(codesFor({ Resource: 'arn:aws:s3:us-east-1::my-bucket/*' })).toEqual([
      'arn/unexpected-region',
    ]);
    expect(codesFor({ Resource: 'arn:aws:s3:::my-bucket/*' })).toEqual([]);
    expect(codesFor({ Resource: 'arn:aws:lambda::111122223333:layer:x' })).toEqual([
      'arn/missing-region',
    ]);
    expect(codesFor({ Resource: 'arn:aws:s3::111122223333:my-bucket/*' })).toEqual([
      'arn/unexpected-account',
    ]);
    expect(codesFor({ Resource: 'arn:aws:nosuchservice:us-east-1:111122223333:thing/x' })).toEqual([
      'arn/unknown-service',
    ]);
  });
});

describe('policy variables', () => {
  it('are accepted in ARNs and in condition values that compare request keys', () => {
    expect(
      codesFor({ Resource: 'arn:aws:lambda:us-east-1:${aws:PrincipalAccount}:layer:x' }),
    ).toEqual([]);
    expect(codesFor({ Resource: 'arn:aws:s3:::home-${aws:username}/*' })).toEqual([]);
    expect(
      codesFor({
        Condition: {
          StringEquals: { 'aws:PrincipalOrgID': ORG, 'aws:ResourceOrgID': '${aws:PrincipalOrgID}' },
        },
      }),
    ).toEqual([]);
  });

  it('do not hide a malformed fixed part', () => {
    expect(
      codesFor({ Resource: 'arn:aws:lambda:us-east-99x:${aws:PrincipalAccount}:layer:x' }),
    ).toEqual(['arn/malformed-region']);
  });
});

describe('principals', () => {
  it('accepts account ids, IAM ARNs and service principals', () => {
    expect(
      codesFor({
        Principal: {
          AWS: ['111122223333', 'arn:aws:iam::111122223333:role/app'],
          Service: 'ssm.amazonaws.com',
        },
      }),
    ).toEqual([]);
  });

  it('reports malformed principals and wildcards inside them', () => {
    expect(codesFor({ Principal: { AWS: 'my-role' } })).toEqual(['principal/malformed']);
    expect(codesFor({ Principal: { AWS: 'arn:aws:iam::111122223333:role/*' } })).toEqual([
      'principal/wildcard',
    ]);
    expect(codesFor({ Principal: { AWS: 'arn:aws:iam::11112222:root' } })).toEqual([
      'arn/malformed-account',
    ]);
    expect(codesFor({ Principal: { Service: 'ssm' } })).toEqual(['principal/malformed-service']);
  });
});

describe('condition operators', () => {
  it('knows every family, IfExists and the set qualifiers', () => {
    const condition = {
      StringEqualsIfExists: { 'aws:PrincipalOrgID': ORG },
      'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': 'o-a1b2c3d4e5/r-ab12/*' },
      ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/app-*' },
      NumericLessThan: { 's3:max-keys': '10' },
      DateGreaterThan: { 'aws:CurrentTime': '2026-01-01T00:00:00Z' },
      Bool: { 'aws:SecureTransport': true },
      IpAddress: { 'aws:SourceIp': '203.0.113.0/24' },
      Null: { 'aws:PrincipalTag/team': 'false' },
    };
    expect(codesFor({ Condition: condition })).toEqual([]);
  });

  it('reports unknown operators and qualifiers, and a spelling that differs in case', () => {
    const [unknown] = findingsFor({ Condition: { StringEqual: { 'aws:PrincipalOrgID': ORG } } });
    expect(unknown).toMatchObject({
      code: 'condition/unknown-operator',
      hint: 'Did you mean "StringEquals"?',
    });
    expect(
      codesFor({ Condition: { 'ForEachValue:StringEquals': { 'aws:PrincipalOrgID': ORG } } }),
    ).toEqual(['condition/unknown-operator']);
    expect(codesFor({ Condition: { NullIfExists: { 'aws:PrincipalOrgID': 'true' } } })).toEqual([
      'condition/unknown-operator',
    ]);
    expect(codesFor({ Condition: { stringequals: { 'aws:PrincipalOrgID': ORG } } })).toEqual([
      'condition/operator-case',
    ]);
  });

  it('checks values against the operator family', () => {
    expect(codesFor({ Condition: { Bool: { 'aws:SecureTransport': 'yes' } } })).toEqual([
      'condition/invalid-bool',
    ]);
    expect(codesFor({ Condition: { Null: { 'aws:PrincipalOrgID': 'maybe' } } })).toEqual([
      'condition/invalid-bool',
    ]);
    expect(codesFor({ Condition: { NumericLessThan: { 's3:max-keys': 'ten' } } })).toEqual([
      'condition/invalid-number',
    ]);
    expect(codesFor({ Condition: { DateLessThan: { 'aws:CurrentTime': 'next year' } } })).toEqual([
      'condition/invalid-date',
    ]);
    expect(codesFor({ Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.300/8' } } })).toEqual([
      'condition/invalid-ip',
    ]);
    expect(codesFor({ Condition: { ArnEquals: { 'aws:PrincipalArn': 'role/app' } } })).toEqual([
      'condition/invalid-arn',
    ]);
    expect(codesFor({ Condition: { BinaryEquals: { 'aws:UserAgent': 'not base64!' } } })).toEqual(
      expect.arrayContaining(['condition/invalid-binary']),
    );
  });

  it('checks the operator against the type of the key', () => {
    expect(
      codesFor({ Condition: { NumericEquals: { 'aws:PrincipalIsAWSService': '1' } } }),
    ).toEqual(['condition/operator-type-mismatch']);
    expect(
      codesFor({
        Condition: {
          ArnEquals: {
            'aws:PrincipalOrgID': 'arn:aws:organizations::111122223333:organization/o-a1b2c3d4e5',
          },
        },
      }),
    ).toEqual(['condition/operator-type-mismatch']);
    expect(
      codesFor({ Condition: { StringEquals: { 'aws:PrincipalIsAWSService': 'yes' } } }),
    ).toEqual(['condition/operator-type-mismatch', 'condition/invalid-bool']);
  });

  it('names the type of the key in words in the mismatch message', () => {
    const message = (condition: Record<string, Record<string, unknown>>) =>
      findingsFor({ Condition: condition }).find(
        (d) => d.code === 'condition/operator-type-mismatch',
      )?.message;
    expect(message({ NumericEquals: { 'aws:PrincipalArn': '1' } })).toMatch(
      /^aws:PrincipalArn holds an ARN value, but NumericEquals compares numeric values/,
    );
    expect(message({ NumericEquals: { 'aws:PrincipalIsAWSService': '1' } })).toMatch(
      /^aws:PrincipalIsAWSService holds a Boolean value, but NumericEquals/,
    );
    expect(message({ StringEquals: { 'aws:SourceIp': '10.0.0.1' } })).toMatch(
      /^aws:SourceIp holds an IP address value, but StringEquals compares string values/,
    );
  });

  it('asks for a set qualifier on multivalued keys and warns about ForAllValues on single-valued ones', () => {
    expect(
      codesFor({ Condition: { StringLike: { 'aws:PrincipalOrgPaths': 'o-a1b2c3d4e5/r-ab12/*' } } }),
    ).toEqual(['condition/multivalued-key-without-qualifier']);
    expect(
      codesFor({ Condition: { 'ForAllValues:StringEquals': { 'aws:PrincipalOrgID': ORG } } }),
    ).toEqual(['condition/for-all-values-single-valued']);
    expect(
      codesFor({ Condition: { 'ForAnyValue:StringEquals': { 'aws:PrincipalOrgID': ORG } } }),
    ).toEqual(['condition/for-any-value-single-valued']);
  });

  it('reports unknown condition keys and a tag key without its name', () => {
    expect(
      codesFor({
        Condition: { StringEquals: { 'aws:PrincipalOrgId': ORG, 'aws:PrincipalOrgIDs': ORG } },
      }),
    ).toEqual(['condition/unknown-key']);
    const [tag] = findingsFor({
      Condition: { StringEquals: { 'aws:PrincipalOrgID': ORG, 'aws:PrincipalTag/': 'x' } },
    });
    expect(tag?.message).toMatch(/tag key is missing/);
  });
});

describe('identifiers in conditions', () => {
  it('checks account ids, also written as numbers', () => {
    expect(
      codesFor({
        Condition: {
          StringEquals: { 'aws:PrincipalOrgID': ORG, 'aws:ResourceAccount': '11112222333' },
        },
      }),
    ).toEqual(['id/malformed-account']);
    const [number] = findingsFor({
      Condition: {
        StringEquals: { 'aws:PrincipalOrgID': ORG, 'aws:ResourceAccount': 11112222333 },
      },
    });
    expect(number?.hint).toMatch(/leading zeros are lost/);
    expect(
      codesFor({
        Condition: {
          StringEquals: { 'aws:PrincipalOrgID': ORG, 'aws:ResourceAccount': 111122223333 },
        },
      }),
    ).toEqual(['id/account-as-number']);
  });

  it('checks organization ids and paths, VPC and endpoint ids, regions and ARNs', () => {
    const [org] = findingsFor({ Condition: { StringEquals: { 'aws:PrincipalOrgID': 'r-ab12' } } });
    expect(org).toMatchObject({
      code: 'id/malformed-organization',
      hint: expect.stringMatching(/aws:PrincipalOrgPaths/),
    });
    expect(
      codesFor({
        Condition: { 'ForAnyValue:StringEquals': { 'aws:PrincipalOrgPaths': 'ou-ab12' } },
      }),
    ).toEqual(['id/malformed-organization-path']);
    expect(
      codesFor({
        Condition: { StringEquals: { 'aws:PrincipalOrgID': ORG, 'aws:SourceVpc': 'vpc-xyz' } },
      }),
    ).toEqual(['id/malformed-vpc']);
    expect(
      codesFor({
        Condition: {
          StringEquals: { 'aws:PrincipalOrgID': ORG, 'aws:SourceVpce': 'vpc-0123456789abcdef0' },
        },
      }),
    ).toEqual(['id/malformed-vpc-endpoint']);
    expect(
      codesFor({
        Condition: {
          StringEquals: { 'aws:PrincipalOrgID': ORG, 'aws:RequestedRegion': 'us-east' },
        },
      }),
    ).toEqual(['id/malformed-region']);
    expect(
      codesFor({
        Condition: {
          StringEquals: { 'aws:PrincipalOrgID': ORG, 'aws:RequestedRegion': 'us-north-9' },
        },
      }),
    ).toEqual(['id/unknown-region']);
    expect(
      codesFor({
        Condition: {
          StringEquals: {
            'aws:PrincipalOrgID': ORG,
            'aws:PrincipalArn': 'arn:aws:iam::123:role/x',
          },
        },
      }),
    ).toEqual(['arn/malformed-account']);
    expect(
      codesFor({
        Condition: {
          StringEquals: {
            'aws:PrincipalOrgID': ORG,
            'aws:SourceVpc': 'vpc-0123456789abcdef0',
            'aws:SourceVpce': 'vpce-0123456789abcdef0',
            'aws:RequestedRegion': 'eu-west-1',
          },
        },
      }),
    ).toEqual([]);
  });

  it('forbids wildcards and numeric operators on keys that hold system-generated ids', () => {
    const [like] = findingsFor({ Condition: { StringLike: { 'aws:PrincipalAccount': '1111*' } } });
    expect(like).toMatchObject({ code: 'condition/wildcard-on-system-id', severity: 'error' });
    expect(codesFor({ Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-*' } } })).toEqual([
      'condition/wildcard-on-system-id',
    ]);
    expect(codesFor({ Condition: { StringLike: { 'aws:SourceVpc': 'vpc-*' } } })).toContain(
      'condition/wildcard-on-system-id',
    );
    expect(
      codesFor({ Condition: { NumericEquals: { 'aws:ResourceAccount': '111122223333' } } }),
    ).toContain('condition/numeric-on-system-id');
  });

  it('wants six characters around each wildcard of a string condition', () => {
    expect(
      codesFor({
        Condition: {
          StringEquals: { 'aws:PrincipalOrgID': ORG },
          StringLike: { 'aws:PrincipalTag/team': 'a*' },
        },
      }),
    ).toEqual(['condition/short-wildcard-context']);
    expect(
      codesFor({
        Condition: {
          StringEquals: { 'aws:PrincipalOrgID': ORG },
          StringLike: { 'aws:PrincipalTag/team': 'platform-*' },
        },
      }),
    ).toEqual([]);
  });

  it('says that StringEquals does not expand wildcards', () => {
    expect(
      codesFor({
        Condition: {
          StringEquals: { 'aws:PrincipalOrgID': ORG, 'aws:PrincipalTag/team': 'platform-*' },
        },
      }),
    ).toEqual(['condition/wildcard-in-equals']);
  });
});

describe('numbers in conditions', () => {
  /** Findings of a policy whose condition block is written as given, numbers as typed. */
  const findingsOfText = (conditionBlock: string) => {
    const text = `{"Version": "2012-10-17", "Statement": [{"Sid": "Checked", "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::my-bucket/*", "Condition": {"StringEquals": {"aws:PrincipalOrgID": "${ORG}"}, ${conditionBlock}}}]}`;
    const diagnostics = validate(text, { iamIndex }).diagnostics.filter(
      (d) => !d.code.startsWith('recognition/') && d.code !== 'perimeter/no-org-to-org',
    );
    return { text, diagnostics };
  };
  const covered = (text: string, d: Diagnostic) =>
    text.slice(d.range!.start.column - 1, d.range!.end.column - 1);

  it('says a number beyond what JSON holds is too large, quoting it as written', () => {
    const { text, diagnostics } = findingsOfText(
      '"NumericLessThan": {"aws:MultiFactorAuthAge": 1e400}',
    );
    expect(diagnostics).toEqual([
      expect.objectContaining({
        severity: 'error',
        code: 'condition/number-too-large',
        message: '1e400 is too large to be a number IAM accepts.',
      }),
    ]);
    expect(covered(text, diagnostics[0]!)).toBe('1e400');
    for (const d of diagnostics) expect(`${d.message} ${d.hint ?? ''}`).not.toContain('Infinity');
  });

  it('says when JSON would round a number, and what it reads', () => {
    expect(
      findingsOfText('"NumericLessThan": {"aws:MultiFactorAuthAge": 12345678901234567890}')
        .diagnostics,
    ).toEqual([
      expect.objectContaining({
        severity: 'warning',
        code: 'condition/number-rounded',
        message:
          '12345678901234567890 has more digits than a JSON number holds: it is read as 12345678901234567000.',
      }),
    ]);
    expect(
      findingsOfText('"NumericGreaterThan": {"aws:MultiFactorAuthAge": [1, 1e-400]}').diagnostics,
    ).toEqual([
      expect.objectContaining({
        code: 'condition/number-rounded',
        message: '1e-400 is too close to zero for a JSON number: it is read as 0.',
      }),
    ]);
  });

  it('accepts exact numbers however they are written', () => {
    expect(
      findingsOfText(
        '"NumericLessThan": {"aws:MultiFactorAuthAge": [3600, 1.0, 2.50, 1e3, 1.5e-7]}',
      ).diagnostics,
    ).toEqual([]);
  });

  it('shows a number where a string belongs as written', () => {
    const { diagnostics } = validate('{"Version": 1e400, "Statement": []}', { iamIndex });
    expect(diagnostics.find((d) => d.code === 'grammar/invalid-version')?.message).toBe(
      'Version must be the string "2012-10-17", not 1e400.',
    );
  });

  it('quotes a number as written in other messages', () => {
    const { diagnostics } = findingsOfText('"StringNotEquals": {"aws:ResourceAccount": 1.5e3}');
    expect(diagnostics.map((d) => d.message)).toEqual([
      '"1.5e3" is not an AWS account id: an account id has exactly 12 digits.',
    ]);
  });
});
