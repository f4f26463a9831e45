/** The files an export writes and what it has to say about them. */
import type { Severity } from '../../diagnostics';

export const EXPORT_FORMATS = ['json', 'terraform', 'cloudformation', 'cli'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** How each format is named to people. */
export const EXPORT_FORMAT_LABELS: Record<ExportFormat, string> = {
  json: 'JSON policies',
  terraform: 'Terraform module',
  cloudformation: 'CloudFormation templates',
  cli: 'AWS CLI script',
};

export type ExportFileKind =
  'policy' | 'terraform' | 'cloudformation' | 'script' | 'readme' | 'configuration' | 'manifest';

export interface ExportFile {
  /** Relative to the export's folder, with `/` separators. */
  path: string;
  kind: ExportFileKind;
  text: string;
  /** Set on a file that a shell runs. */
  executable?: boolean;
}

/** Something the user should know about a file of the export (not a finding on a policy). */
export interface ExportNote {
  severity: Severity;
  file: string;
  message: string;
}
