import {
  configFormatFor,
  MAX_CONFIG_CHARACTERS,
  parseConfigText,
  hasErrors,
  parseAccountsText,
  athenaImpactQuerySql,
  athenaTableSql,
  checkAthenaOptions,
  type AthenaOptions,
  parseEndpointsText,
  buildImpactReport,
  type ImpactReport,
} from '../../core/index';
import { formatDiagnostics, parseOptions, readTextFile } from '../io';
import { defaultJobs, readTrails, type ReadTrailsOptions } from '../impact/read-trails';
import { formatImpactSummary } from '../impact/summary';
import { trailPaths } from '../impact/trail-paths';
import { EXIT, UsageError, type CliCommand, type CliIO } from '../types';

const usage = `Usage: vpce-policy impact --config FILE [--accounts FILE] [options] TRAIL...
       vpce-policy impact --config FILE --accounts FILE --athena-bucket BUCKET --since DAY

Replays real traffic against the designed endpoint policies: which requests of your CloudTrail
logs would be denied if you deployed them, why, and what would admit the legitimate ones.

TRAIL is a file or a folder (walked; CloudTrail-Digest folders are skipped): CloudTrail log files
as delivered to S3 (.json or .json.gz), "aws cloudtrail lookup-events" output, CloudTrail Lake
results and Athena query results (CSV or JSON, see the README for the query that aggregates a
whole organization trail). Only events with a vpcEndpointId are evaluated; the others are counted.

Options:
  --config FILE     the perimeter configuration (JSON with comments, or YAML); required
  --accounts FILE   the organization's accounts: "aws organizations list-accounts" output, a JSON
                    list or one id per line (repeatable); they add to organizationAccounts
  --endpoints FILE  the endpoint inventory ("aws ec2 describe-vpc-endpoints" output): which
                    service and region each endpoint serves
  --json            print the whole report as JSON
  --jobs N          threads reading files (default: one per core, ${defaultJobs()} here)
  --quiet           do not print problems with individual files

Athena (for an organization trail too large for one machine): prints the CREATE TABLE (with
partition projection) and the query that aggregates the endpoint traffic into request shapes;
its CSV result is a TRAIL like any other.
  --athena-bucket B the organization trail's S3 bucket (prints the SQL instead of reading TRAILs)
  --athena-prefix P a prefix before AWSLogs/ in that bucket
  --athena-table T  table name (default cloudtrail_org)
  --since DAY       first day to scan, YYYY-MM-DD (default: 30 days ago)
  --until DAY       last day to scan (default: today)

Exit code 0: no legitimate-looking request would be denied; 1: some would (the summary lists them
with the change that admits each); 2: bad usage or input.

Example:
  npx vpce-policy impact --config perimeter.json --accounts accounts.json trail/
`;

function readAccounts(io: CliIO, files: readonly string[]): string[] {
  const accounts: string[] = [];
  for (const path of files) {
    const file = readTextFile(io.cwd, path, 20_000_000, 'accounts file');
    const read = parseAccountsText(file.text);
    if (read.problems.length > 0 && read.accounts.length === 0)
      throw new UsageError(`accounts file "${path}": ${read.problems[0]}`);
    for (const problem of read.problems) io.stderr(`${path}: warning: ${problem}\n`);
    accounts.push(...read.accounts);
  }
  return accounts;
}

