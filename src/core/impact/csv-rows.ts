/**
 * An incremental CSV reader (RFC 4180: quoted fields, doubled quotes, CRLF or LF) for Athena and
 * CloudTrail Lake query results. It takes text in chunks of any size and hands over complete rows,
 * in memory bounded by one row, the same way in Node and in a browser worker; the CSV libraries
 * that stream do so through Node streams, which the browser does not have.
 */

/** A query result row wider than this is not a CloudTrail row. */
export const MAX_CSV_ROW_CHARACTERS = 4 * 1024 * 1024;
const MAX_FIELDS = 512;

export class CsvRowReader {
  private field: string[] = [];
  private row: string[] = [];
  private rowCharacters = 0;
  private quoted = false;
  /** Inside quotes, a quote was just seen: it is either the closing quote or half of `""`. */
  private quotePending = false;
  /** Whether the current field has started (distinguishes an empty last field from no field). */
  private fieldStarted = false;
  private skipRow = false;
  private lastWasCarriageReturn = false;
  /** Rows skipped because they were too wide. */
  oversizedRows = 0;

  constructor(private readonly onRow: (fields: string[]) => void) {}

  push(chunk: string): void {
    let i = 0;
    const length = chunk.length;
    while (i < length) {
      if (this.quoted) {
        if (this.quotePending) {
          this.quotePending = false;
          if (chunk.charCodeAt(i) === 34) {
            this.append('"');
            i++;
            continue;
          }
          this.quoted = false;
          continue;
        }
        const close = chunk.indexOf('"', i);
        if (close === -1) {
          this.append(chunk.slice(i));
          return;
        }
        if (close > i) this.append(chunk.slice(i, close));
        this.quotePending = true;
        i = close + 1;
        continue;
      }
      const code = chunk.charCodeAt(i);
      if (code === 10 && this.lastWasCarriageReturn) {
        this.lastWasCarriageReturn = false;
        i++;
        continue;
      }
      this.lastWasCarriageReturn = false;
      if (code === 34 && !this.fieldStarted) {
        this.quoted = true;
        this.fieldStarted = true;
        i++;
      } else if (code === 44) {
        this.endField();
        i++;
      } else if (code === 10 || code === 13) {
        this.lastWasCarriageReturn = code === 13;
        this.endRow();
        i++;
      } else {
        let j = i;
        while (j < length) {
          const c = chunk.charCodeAt(j);
          if (c === 44 || c === 10 || c === 13) break;
          j++;
        }
        this.fieldStarted = true;
        this.append(chunk.slice(i, j));
        i = j;
      }
    }
  }

  /** Ends the input: a last row without a final newline still counts. */
  end(): void {
    if (this.quotePending) {
      this.quotePending = false;
      this.quoted = false;
    }
    if (this.fieldStarted || this.row.length > 0) this.endRow();
  }

  /** Whether the input ended inside a quoted field. */
  get unterminated(): boolean {
    return this.quoted && !this.quotePending;
  }

  private append(text: string): void {
    if (this.skipRow) return;
    this.rowCharacters += text.length;
    if (this.rowCharacters > MAX_CSV_ROW_CHARACTERS) {
      this.skipRow = true;
      this.field = [];
      this.row = [];
      return;
    }
    this.field.push(text);
  }

  private endField(): void {
    if (!this.skipRow) {
      if (this.row.length >= MAX_FIELDS) {
        this.skipRow = true;
        this.row = [];
      } else {
        this.row.push(this.field.length === 1 ? this.field[0]! : this.field.join(''));
      }
    }
    this.field = [];
    this.fieldStarted = false;
  }

  private endRow(): void {
    this.endField();
    if (this.skipRow) this.oversizedRows++;
    else if (!(this.row.length === 1 && this.row[0] === '')) this.onRow(this.row);
    this.row = [];
    this.rowCharacters = 0;
    this.skipRow = false;
  }
}
