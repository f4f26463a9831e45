import { describe, expect, it } from 'vitest';
import { catalog } from '@/core/catalog/catalog';
import type { PerimeterConfig } from '@/core/config/schema';
import { generate } from '@/core/generate/generate';
import { policyHover } from './policy-hover';
import { statementSpan } from '@/shared/policy-text/policy-locations';

const config: PerimeterConfig = {
  version: 1,
  organizationIds: ['o-a1b2c3d4e5'],
  regions: ['us-east-1', 'eu-west-1'],
  services: ['s3'],
};
const generated = generate(config, 's3');
const text = generated.text;
const offsetOf = (needle: string, from = 0) => {
  const at = text.indexOf(needle, from);
  if (at < 0) throw new Error(`${needle} is not in the policy`);
  return at + 2;
};

describe('policyHover', () => {
  it('says which data access pattern a resource comes from, with its source link', () => {
    const hover = policyHover(
      text,
      offsetOf('"arn:aws:s3:::al2023-us-east-1/*"'),
      generated,
      catalog,
    );
    const markdown = hover!.contents.join('\n');
    expect(markdown).toContain('`arn:aws:s3:::al2023-us-east-1/*`');
    expect(markdown).toMatch(/data access pattern \*\*Amazon Linux 2023/);
    expect(markdown).toMatch(
      /\]\(https:\/\/github\.com\/aws-samples\/data-perimeter-policy-examples\/blob\/[0-9a-f]{40}\/vpc_endpoint_policies\/s3_endpoint_policy\.json\)/,
    );
    expect(markdown).toContain('`us-east-1`');
    expect(text.slice(hover!.span.start, hover!.span.end)).toBe(
      '"arn:aws:s3:::al2023-us-east-1/*"',
    );
  });

  it('says that a condition value is the organization id the user set', () => {
    const hover = policyHover(text, offsetOf('"o-a1b2c3d4e5"'), generated, catalog);
    expect(hover!.contents.join('\n')).toMatch(/From your setting `organizationIds`/);
  });

  it('flags a placeholder as a missing value', () => {
    const withoutOrg = generate({ ...config, organizationIds: [] }, 's3');
    const hover = policyHover(
      withoutOrg.text,
      withoutOrg.text.indexOf('"<my-org-id>"') + 2,
      withoutOrg,
      catalog,
    );
    expect(hover!.contents.join('\n')).toMatch(/A value is missing here/);
  });

  it('explains the statement when hovering its Sid', () => {
    const hover = policyHover(
      text,
      offsetOf('"AllowRequestsByAWSServicePrincipals"'),
      generated,
      catalog,
    );
    const markdown = hover!.contents.join('\n');
    expect(markdown).toContain(catalog.statement('AllowRequestsByAWSServicePrincipals').title);
    expect(markdown).toMatch(/Why:/);
  });

  it('explains a condition key', () => {
    const hover = policyHover(text, offsetOf('"aws:PrincipalOrgID"'), generated, catalog);
    expect(hover!.contents[0]).toMatch(/Condition `StringEquals` on `aws:PrincipalOrgID`/);
  });

  it('has nothing to say outside the statements', () => {
    expect(policyHover(text, offsetOf('"Version"'), generated, catalog)).toBeUndefined();
  });
});

describe('statementSpan', () => {
  it('finds the range of a statement by its Sid', () => {
    const span = statementSpan(text, 'AllowRequestsToAWSOwnedResources')!;
    const statement = JSON.parse(text.slice(span.start, span.end)) as { Sid: string };
    expect(statement.Sid).toBe('AllowRequestsToAWSOwnedResources');
    expect(statementSpan(text, 'NoSuchSid')).toBeUndefined();
  });
});
