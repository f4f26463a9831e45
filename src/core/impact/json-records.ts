/**
 * A streaming splitter for the JSON documents that carry CloudTrail events: the files CloudTrail
 * delivers to S3 (`{"Records": [...]}`), `aws cloudtrail lookup-events` output (`{"Events": [...]}`),
 * CloudTrail Lake query results (`{"QueryResultRows": [...]}`), a JSON array of rows, or one
 * object per line. It finds where each record begins and ends without building it, so that a
 * file of any size is read in memory bounded by the largest record, and `JSON.parse` (native and
 * fast) reads one record at a time. A streaming JSON parser in JavaScript would build every value
 * and run several times slower than this.
 */

/** Keys of a top-level object whose array holds the records. */
const RECORD_LISTS = new Set(['Records', 'Events', 'QueryResultRows']);

/** CloudTrail events are at most a few hundred kB; anything far larger is not an event. */
export const MAX_RECORD_CHARACTERS = 8 * 1024 * 1024;

export interface RecordSink {
  /** The text of one record (an object, or an array for CloudTrail Lake rows). */
  record(text: string): void;
}

export type SplitterProblem =
  | { kind: 'not-json'; message: string }
  | { kind: 'record-too-large'; message: string }
  | { kind: 'stray-value'; message: string };

const QUOTE = 34;
const BACKSLASH = 92;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;

function isWhitespace(code: number): boolean {
  return code === 32 || code === 10 || code === 13 || code === 9 || code === 0xfeff;
}

export class JsonRecordSplitter {
  private depth = 0;
  private inString = false;
  /** Depth whose opening brackets start records, or -1 outside a record list. */
  private recordDepth = -1;
  /** Depth of the value being captured, or -1. */
  private captureDepth = -1;
  /** Text of the captured value from earlier chunks. */
  private pieces: string[] = [];
  private captured = 0;
  /** Whether the captured value is a top-level object that may yet turn out to hold a record list. */
  private capturingTop = false;
  /** A capture abandoned because it grew too large: skip to its end. */
  private skipping = false;
  /** The last string seen directly inside a top-level object, i.e. a key. */
  private keyStart = -1;
  private keyPieces: string[] = [];
  private lastKey = '';
  private stopped = false;
  private offset = 0;
  readonly problems: SplitterProblem[] = [];
  /** Records found so far. */
  records = 0;

  constructor(private readonly sink: RecordSink) {}

  /** Whether a problem made the rest of the input unreadable. */
  get failed(): boolean {
    return this.stopped;
  }

