/** The monospace font stack of code in the app: system fonts only, nothing fetched. */
export const monospaceFontStack = [
  'ui-monospace',
  'SFMono-Regular',
  'Menlo',
  'Consolas',
  '"Liberation Mono"',
  '"DejaVu Sans Mono"',
  'monospace',
].join(',');
