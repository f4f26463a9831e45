/** Helpers of the export and audit specs: the deploy engine and realistic describe-vpc-endpoints documents. */
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tsImport } from 'tsx/esm/api';
import type * as AuditModule from '../src/core/deploy/audit';
import type * as AuditReportModule from '../src/core/deploy/audit-report';
import type * as DescribeModule from '../src/core/deploy/describe-endpoints';
import type * as ExportModule from '../src/core/deploy/export/export';
import type * as FixturesModule from '../src/core/deploy/describe-fixtures.testing';

export interface DeployEngine {
  exportPolicies: typeof ExportModule.exportPolicies;
  auditEndpoints: typeof AuditModule.auditEndpoints;
  auditCsv: typeof AuditReportModule.auditCsv;
  readDescribeVpcEndpoints: typeof DescribeModule.readDescribeVpcEndpoints;
  describeOutput: typeof FixturesModule.describeOutput;
  hexId: typeof FixturesModule.hexId;
}

let engine: Promise<DeployEngine> | undefined;

export function loadDeployEngine(): Promise<DeployEngine> {
  engine ??= Promise.all([
    tsImport('../src/core/deploy/export/export.ts', import.meta.url) as Promise<
      typeof ExportModule
    >,
    tsImport('../src/core/deploy/audit.ts', import.meta.url) as Promise<typeof AuditModule>,
    tsImport('../src/core/deploy/audit-report.ts', import.meta.url) as Promise<
      typeof AuditReportModule
    >,
    tsImport('../src/core/deploy/describe-endpoints.ts', import.meta.url) as Promise<
      typeof DescribeModule
    >,
    tsImport('../src/core/deploy/describe-fixtures.testing.ts', import.meta.url) as Promise<
      typeof FixturesModule
    >,
  ]).then(([exporter, audit, report, describe, fixtures]) => ({
    exportPolicies: exporter.exportPolicies,
    auditEndpoints: audit.auditEndpoints,
    auditCsv: report.auditCsv,
    readDescribeVpcEndpoints: describe.readDescribeVpcEndpoints,
    describeOutput: fixtures.describeOutput,
    hexId: fixtures.hexId,
  }));
  return engine;
}

/** A 50 MB file of spaces, on disk (Playwright hands files over 50 MB only by path). */
export async function hugeFile(): Promise<string> {
  const path = join(tmpdir(), 'vpce-e2e-huge.json');
  await writeFile(path, Buffer.alloc(50 * 1024 * 1024, 32));
  return path;
}
