/** Writing HCL values: strings with Terraform's escapes, so that no value is read as a template. */

/** A quoted HCL string; `${` and `%{` are doubled so that Terraform reads them literally. */
export function hclString(value: string): string {
  if (!/[\\"\n\r\t{]/.test(value)) return `"${value}"`;
  const escaped = value
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r')
    .replace(/\t/g, '\\t')
    .replace(/\$\{/g, '$${')
    .replace(/%\{/g, '%%{');
  return `"${escaped}"`;
}

/** A `# comment` line or lines, each line prefixed; newlines in the text cannot end the comment early. */
export function hclComment(text: string, indent = ''): string {
  return text
    .split('\n')
    .map((line) => `${indent}# ${line}`.trimEnd())
    .join('\n');
}

/** `key = value` lines with the `=` aligned, as `terraform fmt` writes them. */
export function hclAttributes(entries: readonly [string, string][], indent = '  '): string {
  const width = Math.max(...entries.map(([key]) => key.length));
  return entries.map(([key, value]) => `${indent}${key.padEnd(width)} = ${value}`).join('\n');
}
