/**
 * The audit as files: CSV (one row per endpoint, for a spreadsheet) and JSON (everything, for
 * machines), and the statement changes in words. The same in the CLI and the browser.
 */
import type { Catalog } from '../catalog/catalog';
import { catalogFingerprint } from './export/manifest';
import { TOOL_VERSION } from './export/export';
import { AUDIT_STATE_LABELS, type AuditReport, type AuditRow } from './audit';
import type { StatementChange } from './policy-diff';

export const AUDIT_REPORT_VERSION = 1;

/**
 * One statement's change for people: `missing on the endpoint: AllowY`, `not in the design: Z`,
 * `changed AllowX (Action +s3:* -s3:GetObject)` (+ on the endpoint only, - in the design only).
 */
export function describeChange(change: StatementChange): string {
  if (change.change === 'removed') return `missing on the endpoint: ${change.sid}`;
  if (change.change === 'added') return `not in the design: ${change.sid}`;
  if (!change.elements?.length) return `changed ${change.sid}`;
  const elements = change.elements.map((e) => {
    const values = [...e.added.map((v) => `+${v}`), ...e.removed.map((v) => `-${v}`)];
    const shown =
      values.length > 6 ? [...values.slice(0, 6), `... ${values.length - 6} more`] : values;
    return `${e.element} ${shown.join(' ') || '(present on one side only)'}`;
  });
  return `changed ${change.sid} (${elements.join('; ')})`;
}

const CSV_COLUMNS = [
  'state',
  'endpoint_id',
  'name',
  'region',
  'service',
  'service_name',
  'type',
  'vpc_id',
  'owner_id',
  'enforces_policies',
  'open',
  'policy_errors',
  'policy_warnings',
  'note',
  'statement_changes',
  'designed_policy_file',
  'source_file',
] as const;

/**
 * One CSV cell: quoted when needed, and a leading `=`, `+`, `-`, `@` neutralized so that a
 * spreadsheet never runs a value read from a file as a formula.
 */
function csvCell(value: string | number | boolean | undefined): string {
  let text = value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function csvRow(row: AuditRow): string {
  const cells: Record<(typeof CSV_COLUMNS)[number], string | number | boolean | undefined> = {
    state: row.state,
    endpoint_id: row.endpointId,
    name: row.name,
    region: row.region,
    service: row.service,
    service_name: row.serviceName,
    type: row.type,
    vpc_id: row.vpcId,
    owner_id: row.ownerId,
    enforces_policies: row.enforcesPolicies,
    open: row.open,
    policy_errors: row.validation?.errors,
    policy_warnings: row.validation?.warnings,
    note: row.note,
    statement_changes: row.changes?.map(describeChange).join('\n'),
    designed_policy_file: row.designedPolicyFile,
    source_file: row.source?.file,
  };
  return CSV_COLUMNS.map((c) => csvCell(cells[c])).join(',');
}

export function auditCsv(report: AuditReport): string {
  return `${[CSV_COLUMNS.join(','), ...report.rows.map(csvRow)].join('\r\n')}\r\n`;
}

export function auditJson(report: AuditReport, catalog: Catalog): string {
  return `${JSON.stringify(
    {
      auditReportVersion: AUDIT_REPORT_VERSION,
      tool: { name: 'vpce-policy', version: TOOL_VERSION },
      catalog: { fingerprint: catalogFingerprint(catalog) },
      regions: report.regions,
      counts: report.counts,
      open: report.open,
      failed: report.failed,
      endpoints: report.rows,
    },
    null,
    2,
  )}\n`;
}

/** `12 endpoints in 2 regions: 3 match the design, 1 differs, ...` */
export function auditSummary(report: AuditReport): string {
  const endpoints = report.rows.filter((r) => r.state !== 'missing').length;
  const parts = (Object.keys(report.counts) as (keyof typeof report.counts)[])
    .filter((state) => report.counts[state] > 0)
    .map((state) => `${report.counts[state]} ${AUDIT_STATE_LABELS[state].toLowerCase()}`);
  return `${endpoints} endpoint${endpoints === 1 ? '' : 's'} in ${report.regions.length} region${report.regions.length === 1 ? '' : 's'}: ${parts.join(', ') || 'nothing to audit'}; ${report.open} open to everyone.`;
}
