/**
 * Reads events into shapes. Records come as JSON text (from the splitter), as parsed values
 * (a CloudTrail event, a `lookup-events` entry, a CloudTrail Lake row) or as flat query result
 * rows; every one is counted, and one that cannot be mapped is counted under its reason with a
 * few examples, never dropped silently.
 */
import type { ServiceId } from '../catalog/ids';
import type { EndpointEntry } from './endpoints';
import { mapEvent, type EventFields } from './event-request';
import {
  addToShapes,
  finishShape,
  mergeShape,
  noteInSample,
  type ImpactShape,
  type ShapeAccumulator,
} from './shapes';

export interface UnmappedEvents {
  reason: string;
  count: number;
  /** A few events, as `eventSource eventName (eventID)`. */
  examples: string[];
}

/** Everything read from the inputs, before any policy is consulted. */
export interface ImpactCollection {
  shapes: ImpactShape[];
  unmapped: UnmappedEvents[];
  /** Events that did not go through an endpoint, by eventSource. */
  withoutEndpoint: Record<string, number>;
  /** Events read (a query result row counts for the events it aggregates). */
  events: number;
}

const MAX_EXAMPLES = 3;
const MAX_REASONS = 200;
const MAX_SOURCES = 500;

type Json = Record<string, unknown>;

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function object(value: unknown): Json | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Json)
    : undefined;
}

function resourcesOf(value: unknown): EventFields['resources'] {
  if (typeof value === 'string') {
    if (!value.startsWith('[')) return [];
    try {
      value = JSON.parse(value);
    } catch {
      return [];
    }
  }
  if (!Array.isArray(value)) return [];
  const out: { arn: string; accountId: string; type: string }[] = [];
  for (const entry of value.slice(0, 20)) {
    const r = object(entry);
    if (!r) continue;
    out.push({
      arn: text(r.ARN ?? r.arn),
      accountId: text(r.accountId ?? r.accountid),
      type: text(r.type),
    });
  }
  return out;
}

function requestParametersOf(value: unknown): Json | undefined {
  if (typeof value === 'string') {
    if (!value.startsWith('{')) return undefined;
    try {
      return object(JSON.parse(value));
    } catch {
      return undefined;
    }
  }
  return object(value);
}

/** Fields of an event as CloudTrail writes it. */
export function fieldsOfEvent(event: Json): EventFields {
  const identity = object(event.userIdentity);
  const issuer = object(object(identity?.sessionContext)?.sessionIssuer);
  const parameters = object(event.requestParameters);
  const time = text(event.eventTime);
  return {
    eventSource: text(event.eventSource),
    eventName: text(event.eventName),
    awsRegion: text(event.awsRegion),
    eventTime: time,
    eventCategory: text(event.eventCategory),
    errorCode: text(event.errorCode),
    vpcEndpointId: text(event.vpcEndpointId),
    recipientAccountId: text(event.recipientAccountId),
    identityType: text(identity?.type),
    identityArn: text(identity?.arn),
    identityAccount: text(identity?.accountId),
    invokedBy: text(identity?.invokedBy),
    sessionIssuerArn: text(issuer?.arn),
    resources: resourcesOf(event.resources),
    bucketName: text(parameters?.bucketName),
    objectKey: text(parameters?.key),
    count: 1,
    first: time,
    last: time,
  };
}

