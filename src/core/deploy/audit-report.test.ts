import { describe, expect, it } from 'vitest';
import { catalog } from '../catalog/catalog';
import type { AuditReport } from './audit';
import { auditCsv, auditJson, auditSummary, describeChange } from './audit-report';
import { testRegionCode, testServiceId } from '../catalog/ids.testing';

const report: AuditReport = {
  rows: [
    {
      state: 'differs',
      endpointId: 'vpce-0123456789abcdef0',
      name: '=HYPERLINK("http://x","click")',
      region: testRegionCode('eu-west-1'),
      service: testServiceId('s3'),
      type: 'Gateway',
      enforcesPolicies: 'yes',
      open: false,
      note: 'Statements: 1 changed, "quoted", with a comma.',
      changes: [
        {
          sid: 'AllowOrg',
          change: 'changed',
          elements: [{ element: 'Action', added: ['s3:*'], removed: ['s3:GetObject'] }],
        },
        { sid: 'Extra', change: 'added' },
      ],
      validation: { errors: 1, warnings: 2, diagnostics: [] },
      source: { file: 'eu.json', path: 'VpcEndpoints[0]' },
    },
    {
      state: 'missing',
      service: testServiceId('ec2'),
      region: testRegionCode('eu-west-1'),
      enforcesPolicies: 'yes',
      open: false,
    },
  ],
  counts: { matches: 0, differs: 1, 'default-policy': 0, 'not-in-design': 0, missing: 1 },
  open: 0,
  regions: [testRegionCode('eu-west-1')],
  failed: true,
};

describe('audit report files', () => {
  it('writes CSV with quoting, and with values that a spreadsheet would run as formulas neutralized', () => {
    const lines = auditCsv(report).split('\r\n');
    expect(lines[0]).toBe(
      'state,endpoint_id,name,region,service,service_name,type,vpc_id,owner_id,enforces_policies,open,policy_errors,policy_warnings,note,statement_changes,designed_policy_file,source_file',
    );
    expect(lines[1]).toBe(
      `differs,vpce-0123456789abcdef0,"'=HYPERLINK(""http://x"",""click"")",eu-west-1,s3,,Gateway,,,yes,false,1,2,"Statements: 1 changed, ""quoted"", with a comma.","changed AllowOrg (Action +s3:* -s3:GetObject)\nnot in the design: Extra",,eu.json`,
    );
    expect(lines[2]).toBe('missing,,,eu-west-1,ec2,,,,,yes,false,,,,,,');
    expect(lines[3]).toBe('');
  });

  it('writes JSON with versions and every row, and a summary in words', () => {
    const json = JSON.parse(auditJson(report, catalog));
    expect(json).toMatchObject({ auditReportVersion: 1, failed: true, counts: report.counts });
    expect(json.endpoints).toEqual(report.rows);
    expect(auditSummary(report)).toBe(
      '1 endpoint in 1 region: 1 differs from the design, 1 endpoint missing; 0 open to everyone.',
    );
  });

  it('shortens long value lists in a change', () => {
    const many = Array.from({ length: 9 }, (_, i) => `s3:Action${i}`);
    expect(
      describeChange({
        sid: 'S',
        change: 'changed',
        elements: [{ element: 'Action', added: many, removed: [] }],
      }),
    ).toBe(
      'changed S (Action +s3:Action0 +s3:Action1 +s3:Action2 +s3:Action3 +s3:Action4 +s3:Action5 ... 3 more)',
    );
  });
});
