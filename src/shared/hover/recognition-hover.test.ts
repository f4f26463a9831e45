import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { catalog } from '@/core/catalog/catalog';
import { validate } from '@/core/validate/validate';
import { recognitionHover, type StatementPlace } from './recognition-hover';

const sample = readFileSync(
  new URL('../../../e2e/fixtures/ssm_endpoint_policy.json', import.meta.url),
  'utf8',
);
const custom = JSON.stringify(
  {
    Version: '2012-10-17',
    Statement: [
      ...(JSON.parse(sample) as { Statement: unknown[] }).Statement,
      {
        Sid: 'PartnerBucket',
        Effect: 'Allow',
        Principal: '*',
        Action: 's3:GetObject',
        Resource: 'arn:aws:s3:::partner-bucket/*',
        Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } },
      },
    ],
  },
  null,
  2,
);

/** The places of the recognized statements in the text they were recognized in. */
function placesOf(text: string) {
  const recognition = validate(text).recognition!;
  const lineStarts = [0, ...[...text.matchAll(/\n/g)].map((m) => m.index + 1)];
  const offset = (p: { line: number; column: number }) => lineStarts[p.line - 1]! + p.column - 1;
  const places: StatementPlace[] = recognition.statements.map((s, index) => ({
    index,
    start: offset(s.range.start),
    end: offset(s.range.end),
  }));
  return { recognition, places };
}

describe('recognitionHover', () => {
  const { recognition, places } = placesOf(sample);

  it('explains the recognized statement around the mouse, with how it was recognized', () => {
    const hover = recognitionHover(
      sample,
      sample.indexOf('"AllowRequestsByAWSServicePrincipals"') + 3,
      places,
      recognition,
      catalog,
    )!;
    expect(hover.contents[0]).toBe(
      `**${catalog.statement('AllowRequestsByAWSServicePrincipals').title}** (\`AllowRequestsByAWSServicePrincipals\`)`,
    );
    expect(hover.contents).toContain('Recognized by its Sid and its shape.');
    expect(hover.contents.join('\n')).toMatch(/^Why: /m);
    expect(sample.slice(hover.start, hover.end)).toMatch(
      /^\{[\s\S]*"Sid": "AllowRequestsByAWSServicePrincipals"[\s\S]*\}$/,
    );
  });

  it('names the data access pattern of a resource', () => {
    const at = sample.indexOf('arn:aws:ssm:*::automation-definition/*');
    const hover = recognitionHover(sample, at + 5, places, recognition, catalog)!;
    expect(sample.slice(hover.start, hover.end)).toBe('"arn:aws:ssm:*::automation-definition/*"');
    expect(hover.contents.join('\n')).toMatch(/From the data access pattern \*\*/);
  });

  it('says why a statement or value cannot be mapped', () => {
    const custom_ = placesOf(custom);
    const at = custom.indexOf('arn:aws:s3:::partner-bucket/*');
    const value = recognitionHover(custom, at + 3, custom_.places, custom_.recognition, catalog)!;
    expect(value.contents.join('\n')).toMatch(
      /^Not mapped: .*partner\\-bucket.*belongs to no data access pattern/m,
    );
  });

  it('follows the places it is given (they move with the text) and says nothing outside statements', () => {
    expect(
      recognitionHover(sample, sample.indexOf('"Version"') + 2, places, recognition, catalog),
    ).toBeUndefined();
    // The text grew by a line before the statements: the moved places still find them.
    const edited = sample.replace('"Statement": [', '"Statement": [\n');
    const moved = places.map((p) => ({ ...p, start: p.start + 1, end: p.end + 1 }));
    const hover = recognitionHover(
      edited,
      edited.indexOf('"AllowRequestsByAWSServicePrincipals"') + 3,
      moved,
      recognition,
      catalog,
    )!;
    expect(hover.contents[0]).toContain('AllowRequestsByAWSServicePrincipals');
  });

  it('still explains statements while the JSON is broken', () => {
    const broken = sample.replace('"Effect": "Allow",', '"Effect": "Allow"');
    const hover = recognitionHover(
      broken,
      broken.indexOf('"AllowRequestsByOrgsIdentitiesToAnyResources"') - 1,
      places.map((p, i) => (i === 0 ? p : { ...p, start: p.start - 1, end: p.end - 1 })),
      recognition,
      catalog,
    );
    expect(hover?.contents[0]).toContain('AllowRequestsByOrgsIdentitiesToAnyResources');
  });
});