export const impactCommand: CliCommand = {
  name: 'impact',
  summary: 'replay CloudTrail traffic against the designed policies: what would break, and the fix',
  usage,
  async run(args: string[], io: CliIO): Promise<number> {
    const { values, positionals } = parseOptions(
      args,
      {
        config: { type: 'string' },
        accounts: { type: 'string', multiple: true },
        endpoints: { type: 'string' },
        json: { type: 'boolean' },
        jobs: { type: 'string' },
        quiet: { type: 'boolean' },
        'athena-bucket': { type: 'string' },
        'athena-prefix': { type: 'string' },
        'athena-table': { type: 'string' },
        since: { type: 'string' },
        until: { type: 'string' },
      },
      true,
    );
    if (values.config === undefined)
      throw new UsageError('give the designed configuration: --config perimeter.json');
    if (positionals.length === 0 && values['athena-bucket'] === undefined)
      throw new UsageError('give at least one CloudTrail file or folder');
    const jobs = values.jobs === undefined ? undefined : Number(values.jobs);
    if (jobs !== undefined && (!Number.isInteger(jobs) || jobs < 1 || jobs > 64))
      throw new UsageError('--jobs takes a number from 1 to 64');

    const file = readTextFile(io.cwd, values.config, MAX_CONFIG_CHARACTERS, 'configuration');
    const parsed = parseConfigText(file.text, { format: configFormatFor(values.config) });
    io.stderr(formatDiagnostics(values.config, parsed.diagnostics, { quiet: true }));
    if (!parsed.config || hasErrors(parsed.diagnostics)) return EXIT.usage;
    const config = parsed.config;
    if (config.organizationIds.length === 0)
      throw new UsageError(
        `${values.config} names no organization id: the perimeter cannot be evaluated without one`,
      );
    const accounts = readAccounts(io, values.accounts ?? []);
    if (values['athena-bucket'] !== undefined) {
      const options: AthenaOptions = {
        table: values['athena-table'] ?? 'cloudtrail_org',
        bucket: values['athena-bucket'],
        organizationId: config.organizationIds[0]!,
        accounts: [...new Set([...(config.organizationAccounts ?? []), ...accounts])],
        regions: config.regions,
        since: values.since ?? new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10),
      };
      if (values['athena-prefix'] !== undefined) options.prefix = values['athena-prefix'];
      if (values.until !== undefined) options.until = values.until;
      const problems = checkAthenaOptions(options);
      if (problems.length > 0) throw new UsageError(problems.join('; '));
      io.stdout(
        `-- 1. The table over the organization trail (run once).\n${athenaTableSql(options)}\n-- 2. The endpoint traffic as request shapes; download the result as CSV and run\n--    vpce-policy impact --config ${values.config} RESULT.csv\n${athenaImpactQuerySql(options)}`,
      );
      return EXIT.ok;
    }
    const { paths } = trailPaths(io.cwd, positionals);
    if (paths.length === 0) throw new UsageError('no files found in the given folders');

    const started = performance.now();
    const readOptions: ReadTrailsOptions = {};
    if (jobs !== undefined) readOptions.jobs = jobs;
    if (values.endpoints !== undefined) {
      const inventory = parseEndpointsText(
        readTextFile(io.cwd, values.endpoints, 50_000_000, 'endpoint inventory').text,
      );
      if (inventory.endpoints.size === 0)
        throw new UsageError(
          `endpoint inventory "${values.endpoints}": ${inventory.problems[0] ?? 'no endpoint in it'}`,
        );
      for (const problem of inventory.problems)
        io.stderr(`${values.endpoints}: warning: ${problem}\n`);
      readOptions.endpoints = inventory.endpoints;
    }
    const read = await readTrails(paths, readOptions);
    const seconds = (performance.now() - started) / 1000;
    let unreadable = 0;
    for (const result of read.files) {
      if (result.problems.length === 0) continue;
      if (result.stopped && result.records === 0) unreadable++;
      if (!values.quiet)
        for (const problem of result.problems) io.stderr(`${result.path}: ${problem}\n`);
    }
    if (unreadable === paths.length)
      throw new UsageError(
        paths.length === 1
          ? 'the file could not be read as CloudTrail'
          : `none of the ${paths.length} files could be read as CloudTrail`,
      );

    let report: ImpactReport;
    try {
      report = buildImpactReport(read.collection, { config, accounts: new Set(accounts) });
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    if (values.json) {
      io.stdout(
        `${JSON.stringify({ files: read.files.map(({ path, bytes, records, problems, format }) => ({ path, bytes, records, problems, format })), report }, null, 2)}\n`,
      );
    } else {
      io.stdout(
        formatImpactSummary(report, {
          files: paths.length,
          megabytes: read.bytes / 1_000_000,
          seconds,
        }),
      );
    }
    return report.totals.legitimateDenied.shapes > 0 ? EXIT.findings : EXIT.ok;
  },
};
