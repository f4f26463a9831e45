/**
 * Messages between the page and the audit worker. The worker reads the describe outputs, loads
 * the IAM reference index and audits every endpoint, reporting how far it is as it goes.
 */
import type { PerimeterConfig } from '@/core/config/schema';
import type { Diagnostic } from '@/core/diagnostics';
import type { AuditReport } from '@/core/deploy/audit';
import type { DescribeFile } from '@/core/deploy/describe-endpoints';

export interface AuditRequest {
  type: 'audit';
  id: number;
  config: PerimeterConfig;
  files: DescribeFile[];
}

export interface AuditOutcome {
  report: AuditReport;
  /** Per file, what was wrong with it. */
  files: { file: string; diagnostics: Diagnostic[] }[];
}

export type AuditResponse =
  | { type: 'progress'; id: number; phase: 'reading' | 'auditing'; done: number; total: number }
  | { type: 'result'; id: number; outcome: AuditOutcome }
  | { type: 'failure'; id: number; message: string };
