import { chmodSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import {
  catalog,
  isStatementSid,
  applyConfigEdit,
  configFormatFor,
  MAX_CONFIG_CHARACTERS,
  parseConfigText,
  validateConfigValue,
  CONFIG_VERSION,
  type ConfigEdit,
  type PerimeterConfigDocument,
  type PolicyFormat,
  toPatternId,
  hasErrors,
  generatePolicies,
  renderPolicy,
  exportPolicies,
  type PolicyExport,
  EXPORT_FORMATS,
  type ExportFormat,
  checkThirdPartyValues,
  loadIamIndex,
} from '../../core/index';
import {
  checkWritableFile,
  formatDiagnostics,
  makeOutputDirectory,
  parseOptions,
  readTextFile,
  writeTextFile,
} from '../io';
import { EXIT, UsageError, type CliCommand, type CliIO } from '../types';

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
  --out DIR             write one file per policy into DIR instead of printing, with manifest.json
  --format FORMAT       what --out writes: json (the policies, default), terraform (a module),
                        cloudformation (a template per region) or cli (an AWS CLI script); the
                        last three deploy one policy per region to the endpoints of the inventory
  --quiet               do not print notes (info diagnostics)

With one policy, stdout is the policy. With several and no --out, stdout is a JSON object keyed
by file name. Diagnostics go to stderr. Exit code 0: ok; 1: a policy has errors (it is still
printed, with its placeholders visible); 2: bad usage or input.

Examples:
  npx vpce-policy build --service s3 --region us-east-1 --region eu-west-1 --org-id o-a1b2c3d4e5
  npx vpce-policy build --config perimeter.json --format terraform --out vpc-endpoint-policies/
`;

/** Writes the files of an export under `dir`; their paths are the export's own, never above it. */
function writeExport(cwd: string, shownDir: string, exported: PolicyExport, io: CliIO): void {
  const dir = makeOutputDirectory(cwd, shownDir);
  // Folders are made and every file is checked before the first is written, so a refusal (a
  // dangling symbolic link, a device, a path outside the folder) leaves nothing half done.
  for (const folder of new Set(exported.files.map((file) => dirname(file.path))))
    if (folder !== '.') makeOutputDirectory(dir, folder);
  for (const file of exported.files) {
    if (isAbsolute(file.path) || file.path.split('/').includes('..'))
      throw new Error(`refusing to write ${file.path} outside ${shownDir}`);
    checkWritableFile(dir, file.path, file.kind);
  }
  for (const file of exported.files) {
    const place = writeTextFile(dir, file.path, file.text, file.kind);
    if (file.executable) chmodSync(place.path, 0o755);
    if (place.through)
      io.stderr(`wrote ${place.path} (through the symbolic link ${join(shownDir, file.path)})\n`);
  }
  const policies = exported.files.filter((f) => f.kind === 'policy').length;
  io.stderr(
    `wrote ${exported.files.length} files (${policies} ${policies === 1 ? 'policy' : 'policies'}) to ${shownDir}\n`,
  );
}

/** The edits that `--enable` or `--disable` name: statement Sids or data access pattern ids. */
function toggleEdits(ids: readonly string[], on: boolean): ConfigEdit[] {
  return ids.map((id): ConfigEdit => {
    if (isStatementSid(id)) return { kind: 'statement', sid: id, enabled: on };
    const patternId = toPatternId(id, catalog);
    if (patternId !== undefined) return { kind: 'pattern', patternId, enabled: on };
    throw new UsageError(
      `"${id}" is neither a statement Sid nor a data access pattern id; run "vpce-policy catalog" for the list`,
    );
  });
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
      format: { type: 'string' },
      quiet: { type: 'boolean' },
    });
    const exportFormat = (values.format ?? 'json') as ExportFormat;
    if (!(EXPORT_FORMATS as readonly string[]).includes(exportFormat))
      throw new UsageError(`--format takes ${EXPORT_FORMATS.join(', ')}`);
    if (exportFormat !== 'json' && values.out === undefined)
      throw new UsageError(`--format ${exportFormat} writes several files: give --out DIR`);
    let base: PerimeterConfigDocument = {
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
    const document: PerimeterConfigDocument = {
      ...base,
      ...(values.service ? { services: values.service } : {}),
      ...(values.region ? { regions: values.region } : {}),
      ...(values['org-id'] ? { organizationIds: values['org-id'] } : {}),
    };
    const toggles = [
      ...toggleEdits(values.enable ?? [], true),
      ...toggleEdits(values.disable ?? [], false),
    ];
    if (document.services.length === 0)
      throw new UsageError('no endpoint service: give --service NAME or a --config with services');

    // Flags are checked like a configuration file, so a bad region or org id says so plainly.
    const checked = validateConfigValue(document);
    const flagErrors = checked.diagnostics.filter((d) => d.severity === 'error');
    if (!checked.config || flagErrors.length > 0) {
      io.stderr(formatDiagnostics('arguments', flagErrors));
      return EXIT.usage;
    }
    const config = toggles.reduce(applyConfigEdit, checked.config);

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
    const quiet = values.quiet ?? false;
    // The third-party actions and ARNs, checked against IAM's names as \`validate\` checks them.
    const valueFindings = await checkThirdPartyValues(config, { loadIamIndex });
    io.stderr(formatDiagnostics(values.config ?? 'arguments', valueFindings, { quiet }));
    if (values.out !== undefined) {
      const exported = exportPolicies(config, exportFormat, { format, shape });
      for (const file of exported.manifest.files)
        if (file.policy)
          io.stderr(formatDiagnostics(file.path, file.policy.diagnostics, { quiet }));
      io.stderr(
        formatDiagnostics(
          'export',
          exported.manifest.notes.map((n) => ({ ...n, code: 'export/note', path: n.file })),
          { quiet },
        ),
      );
      writeExport(io.cwd, values.out, exported, io);
      return exported.hasErrors || hasErrors(valueFindings) ? EXIT.findings : EXIT.ok;
    }
    const outputs = generatePolicies(config, { shape, format });
    for (const output of outputs)
      io.stderr(formatDiagnostics(output.fileName, output.result.diagnostics, { quiet }));
    if (outputs.length === 1) {
      io.stdout(`${outputs[0]!.result.text}\n`);
    } else {
      const all = Object.fromEntries(outputs.map((o) => [o.fileName, o.result.policy]));
      io.stdout(`${renderPolicy(all, format)}\n`);
    }
    return hasErrors(valueFindings) || outputs.some((o) => hasErrors(o.result.diagnostics))
      ? EXIT.findings
      : EXIT.ok;
  },
};