/** A column name reduced to letters and digits, so that `userIdentity.arn` and `useridentity_arn` agree. */
export function normalizeColumn(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

const COLUMN_ALIASES: Record<string, string> = {
  type: 'useridentitytype',
  arn: 'useridentityarn',
  accountid: 'useridentityaccountid',
  invokedby: 'useridentityinvokedby',
  useridentitysessioncontextsessionissuerarn: 'sessionissuerarn',
  events: 'count',
  eventcount: 'count',
  firstseen: 'firsttime',
  lastseen: 'lasttime',
  firsteventtime: 'firsttime',
  lasteventtime: 'lasttime',
  key: 'objectkey',
  requestparametersbucketname: 'bucketname',
  requestparameterskey: 'objectkey',
};

/** Normalized column names of a query result header, with the aliases resolved. */
export function canonicalColumns(header: readonly string[]): string[] {
  return header.map((name) => {
    const normalized = normalizeColumn(name);
    return COLUMN_ALIASES[normalized] ?? normalized;
  });
}

/** Fields of a flat query result row, keyed by canonical column names. */
export function fieldsOfRow(row: Readonly<Record<string, string>>): EventFields | string {
  const count = row.count === undefined || row.count === '' ? 1 : Number(row.count);
  if (!Number.isSafeInteger(count) || count < 1)
    return `the count column holds "${String(row.count).slice(0, 20)}", not a number of events`;
  const parameters = requestParametersOf(row.requestparameters);
  const time = row.eventtime ?? '';
  return {
    eventSource: row.eventsource ?? '',
    eventName: row.eventname ?? '',
    awsRegion: row.awsregion ?? '',
    eventTime: time,
    eventCategory: row.eventcategory ?? '',
    errorCode: row.errorcode ?? '',
    vpcEndpointId: row.vpcendpointid ?? '',
    recipientAccountId: row.recipientaccountid ?? '',
    identityType: row.useridentitytype ?? '',
    identityArn: row.useridentityarn ?? '',
    identityAccount: row.useridentityaccountid ?? '',
    invokedBy: row.useridentityinvokedby ?? '',
    sessionIssuerArn: row.sessionissuerarn ?? '',
    resources: resourcesOf(row.resources ?? ''),
    bucketName: row.bucketname ?? text(parameters?.bucketName),
    objectKey: row.examplekey ?? row.objectkey ?? text(parameters?.key),
    count,
    first: row.firsttime ?? time,
    last: row.lasttime ?? time,
  };
}

function flatRow(value: Json): Record<string, string> {
  const row: Record<string, string> = {};
  const keys = Object.keys(value);
  const names = canonicalColumns(keys);
  keys.forEach((key, i) => {
    const cell = value[key];
    row[names[i]!] =
      typeof cell === 'string'
        ? cell
        : typeof cell === 'number'
          ? String(cell)
          : cell === null || cell === undefined
            ? ''
            : JSON.stringify(cell);
  });
  return row;
}

/** How a record of a CloudTrail log file starts: compact JSON, eventVersion then userIdentity. */
const CLOUDTRAIL_RECORD_START = /^\{"eventVersion":"[0-9.]{1,10}","userIdentity":\{/;

/**
 * The value of the first `"key":"` in the text when it is a plain, non-empty string (no escape,
 * short), else undefined.
 */
function plainString(text: string, keyAndQuote: string): string | undefined {
  const at = text.indexOf(keyAndQuote);
  if (at < 0) return undefined;
  const start = at + keyAndQuote.length;
  const end = text.indexOf('"', start);
  if (end <= start || end - start > 200) return undefined;
  return text.slice(start, end);
}

/** Collects events of one run into shapes; one instance per worker or per browser run. */
export class EventCollector {
  private readonly shapes = new Map<string, ShapeAccumulator>();
  private readonly unmapped = new Map<string, UnmappedEvents>();
  private readonly withoutEndpoint = new Map<string, number>();
  events = 0;

  constructor(
    private readonly knownService: (id: string) => ServiceId | undefined,
    /** The endpoint inventory, when there is one. */
    private readonly endpoints?: ReadonlyMap<string, EndpointEntry>,
  ) {}

  /** One record as JSON text. */
  addRecordText(recordText: string): void {
    if (CLOUDTRAIL_RECORD_START.test(recordText) && this.countWithoutParsing(recordText)) return;
    let value: unknown;
    try {
      value = JSON.parse(recordText);
    } catch (error) {
      this.events++;
      this.count(`a record is not valid JSON (${(error as Error).message.slice(0, 80)})`, 1, '');
      return;
    }
    this.addValue(value);
  }

  /**
   * Counts a record as CloudTrail writes it that went through no endpoint, without parsing it:
   * such events are only counted by eventSource, and in a real trail they are most of them. The
   * text is searched for the endpoint's key; anything unusual (an escape, a missing or odd field)
   * leaves the record to the parser. Returns whether the record was counted.
   */
  private countWithoutParsing(text: string): boolean {
    // An escaped character could spell a key in a way a search for its name would miss.
    if (text.includes('vpcEndpointId') || text.includes('\\')) return false;
    // The record is read as an event (userIdentity is an object), whose only endpoint field is
    // vpcEndpointId; userIdentity comes first and holds no such keys: the first are the event's.
    const source = plainString(text, '"eventSource":"');
    if (source === undefined || plainString(text, '"eventName":"') === undefined) return false;
    this.events++;
    this.countWithoutEndpoint(source, 1);
    return true;
  }

  /** One parsed record: an event, a `lookup-events` entry or a CloudTrail Lake row. */
  addValue(value: unknown): void {
    if (Array.isArray(value)) {
      // CloudTrail Lake rows are lists of one-key objects: [{"eventSource": ...}, ...].
      const merged: Json = {};
      for (const cell of value.slice(0, 200)) Object.assign(merged, object(cell) ?? {});
      value = merged;
    }
    const record = object(value);
    if (!record) {
      this.events++;
      this.count('a record is not a JSON object', 1, '');
      return;
    }
    if (typeof record.CloudTrailEvent === 'string') {
      this.addRecordText(record.CloudTrailEvent);
      return;
    }
    if (object(record.userIdentity) || typeof record.eventSource === 'string') {
      this.addFields(fieldsOfEvent(record));
      return;
    }
    this.addRow(flatRow(record));
  }

  /** One flat query result row keyed by canonical column names. */
  addRow(row: Readonly<Record<string, string>>): void {
    const fields = fieldsOfRow(row);
    if (typeof fields === 'string') {
      this.events++;
      this.count(fields, 1, '');
    } else this.addFields(fields);
  }

  addFields(fields: EventFields): void {
    this.events += fields.count;
    const mapped = mapEvent(fields, this.knownService, this.endpoints);
    if ('request' in mapped) {
      addToShapes(this.shapes, mapped.request, {
        count: fields.count,
        first: fields.first,
        last: fields.last,
        endpointId: mapped.endpointId,
        deniedByEndpoint: mapped.deniedByEndpoint,
        network: fields.eventCategory === 'NetworkActivity',
      });
    } else if ('skip' in mapped) {
      this.countWithoutEndpoint(fields.eventSource, fields.count);
    } else {
      this.countMapped(mapped.problem, fields);
    }
  }

  private countWithoutEndpoint(source: string, events: number): void {
    if (this.withoutEndpoint.has(source) || this.withoutEndpoint.size < MAX_SOURCES)
      this.withoutEndpoint.set(source, (this.withoutEndpoint.get(source) ?? 0) + events);
    else this.withoutEndpoint.set('(other)', (this.withoutEndpoint.get('(other)') ?? 0) + events);
  }

  private countMapped(reason: string, fields: EventFields): void {
    this.count(reason, fields.count, `${fields.eventSource} ${fields.eventName}`.trim());
  }

  /** Counts events that could not be read or mapped, under their reason. */
  count(reason: string, events: number, example: string): void {
    let entry = this.unmapped.get(reason);
    if (!entry) {
      if (this.unmapped.size >= MAX_REASONS) {
        reason = 'other reasons (too many distinct reasons to list)';
        entry = this.unmapped.get(reason);
      }
      if (!entry) {
        entry = { reason, count: 0, examples: [] };
        this.unmapped.set(reason, entry);
      }
    }
    entry.count += events;
    if (example) noteInSample(entry.examples, example.slice(0, 120), MAX_EXAMPLES);
  }

  /** Merges what another collector read (another worker). */
  merge(other: ImpactCollection): void {
    for (const shape of other.shapes) mergeShape(this.shapes, shape);
    for (const entry of other.unmapped)
      for (let i = 0; i < Math.max(1, entry.examples.length); i++)
        this.count(entry.reason, i === 0 ? entry.count : 0, entry.examples[i] ?? '');
    for (const [source, count] of Object.entries(other.withoutEndpoint))
      this.withoutEndpoint.set(source, (this.withoutEndpoint.get(source) ?? 0) + count);
    this.events += other.events;
  }

  /** Number of shapes so far. */
  get shapeCount(): number {
    return this.shapes.size;
  }

  result(): ImpactCollection {
    return {
      shapes: [...this.shapes.values()].map(finishShape),
      unmapped: [...this.unmapped.values()]
        .map((entry) => ({ ...entry, examples: [...entry.examples].sort() }))
        .sort((a, b) => b.count - a.count || (a.reason < b.reason ? -1 : 1)),
      withoutEndpoint: Object.fromEntries(this.withoutEndpoint),
      events: this.events,
    };
  }
}
