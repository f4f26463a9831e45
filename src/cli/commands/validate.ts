import {
  catalog,
  toRegionCode,
  toServiceId,
  suggest,
  type Diagnostic,
  loadIamIndex,
  MAX_POLICY_TEXT_CHARACTERS,
  validate,
  type EndpointType,
  type PolicyValidation,
  type ValidateOptions,
  formatCount,
} from '../../core/index';
import { formatDiagnostics, parseOptions, readTextFile } from '../io';
import { EXIT, UsageError, type CliCommand, type CliIO } from '../types';

const usage = `Usage: vpce-policy validate FILE... [options]

Checks VPC endpoint policy files: JSON syntax, the policy grammar, the 20,480-character limit,
unfilled <placeholders>, identifiers and ARNs, action names and condition keys (against the AWS
IAM reference data), and data perimeter risks. Prints one line per finding, compiler style:
file:line:col: severity code: message, with a hint below when there is one.

Options:
  --service NAME        the endpoint service the policies are for, e.g. s3; guessed when absent
  --endpoint-type TYPE  gateway or interface, for services that offer both (s3, dynamodb)
  --region CODE         region of the endpoints (repeatable); ARNs of other partitions are reported
  --strict              fail on warnings too
  --json                print the results as JSON, for machines
  --quiet               do not print notes (info findings) nor the summaries

Exit code 0: no errors; 1: a policy has errors (or warnings, with --strict); 2: bad usage or a
file that cannot be read.

Example:
  npx vpce-policy validate s3-endpoint-policy.json --service s3 --region us-east-1 --strict
`;

interface FileReport {
  file: string;
  /** Set when the file could not be read; the other fields are then absent. */
  error?: string;
  validation?: PolicyValidation;
}

const count = (diagnostics: readonly Diagnostic[], severity: Diagnostic['severity']) =>
  diagnostics.filter((d) => d.severity === severity).length;
const plural = (n: number, word: string) => `${formatCount(n)} ${word}${n === 1 ? '' : 's'}`;

function checkedOptions(values: {
  service?: string;
  'endpoint-type'?: string;
  region?: string[];
}): Omit<ValidateOptions, 'iamIndex'> {
  const options: Omit<ValidateOptions, 'iamIndex'> = {};
  if (values.service !== undefined) {
    if (!toServiceId(values.service, catalog)) {
      const guess = suggest(
        values.service,
        catalog.services.map((s) => s.id),
      );
      throw new UsageError(
        `unknown endpoint service "${values.service}"${guess ? `; did you mean "${guess}"?` : ''} Run "vpce-policy catalog services" for the list.`,
      );
    }
    options.service = values.service;
  }
  const endpointType = values['endpoint-type'];
  if (endpointType !== undefined) {
    if (endpointType !== 'gateway' && endpointType !== 'interface')
      throw new UsageError('--endpoint-type takes gateway or interface');
    options.endpointType = endpointType as EndpointType;
  }
  for (const region of values.region ?? []) {
    if (!toRegionCode(region, catalog)) {
      const guess = suggest(
        region,
        catalog.regions.map((r) => r.code),
      );
      throw new UsageError(
        `unknown region "${region}"${guess ? `; did you mean "${guess}"?` : ''}`,
      );
    }
  }
  if (values.region) options.regions = values.region;
  return options;
}

/** One line on what the policy is, for people: service, statements, patterns, size. */
function summaryLine(file: string, validation: PolicyValidation): string {
  const { size, recognition, diagnostics } = validation;
  const parts: string[] = [];
  if (recognition?.service)
    parts.push(
      `${recognition.service.id}${recognition.service.basis === 'guess' ? ' (guessed)' : ''}`,
    );
  if (recognition) {
    const recognized = recognition.statements.filter((s) => s.statement).length;
    parts.push(
      `${plural(recognition.statements.length, 'statement')} (${formatCount(recognized)} of the perimeter)`,
    );
    if (recognition.dataAccessPatterns.length > 0)
      parts.push(plural(recognition.dataAccessPatterns.length, 'data access pattern'));
  }
  const minified =
    size.minifiedCharacters !== undefined
      ? `, minified ${formatCount(size.minifiedCharacters)}`
      : '';
  parts.push(`${formatCount(size.characters)} of ${formatCount(size.limit)} characters${minified}`);
  parts.push(
    `${plural(count(diagnostics, 'error'), 'error')}, ${plural(count(diagnostics, 'warning'), 'warning')}`,
  );
  return `${file}: ${parts.join('; ')}\n`;
}

export const validateCommand: CliCommand = {
  name: 'validate',
  summary:
    'check endpoint policy files: syntax, grammar, size, placeholders, names and perimeter risks',
  usage,
  async run(args: string[], io: CliIO): Promise<number> {
    const { values, positionals } = parseOptions(
      args,
      {
        service: { type: 'string' },
        'endpoint-type': { type: 'string' },
        region: { type: 'string', multiple: true },
        strict: { type: 'boolean' },
        json: { type: 'boolean' },
        quiet: { type: 'boolean' },
      },
      true,
    );
    if (positionals.length === 0) throw new UsageError('give at least one policy file to check');
    const options = checkedOptions(values);
    const iamIndex = await loadIamIndex();
    const quiet = values.quiet ?? false;

    const reports: FileReport[] = positionals.map((file) => {
      try {
        const { text } = readTextFile(io.cwd, file, MAX_POLICY_TEXT_CHARACTERS, 'policy');
        return { file, validation: validate(text, { ...options, iamIndex }) };
      } catch (error) {
        if (error instanceof UsageError) return { file, error: error.message };
        throw error;
      }
    });

    const all = reports.flatMap((r) => r.validation?.diagnostics ?? []);
    const errors = count(all, 'error');
    const warnings = count(all, 'warning');
    const unreadable = reports.filter((r) => r.error !== undefined);

    if (values.json) {
      const files = reports.map(({ file, error, validation }) => {
        if (error !== undefined || !validation) return { file, error };
        const { model: _model, ...rest } = validation;
        return {
          file,
          errors: count(rest.diagnostics, 'error'),
          warnings: count(rest.diagnostics, 'warning'),
          ...rest,
        };
      });
      io.stdout(
        `${JSON.stringify({ iamDataVersion: iamIndex.source.version, errors, warnings, files }, null, 2)}\n`,
      );
    } else {
      for (const report of reports) {
        if (report.error !== undefined) {
          io.stderr(`vpce-policy validate: ${report.error}\n`);
          continue;
        }
        io.stdout(formatDiagnostics(report.file, report.validation!.diagnostics, { quiet }));
        if (!quiet) io.stdout(summaryLine(report.file, report.validation!));
      }
      if (!quiet && reports.length > 1) {
        io.stdout(
          `${plural(reports.length, 'file')}: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}${unreadable.length > 0 ? `, ${unreadable.length} not readable` : ''}\n`,
        );
      }
    }
    if (unreadable.length > 0) return EXIT.usage;
    return errors > 0 || (values.strict && warnings > 0) ? EXIT.findings : EXIT.ok;
  },
};
