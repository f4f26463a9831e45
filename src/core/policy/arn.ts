/**
 * Reading ARNs and the values of a policy, shared by the generator, the validator and the
 * evaluator: the fields of an ARN, whether a value holds a wildcard, and the part of an ARN that
 * a stranger could own.
 */

/** Partitions an ARN may name (the isolated ones too, which the catalog does not cover). */
export const ARN_PARTITIONS = [
  'aws',
  'aws-cn',
  'aws-us-gov',
  'aws-eusc',
  'aws-iso',
  'aws-iso-b',
  'aws-iso-e',
  'aws-iso-f',
] as const;

export interface ArnFields {
  partition: string;
  service: string;
  region: string;
  account: string;
  resource: string;
}

/** Splits `arn:partition:service:region:account:resource`; the resource keeps any further colons. */
export function splitArn(value: string): ArnFields | undefined {
  if (!value.startsWith('arn:')) return undefined;
  // The colons after "arn" that end the partition, service, region and account fields.
  const ends: number[] = [];
  let at = 3;
  while (ends.length < 4) {
    at = value.indexOf(':', at + 1);
    if (at === -1) return undefined;
    ends.push(at);
  }
  const [a, b, c, d] = ends as [number, number, number, number];
  return {
    partition: value.slice(4, a),
    service: value.slice(a + 1, b),
    region: value.slice(b + 1, c),
    account: value.slice(c + 1, d),
    resource: value.slice(d + 1),
  };
}

/** Whether a value holds an IAM wildcard character (`*` or `?`). */
export const hasWildcard = (value: string): boolean => value.includes('*') || value.includes('?');

/**
 * The part of an ARN that a stranger could register or own: the bucket name of an S3 ARN, the
 * account of any other. A wildcard there, in a statement that admits any principal, would admit
 * resources of whoever creates a matching name.
 */
export function strangerOwnablePart(arn: string): string | undefined {
  if (arn === '*') return arn;
  const fields = splitArn(arn);
  if (!fields) return undefined;
  if (fields.service !== 's3') return fields.account;
  const slash = fields.resource.indexOf('/');
  return slash === -1 ? fields.resource : fields.resource.slice(0, slash);
}
