import { existsSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { jsonSchemaFiles } from '../../core/catalog/json-schemas';
import { EXAMPLE_CONFIG_JSONC } from '../../core/config/example';
import { parseOptions } from '../io';
import { EXIT, UsageError, type CliCommand } from '../types';

const usage = `Usage: vpce-policy init [FILE] [options]

Writes a commented example perimeter configuration (default: perimeter.json) and, beside it,
perimeter-config.schema.json so that editors can check the file as you type.
Use "-" as FILE to print the example instead.

Options:
  --force   overwrite existing files
`;

export const initCommand: CliCommand = {
  name: 'init',
  summary: 'write a commented example configuration',
  usage,
  run(args, io) {
    const { values, positionals } = parseOptions(args, { force: { type: 'boolean' } }, true);
    if (positionals.length > 1) throw new UsageError('give at most one file name');
    const target = positionals[0] ?? 'perimeter.json';
    if (target === '-') {
      io.stdout(EXAMPLE_CONFIG_JSONC);
      return Promise.resolve(EXIT.ok);
    }
    const file = resolve(io.cwd, target);
    const schemaFile = join(dirname(file), 'perimeter-config.schema.json');
    for (const f of [file, schemaFile]) {
      if (existsSync(f) && !values.force)
        throw new UsageError(`${f} exists; use --force to overwrite it`);
    }
    const schema = jsonSchemaFiles().find((f) => f.path.endsWith('perimeter-config.schema.json'))!;
    writeFileSync(file, EXAMPLE_CONFIG_JSONC);
    writeFileSync(schemaFile, schema.content);
    io.stderr(
      `wrote ${target} and perimeter-config.schema.json\nnext: npx vpce-policy build --config ${target}\n`,
    );
    return Promise.resolve(EXIT.ok);
  },
};
