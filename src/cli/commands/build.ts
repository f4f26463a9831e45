import { join } from 'node:path';
import { catalog } from '../../core/catalog/catalog';
import { isStatementSid, type StatementSid } from '../../core/catalog/ids';
import {
  configFormatFor,
  MAX_CONFIG_CHARACTERS,
  parseConfigText,
  validateConfigValue,
} from '../../core/config/parse';
import { CONFIG_VERSION, type PerimeterConfig, type PolicyFormat } from '../../core/config/schema';
import { hasErrors } from '../../core/diagnostics';
import { generatePolicies } from '../../core/generate/outputs';
import { renderPolicy } from '../../core/generate/render';
import {
  checkWritableFile,
  formatDiagnostics,
  makeOutputDirectory,
  parseOptions,
  readTextFile,
  writeTextFile,
} from '../io';
import { EXIT, UsageError, type CliCommand, type CliIO } from '../types';
import { formatCount } from '../../core/format';

const usage = `Usage: vpce-policy build [options]

Prints the endpoint policy of each service for the chosen regions (the default selection of the
service's template, adjusted by the configuration and the flags).

Options:
  --config FILE         read a perimeter configuration (JSON with comments, or YAML); flags override it
  --service NAME        endpoint service, e.g. s3, ec2, ecr.api (repeatable)
  --region CODE         region, e.g. us-east-1 (repeatable)
  --org-id ID           AWS Organizations organization id, o-... (repeatable)
  --enable ID           turn on a statement (by Sid) or a data access pattern (by id) (repeatable)
  --disable ID          turn off a statement or a data access pattern (repeatable)
  --per-region          one policy per service and region instead of one per service
  --minify              print without whitespace
  --indent 2|4          indentation of pretty output (default 2)
  --out DIR             write one file per policy into DIR instead of printing
  --quiet               do not print notes (info diagnostics)

With one policy, stdout is the policy. With several and no --out, stdout is a JSON object keyed
by file name. Diagnostics go to stderr. Exit code 0: ok; 1: a policy has errors (it is still
printed, with its placeholders visible); 2: bad usage or input.

Example:
  npx vpce-policy build --service s3 --region us-east-1 --region eu-west-1 --org-id o-a1b2c3d4e5
`;

function applyToggles(
  config: PerimeterConfig,
  ids: readonly string[],
  on: boolean,
): PerimeterConfig {
  let next = config;
  for (const id of ids) {
    if (isStatementSid(id)) {
      next = { ...next, statements: { ...next.statements, [id as StatementSid]: on } };
    } else if (catalog.pattern(id)) {
      next = { ...next, dataAccessPatterns: { ...next.dataAccessPatterns, [id]: on } };
    } else {
      throw new UsageError(
        `"${id}" is neither a statement Sid nor a data access pattern id; run "vpce-policy catalog" for the list`,
      );
    }
  }
  return next;
}

export const buildCommand: CliCommand = {
  name: 'build',
  summary: 'print or write the endpoint policies of a configuration',
  usage,
  async run(args: string[], io: CliIO): Promise<number> {
    const { values } = parseOptions(args, {
      config: { type: 'string' },
      service: { type: 'string', multiple: true },
      region: { type: 'string', multiple: true },
      'org-id': { type: 'string', multiple: true },
      enable: { type: 'string', multiple: true },
      disable: { type: 'string', multiple: true },
      'per-region': { type: 'boolean' },
      minify: { type: 'boolean' },
      indent: { type: 'string' },
      out: { type: 'string' },
      quiet: { type: 'boolean' },
    });
    let base: PerimeterConfig = {
      version: CONFIG_VERSION,
      organizationIds: [],
      regions: [],
      services: [],
    };
    if (values.config !== undefined) {
      const file = readTextFile(io.cwd, values.config, MAX_CONFIG_CHARACTERS, 'configuration');
      const parsed = parseConfigText(file.text, { format: configFormatFor(values.config) });
      io.stderr(
        formatDiagnostics(values.config, parsed.diagnostics, { quiet: values.quiet ?? false }),
      );
      if (!parsed.config) return EXIT.usage;
      base = parsed.config;
    }
    let config: PerimeterConfig = {
      ...base,
      ...(values.service ? { services: values.service } : {}),
      ...(values.region ? { regions: values.region } : {}),
      ...(values['org-id'] ? { organizationIds: values['org-id'] } : {}),
    };
    config = applyToggles(config, values.enable ?? [], true);
    config = applyToggles(config, values.disable ?? [], false);
    if (config.services.length === 0)
      throw new UsageError('no endpoint service: give --service NAME or a --config with services');

    // Flags are checked like a configuration file, so a bad region or org id says so plainly.
    const checked = validateConfigValue(config);
    const flagErrors = checked.diagnostics.filter((d) => d.severity === 'error');
    if (flagErrors.length > 0) {
      io.stderr(formatDiagnostics('arguments', flagErrors));
      return EXIT.usage;
    }

    if (values.indent !== undefined && values.indent !== '2' && values.indent !== '4')
      throw new UsageError('--indent takes 2 or 4');
    const format: PolicyFormat = values.minify
      ? 'minified'
      : values.indent === '4'
        ? 'pretty-4'
        : values.indent === '2'
          ? 'pretty-2'
          : (config.output?.format ?? 'pretty-2');
    const shape = values['per-region'] ? 'per-region' : (config.output?.shape ?? 'all-regions');
    const outputs = generatePolicies(config, { shape, format });

    for (const output of outputs)
      io.stderr(
        formatDiagnostics(output.fileName, output.result.diagnostics, {
          quiet: values.quiet ?? false,
        }),
      );
    if (values.out !== undefined) {
      const dir = makeOutputDirectory(io.cwd, values.out);
      // Every file is checked before the first is written, so a refusal leaves nothing half done.
      for (const output of outputs) checkWritableFile(dir, output.fileName, 'policy');
      for (const output of outputs) {
        const place = writeTextFile(dir, output.fileName, `${output.result.text}\n`, 'policy');
        const shown = join(values.out, output.fileName);
        io.stderr(
          `wrote ${place.through ? `${place.path} (through the symbolic link ${shown})` : shown} (${formatCount(output.result.size)} characters)\n`,
        );
      }
    } else if (outputs.length === 1) {
      io.stdout(`${outputs[0]!.result.text}\n`);
    } else {
      const all = Object.fromEntries(outputs.map((o) => [o.fileName, o.result.policy]));
      io.stdout(`${renderPolicy(all, format)}\n`);
    }
    return outputs.some((o) => hasErrors(o.result.diagnostics)) ? EXIT.findings : EXIT.ok;
  },
};
