import { describe, expect, it } from 'vitest';
import { CsvRowReader } from './csv-rows';
import { csvCell, impactReportCsv } from './export';
import type { ImpactReport } from './report';
import type { ImpactShape } from './shapes';
import { testServiceId } from '../catalog/ids.testing';

describe('impact export', () => {
  it('neutralizes cells a spreadsheet would run as formulas, and quotes separators', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell(-2)).toBe('-2');
    expect(csvCell(undefined)).toBe('');
  });

  it('writes one row per shape that a CSV reader reads back', () => {
    const shape: ImpactShape = {
      key: 'k',
      service: testServiceId('s3'),
      region: 'us-east-1',
      action: 's3:GetObject',
      principalKind: 'role',
      principalArn: 'arn:aws:iam::111122223333:role/app',
      principalAccount: '111122223333',
      resource: 'arn:aws:s3:::b/=cmd|/*',
      resourceExample: 'arn:aws:s3:::b/=cmd|/x',
      count: 3,
      deniedByEndpoint: 0,
      networkEvents: 0,
      first: '2026-11-20T00:00:00Z',
      last: '2026-11-21T00:00:00Z',
      days: {},
      endpoints: [],
    };
    const report = {
      groups: [
        {
          results: [
            {
              shape,
              decision: 'denied',
              deciding: [],
              reason: 'foreign-resource',
              explanation: 'why, with "quotes"',
              legitimate: true,
              fixes: [],
              resourceAwsOwned: false,
            },
          ],
        },
      ],
    } as unknown as ImpactReport;
    const rows: string[][] = [];
    const reader = new CsvRowReader((r) => rows.push(r));
    reader.push(impactReportCsv(report));
    reader.end();
    expect(rows).toHaveLength(2);
    const record = Object.fromEntries(rows[0]!.map((name, i) => [name, rows[1]![i]]));
    expect(record).toMatchObject({
      decision: 'denied',
      events: '3',
      resource: 'arn:aws:s3:::b/=cmd|/*',
      explanation: 'why, with "quotes"',
    });
  });
});
