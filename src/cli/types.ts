/** What a CLI command receives: its arguments and the process's outside world, injectable for tests. */
export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Directory that relative paths are resolved against. */
  cwd: string;
  /** Whether stdout is a terminal (colour and tables) or a pipe. */
  isTTY: boolean;
}

export interface CliCommand {
  name: string;
  /** One line for `vpce-policy --help`. */
  summary: string;
  /** Full usage text for `vpce-policy <name> --help`. */
  usage: string;
  /** Returns the exit code: 0 ok, 1 findings (errors in a policy, failed expectations), 2 bad usage or input. */
  run(args: string[], io: CliIO): Promise<number>;
}

/** Exit codes shared by every command. */
export const EXIT = { ok: 0, findings: 1, usage: 2 } as const;

/** Thrown for bad usage or input; the message is printed as is, without a stack trace. */
export class UsageError extends Error {
  override name = 'UsageError';
}
