/**
 * Reads one input file of any supported kind, in chunks: CloudTrail log files (`{"Records": ...}`),
 * `lookup-events` output, CloudTrail Lake and Athena results as JSON or CSV. Bytes come already
 * decompressed (the CLI gunzips with zlib, the browser with DecompressionStream). A file that is
 * not one of these kinds stops with a message; the run goes on with the next file.
 */
import { canonicalColumns, type EventCollector } from './collect';
import { CsvRowReader } from './csv-rows';
import { JsonRecordSplitter } from './json-records';

export type TrailFormat = 'json' | 'csv';

export interface TrailFileResult {
  format?: TrailFormat;
  /** Records (or rows) read from the file. */
  records: number;
  /** What was wrong with the file, in words; a fatal one stopped reading it. */
  problems: string[];
  /** Whether reading stopped before the end. */
  stopped: boolean;
}

/** Whether the bytes start like a gzip stream (RFC 1952 magic). */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** Whether the start of a file is binary rather than text (NUL or many control characters). */
function looksBinary(text: string): boolean {
  const sample = text.slice(0, 4096);
  let control = 0;
  for (let i = 0; i < sample.length; i++) {
    const code = sample.charCodeAt(i);
    if (code === 0) return true;
    if (code < 32 && code !== 9 && code !== 10 && code !== 13) control++;
    if (code === 0xfffd) control++;
  }
  return control > sample.length / 20;
}

/**
 * A platform's fast decoder for bytes that are all ASCII (Node's `isAscii` and `latin1`), which
 * returns undefined for any other bytes. CloudTrail files are almost always ASCII, and the UTF-8
 * decoder took a quarter of a run.
 */
export type AsciiDecoder = (bytes: Uint8Array) => string | undefined;

export class TrailFileReader {
  private readonly decoder = new TextDecoder('utf-8');
  /** Once a chunk is not ASCII the UTF-8 decoder keeps the rest: it may hold a partial character. */
  private utf8 = false;
  private splitter: JsonRecordSplitter | undefined;
  private csv: CsvRowReader | undefined;
  private columns: string[] | undefined;
  private rows = 0;
  private format: TrailFormat | undefined;
  private readonly problems: string[] = [];
  private fatal = false;
  private started = false;

  constructor(
    private readonly collector: EventCollector,
    private readonly asciiDecoder?: AsciiDecoder,
  ) {}

  /** Whether a problem stopped reading: the caller can stop feeding the file. */
  get stopped(): boolean {
    return this.fatal || (this.splitter?.failed ?? false);
  }

  pushBytes(bytes: Uint8Array): void {
    if (this.stopped) return;
    if (!this.utf8 && this.asciiDecoder) {
      const text = this.asciiDecoder(bytes);
      if (text !== undefined) {
        this.pushText(text);
        return;
      }
      this.utf8 = true;
    }
    this.pushText(this.decoder.decode(bytes, { stream: true }));
  }

  pushText(text: string): void {
    if (this.stopped || text.length === 0) return;
    if (!this.started) {
      const first = text.trimStart();
      if (first.length === 0) return;
      this.started = true;
      if (looksBinary(text)) {
        this.stop(
          'the file is binary, not text: not a CloudTrail log file, query result or lookup-events output (a compressed file must be gzip)',
        );
        return;
      }
      const lead = first.charCodeAt(0) === 0xfeff ? first[1] : first[0];
      if (lead === '{' || lead === '[') {
        this.format = 'json';
        this.splitter = new JsonRecordSplitter({
          record: (recordText) => this.collector.addRecordText(recordText),
        });
      } else {
        this.format = 'csv';
        this.csv = new CsvRowReader((fields) => this.row(fields));
      }
    }
    if (this.splitter) this.splitter.push(text);
    else this.csv?.push(text);
  }

  private row(fields: string[]): void {
    if (this.fatal) return;
    if (!this.columns) {
      const columns = canonicalColumns(fields);
      if (!columns.includes('eventsource') || !columns.includes('eventname')) {
        this.stop(
          `not CloudTrail: the first line is neither JSON nor a query result header with eventsource and eventname columns ("${fields.join(',').slice(0, 60)}")`,
        );
        return;
      }
      this.columns = columns;
      return;
    }
    const row: Record<string, string> = {};
    this.columns.forEach((name, i) => {
      row[name] = fields[i] ?? '';
    });
    this.rows++;
    this.collector.addRow(row);
  }

  private stop(message: string): void {
    this.fatal = true;
    this.problems.push(message);
  }

  /** Ends the file; returns what was read and what was wrong. */
  end(): TrailFileResult {
    if (!this.fatal) this.pushText(this.decoder.decode());
    if (this.splitter) {
      this.splitter.end();
      for (const problem of this.splitter.problems) this.problems.push(problem.message);
    }
    if (this.csv && !this.fatal) {
      this.csv.end();
      if (this.csv.unterminated)
        this.problems.push('the file ends inside a quoted field (truncated?)');
      if (this.csv.oversizedRows > 0)
        this.problems.push(`${this.csv.oversizedRows} rows wider than 4 MB were skipped`);
    }
    if (!this.started && !this.fatal) this.problems.push('the file is empty');
    const result: TrailFileResult = {
      records: this.splitter?.records ?? this.rows,
      problems: this.problems,
      stopped: this.stopped,
    };
    if (this.format) result.format = this.format;
    return result;
  }
}
