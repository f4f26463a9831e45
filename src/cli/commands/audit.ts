import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  catalog,
  configFormatFor,
  MAX_CONFIG_CHARACTERS,
  parseConfigText,
  AUDIT_STATE_LABELS,
  auditEndpoints,
  type AuditRow,
  auditCsv,
  auditJson,
  auditSummary,
  describeChange,
  DESCRIBE_JSON_OPTIONS,
  MAX_DESCRIBE_CHARACTERS,
  readDescribeVpcEndpoints,
  type DescribeFile,
  tooLargeMessage,
  loadIamIndex,
} from '../../core/index';
import { formatDiagnostics, parseOptions, readTextFile } from '../io';
import { EXIT, UsageError, type CliCommand, type CliIO } from '../types';

const usage = `Usage: vpce-policy audit --config FILE ENDPOINTS.json... [options]

Audits deployed VPC endpoints against the design: reads the output of
"aws ec2 describe-vpc-endpoints" (one file per region, or several regions at once) and, for every
endpoint, says its service and region, whether the service enforces endpoint policies, what the
validator finds in its policy, and how the policy compares with the one the configuration
generates for it, statement by statement. Designed services without an endpoint in an audited
region are listed as missing.

States: matches, differs (with the statements that differ), default-policy (still the default
full-access policy, or none), not-in-design (a service or region the configuration does not
cover), missing.

Options:
  --config FILE   the perimeter configuration (JSON with comments, or YAML)
  --json          print the whole report as JSON
  --csv           print one CSV row per endpoint
  --quiet         print only the endpoints that differ, are open or missing, and the summary

Exit code 0: every endpoint matches or is outside the design; 1: an endpoint differs or lets
everyone do everything (the default policy does); 2: bad usage, or a file that cannot be read
(the other files are still audited).

Example:
  aws ec2 describe-vpc-endpoints --region eu-west-1 > endpoints-eu-west-1.json
  npx vpce-policy audit --config perimeter.json endpoints-*.json
`;

/** Reads one describe output, refusing a non-file or an oversized one before reading it. */
function readDescribeFile(cwd: string, path: string): DescribeFile | string {
  const full = resolve(cwd, path);
  let stat;
  try {
    stat = statSync(full);
  } catch {
    return `cannot read "${path}": no such file`;
  }
  if (!stat.isFile()) return `cannot read "${path}": not a regular file`;
  if (stat.size > MAX_DESCRIBE_CHARACTERS)
    return `"${path}": ${tooLargeMessage(stat.size, DESCRIBE_JSON_OPTIONS)}`;
  return { name: path, text: readFileSync(full, 'utf8') };
}

function rowLine(row: AuditRow, widths: number[]): string {
  const cells = [
    row.state,
    row.endpointId ?? '-',
    row.region ?? '-',
    row.service ?? row.serviceName ?? '-',
    row.type ?? '-',
    row.enforcesPolicies === 'yes'
      ? 'enforced'
      : row.enforcesPolicies === 'no'
        ? 'IGNORED'
        : 'unknown',
  ];
  const line = cells
    .map((c, i) => c.padEnd(widths[i]!))
    .join('  ')
    .trimEnd();
  const details: string[] = [];
  if (row.note) details.push(`    ${row.note}`);
  for (const change of row.changes ?? []) details.push(`    ${describeChange(change)}`);
  if (row.validation && row.validation.errors + row.validation.warnings > 0) {
    const { errors, warnings } = row.validation;
    details.push(
      `    policy: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`,
    );
    for (const d of row.validation.diagnostics.slice(0, 3))
      details.push(`      ${d.severity} ${d.code}: ${d.message}`);
  }
  return [line, ...details].join('\n');
}

export const auditCommand: CliCommand = {
  name: 'audit',
  summary: 'compare deployed endpoints (describe-vpc-endpoints output) with the design',
  usage,
  async run(args: string[], io: CliIO): Promise<number> {
    const { values, positionals } = parseOptions(
      args,
      {
        config: { type: 'string' },
        json: { type: 'boolean' },
        csv: { type: 'boolean' },
        quiet: { type: 'boolean' },
      },
      true,
    );
    if (values.config === undefined)
      throw new UsageError('give the configuration with --config FILE');
    if (positionals.length === 0)
      throw new UsageError('give at least one file of "aws ec2 describe-vpc-endpoints" output');
    if (values.json && values.csv) throw new UsageError('--json and --csv exclude each other');
    const configFile = readTextFile(io.cwd, values.config, MAX_CONFIG_CHARACTERS, 'configuration');
    const parsed = parseConfigText(configFile.text, { format: configFormatFor(values.config) });
    io.stderr(formatDiagnostics(values.config, parsed.diagnostics, { quiet: true }));
    if (!parsed.config) return EXIT.usage;

    let unreadable = 0;
    const files: DescribeFile[] = [];
    for (const path of positionals) {
      const file = readDescribeFile(io.cwd, path);
      if (typeof file === 'string') {
        io.stderr(`vpce-policy audit: ${file}\n`);
        unreadable++;
      } else files.push(file);
    }
    const read = readDescribeVpcEndpoints(files, catalog);
    for (const { file, diagnostics } of read.diagnostics) {
      io.stderr(formatDiagnostics(file, diagnostics, { quiet: values.quiet ?? false }));
      // A file read in part still counts; one that gave no endpoint list at all does not.
      if (diagnostics.some((d) => d.code.startsWith('input/') || d.code === 'describe/wrong-shape'))
        unreadable++;
    }
    const report = auditEndpoints(parsed.config, read.endpoints, {
      catalog,
      iamIndex: await loadIamIndex(),
    });

    if (values.json) io.stdout(auditJson(report, catalog));
    else if (values.csv) io.stdout(auditCsv(report));
    else {
      const rows = values.quiet
        ? report.rows.filter((r) => r.state === 'differs' || r.state === 'missing' || r.open)
        : report.rows;
      const headers = ['STATE', 'ENDPOINT', 'REGION', 'SERVICE', 'TYPE', 'POLICIES'];
      const widths = headers.map((h, i) =>
        Math.max(
          h.length,
          ...rows.map(
            (r) =>
              [
                r.state,
                r.endpointId ?? '-',
                r.region ?? '-',
                r.service ?? r.serviceName ?? '-',
                r.type ?? '-',
                'enforced',
              ][i]!.length,
          ),
        ),
      );
      if (rows.length > 0) {
        io.stdout(
          `${headers
            .map((h, i) => h.padEnd(widths[i]!))
            .join('  ')
            .trimEnd()}\n`,
        );
        for (const row of rows) io.stdout(`${rowLine(row, widths)}\n`);
      }
      io.stdout(`${auditSummary(report)}\n`);
      if (!values.quiet)
        io.stdout(
          `States: ${Object.entries(AUDIT_STATE_LABELS)
            .map(([k, v]) => `${k} = ${v.toLowerCase()}`)
            .join('; ')}.\n`,
        );
    }
    if (unreadable > 0) return EXIT.usage;
    return report.failed ? EXIT.findings : EXIT.ok;
  },
};
