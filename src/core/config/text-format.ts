/** The text formats of the files the tool reads from a user, and how a file name tells them. */
export type ConfigTextFormat = 'json' | 'yaml';

/** Guesses the format from a file name: `.yaml`/`.yml` is YAML, anything else JSON (comments allowed). */
export function configFormatFor(fileName: string): ConfigTextFormat {
  return /\.ya?ml$/i.test(fileName) ? 'yaml' : 'json';
}
