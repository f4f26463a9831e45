/**
 * Text for a terminal, with the characters a terminal acts on instead of showing written as
 * `\uXXXX`: C0 controls but tab, newline and the carriage return of a CRLF line end (CSV output
 * ends its lines so), DEL, C1 controls (U+009B starts a control sequence like ESC [ on some
 * terminals), and the bidirectional marks, embeddings, overrides and isolates that reorder what is
 * shown. An ESC sequence in a Sid could clear the screen or recolour an error line, and a lone
 * carriage return could overwrite it. Policies, configurations and file names reach the terminal
 * through messages, so every line the CLI writes goes through this one function.
 *
 * Inside a JSON string, `\uXXXX` is the same character, so JSON output stays the same value.
 */
const ACTIVE_CHARACTERS =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]|\r(?!\n)/g;

export function terminalText(text: string): string {
  return text.replace(
    ACTIVE_CHARACTERS,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
