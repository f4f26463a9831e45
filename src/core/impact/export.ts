/** The impact report as CSV (one row per shape) and as JSON, for the CLI and the browser alike. */
import type { ImpactReport, ShapeResult } from './report';

const COLUMNS = [
  'service',
  'region',
  'decision',
  'flag',
  'reason',
  'events',
  'denied_by_endpoint',
  'action',
  'principal_kind',
  'principal',
  'principal_account',
  'principal_in_organization',
  'resource',
  'resource_example',
  'resource_account',
  'resource_in_organization',
  'first_seen',
  'last_seen',
  'deciding_statements',
  'explanation',
  'fix',
] as const;

/**
 * One CSV cell. Text from the logs is hostile: a cell a spreadsheet would read as a formula
 * (starting with =, +, -, @, tab or carriage return) is prefixed with a quote mark (OWASP
 * "CSV injection").
 */
export function csvCell(value: string | number | boolean | undefined): string {
  if (value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function row(result: ShapeResult): string[] {
  const shape = result.shape;
  const values: Record<(typeof COLUMNS)[number], string | number | boolean | undefined> = {
    service: shape.service,
    region: shape.region,
    decision: result.decision,
    flag: result.flag,
    reason: result.reason,
    events: shape.count,
    denied_by_endpoint: shape.deniedByEndpoint,
    action: shape.action,
    principal_kind: shape.principalKind,
    principal: shape.principalArn ?? shape.servicePrincipal,
    principal_account: shape.principalAccount,
    principal_in_organization: result.principalInside,
    resource: shape.resource,
    resource_example: shape.resourceExample,
    resource_account: shape.resourceAccount,
    resource_in_organization: result.resourceInside,
    first_seen: shape.first,
    last_seen: shape.last,
    deciding_statements: result.deciding.join(' '),
    explanation: result.explanation,
    fix: result.fixes[0]?.summary,
  };
  return COLUMNS.map((column) => csvCell(values[column]));
}

export function impactReportCsv(report: ImpactReport): string {
  const lines = [COLUMNS.join(',')];
  for (const group of report.groups)
    for (const result of group.results) lines.push(row(result).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

export function impactReportJson(report: ImpactReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
