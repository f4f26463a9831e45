/** Where a value sits in a JSON or YAML document (a configuration, a policy): keys and indexes. */
export type JsonPath = ReadonlyArray<string | number>;

/** `parameters.accountIds.glue-studio-transforms.us-east-1`, `Statement[2].Resource`, readable in messages. */
export function formatJsonPath(path: JsonPath): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(part)) out += out === '' ? part : `.${part}`;
    else out += `[${JSON.stringify(part)}]`;
  }
  return out === '' ? '(top level)' : out;
}