  // One loop over every character of hundreds of megabytes of CloudTrail, with the splitter's
  // state in locals, where a call per character would cost.
  // eslint-disable-next-line max-lines-per-function -- one hot loop, see above.
  push(chunk: string): void {
    if (this.stopped) return;
    let i = 0;
    let start = this.captureDepth >= 0 && !this.skipping ? 0 : -1;
    const length = chunk.length;
    while (i < length) {
      if (this.inString) {
        if (this.pendingEscape) {
          // The previous chunk ended with an escaping backslash: this character is escaped.
          this.pendingEscape = false;
          i++;
          continue;
        }
        const close = chunk.indexOf('"', i);
        if (close === -1) {
          this.pendingEscape = countBackslashes(chunk, length - 1, i) % 2 === 1;
          break;
        }
        if (countBackslashes(chunk, close - 1, i) % 2 === 1) {
          i = close + 1;
          continue;
        }
        this.inString = false;
        if (this.keyStart >= 0) {
          this.keyPieces.push(chunk.slice(this.keyStart, close));
          this.lastKey = this.keyPieces.join('');
          this.keyPieces = [];
          this.keyStart = -1;
        }
        i = close + 1;
        continue;
      }
      const code = chunk.charCodeAt(i);
      if (code === QUOTE) {
        this.inString = true;
        if (this.depth === 1 && this.recordDepth < 0 && this.capturingTop) {
          this.keyStart = i + 1;
          this.keyPieces = [];
        }
        i++;
        continue;
      }
      if (code === OPEN_BRACE || code === OPEN_BRACKET) {
        if (this.depth === 0) {
          if (code === OPEN_BRACKET) {
            this.recordDepth = 1;
          } else {
            this.captureDepth = 0;
            this.capturingTop = true;
            this.lastKey = '';
            start = i;
          }
        } else if (
          this.depth === 1 &&
          this.capturingTop &&
          code === OPEN_BRACKET &&
          RECORD_LISTS.has(this.lastKey)
        ) {
          // The top-level object is a container: its list holds the records.
          this.capturingTop = false;
          this.captureDepth = -1;
          this.pieces = [];
          this.captured = 0;
          start = -1;
          this.recordDepth = 2;
        } else if (this.depth === this.recordDepth && this.captureDepth < 0) {
          this.captureDepth = this.depth;
          this.skipping = false;
          start = i;
        }
        this.depth++;
        i++;
        continue;
      }
      if (code === CLOSE_BRACE || code === CLOSE_BRACKET) {
        if (this.depth === 0) {
          this.stop('not-json', `an unexpected "${chunk[i]}" at character ${this.offset + i}`);
          return;
        }
        this.depth--;
        if (this.depth === this.captureDepth) {
          if (!this.skipping) this.emit(chunk, start, i + 1);
          this.captureDepth = -1;
          this.capturingTop = false;
          this.skipping = false;
          start = -1;
        }
        if (this.depth === this.recordDepth - 1 && code === CLOSE_BRACKET) this.recordDepth = -1;
        i++;
        continue;
      }
      if (this.depth === 0 && !isWhitespace(code)) {
        this.stop(
          'not-json',
          `the text is not JSON: "${chunk.slice(i, i + 20).replace(/[^\x20-\x7e]/g, '?')}" at character ${this.offset + i}`,
        );
        return;
      }
      if (
        this.depth === this.recordDepth &&
        this.captureDepth < 0 &&
        code !== 44 &&
        !isWhitespace(code)
      ) {
        this.strayValue(i);
      }
      i++;
    }
    if (this.inString && this.keyStart >= 0) {
      // A key continues in the next chunk, from its first character.
      this.keyPieces.push(chunk.slice(this.keyStart));
      this.keyStart = 0;
    }
    if (this.captureDepth >= 0 && !this.skipping && start >= 0) {
      const piece = start === 0 ? chunk : chunk.slice(start);
      this.captured += piece.length;
      if (this.captured > MAX_RECORD_CHARACTERS) this.tooLarge();
      else this.pieces.push(piece);
    }
    this.offset += length;
  }

  private pendingEscape = false;

  /** Call at the end of the input; reports a truncated document. */
  end(): void {
    if (this.stopped) return;
    if (this.depth > 0 || this.inString) {
      this.problems.push({
        kind: 'not-json',
        message: `the text ends in the middle of ${this.records > 0 ? 'a record' : 'the document'} (truncated?) after ${this.records} complete record${this.records === 1 ? '' : 's'}`,
      });
    }
  }

  private emit(chunk: string, start: number, end: number): void {
    const tail = chunk.slice(start < 0 ? 0 : start, end);
    if (this.captured + tail.length > MAX_RECORD_CHARACTERS) {
      this.tooLarge();
      return;
    }
    const text = this.pieces.length > 0 ? this.pieces.join('') + tail : tail;
    this.pieces = [];
    this.captured = 0;
    this.records++;
    this.sink.record(text);
  }

  private tooLarge(): void {
    this.pieces = [];
    this.captured = 0;
    if (this.capturingTop) {
      this.stop(
        'record-too-large',
        `the document is one JSON value of more than ${MAX_RECORD_CHARACTERS / 1024 / 1024} MB with no "Records" list: not a CloudTrail file`,
      );
      return;
    }
    this.skipping = true;
    this.problems.push({
      kind: 'record-too-large',
      message: `a record of more than ${MAX_RECORD_CHARACTERS / 1024 / 1024} MB was skipped (after record ${this.records})`,
    });
  }

  private strayCount = 0;

  private strayValue(at: number): void {
    this.strayCount++;
    if (this.strayCount === 1)
      this.problems.push({
        kind: 'stray-value',
        message: `the record list holds a value that is not an object (character ${this.offset + at})`,
      });
  }

  private stop(kind: SplitterProblem['kind'], message: string): void {
    this.stopped = true;
    this.pieces = [];
    this.problems.push({ kind, message } as SplitterProblem);
  }
}

/** How many backslashes end at `index` (going back no further than `from`). */
function countBackslashes(text: string, index: number, from: number): number {
  let count = 0;
  while (index >= from && text.charCodeAt(index) === BACKSLASH) {
    count++;
    index--;
  }
  return count;
}
