/** The `vpce-policy` command line: a thin face of src/core. */
import { commands } from './commands/index';
import { terminalText } from './terminal-text';
import { EXIT, UsageError, type CliIO } from './types';

function overview(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'Usage: vpce-policy <command> [options]',
    '',
    'Design and check AWS VPC endpoint policies that enforce a data perimeter.',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run "vpce-policy <command> --help" for the options of a command.',
    'Exit codes: 0 ok, 1 the result has errors, 2 bad usage or input.',
    '',
  ].join('\n');
}

/** The same outside world, with every line written through `terminalText`. */
function escapingIO(io: CliIO): CliIO {
  return {
    ...io,
    stdout: (text) => io.stdout(terminalText(text)),
    stderr: (text) => io.stderr(terminalText(text)),
  };
}

export async function main(argv: readonly string[], outside: CliIO): Promise<number> {
  const io = escapingIO(outside);
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    (name === undefined ? io.stderr : io.stdout)(overview());
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.stderr(`vpce-policy: unknown command "${name}"\n\n${overview()}`);
    return EXIT.usage;
  }
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout(`${command.usage.trimEnd()}\n`);
    return EXIT.ok;
  }
  try {
    return await command.run(args, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`vpce-policy ${command.name}: ${error.message}\n`);
      return EXIT.usage;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`vpce-policy ${command.name}: ${message}\n`);
    return EXIT.usage;
  }
}
