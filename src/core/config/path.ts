/** A field of a configuration as a list of keys and indexes. */
export type ConfigPath = ReadonlyArray<string | number>;

/** `parameters.accountIds.glue-studio-transforms.us-east-1`, `regions[2]`, readable in messages. */
export function formatConfigPath(path: ConfigPath): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(part)) out += out === '' ? part : `.${part}`;
    else out += `[${JSON.stringify(part)}]`;
  }
  return out === '' ? '(top level)' : out;
}
