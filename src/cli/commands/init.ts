import { lstatSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { EXAMPLE_CONFIG_JSONC } from '../../core/index';
// The committed schema, which a test keeps equal to the one exported from the zod schemas.
import configJsonSchema from '../../../public/perimeter-config.schema.json';
import { checkWritableFile, parseOptions, writeTextFile } from '../io';
import { EXIT, UsageError, type CliCommand } from '../types';

const usage = `Usage: vpce-policy init [FILE] [options]

Writes a commented example perimeter configuration (default: perimeter.json) and, beside it,
perimeter-config.schema.json so that editors can check the file as you type.
Use "-" as FILE to print the example instead.

Options:
  --force   overwrite existing files
`;

function lstatExists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

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
      // lstat: a symbolic link exists even when it points to nothing.
      if (lstatExists(f) && !values.force)
        throw new UsageError(`${f} exists; use --force to overwrite it`);
      checkWritableFile(io.cwd, f, 'configuration');
    }
    const written = [
      writeTextFile(io.cwd, file, EXAMPLE_CONFIG_JSONC, 'configuration'),
      writeTextFile(io.cwd, schemaFile, `${JSON.stringify(configJsonSchema, null, 2)}\n`, 'schema'),
    ];
    const through = written
      .filter((place) => place.through)
      .map((place) => `\n(${place.through} is a symbolic link: wrote ${place.path})`)
      .join('');
    io.stderr(
      `wrote ${target} and perimeter-config.schema.json${through}\nnext: npx vpce-policy build --config ${target}\n`,
    );
    return Promise.resolve(EXIT.ok);
  },
};
