/**
 * From a CloudTrail event's `eventSource` and `eventName` to the IAM action the request was
 * authorized as and the endpoint service it travelled through. Most events name their action
 * (`kms.amazonaws.com` + `Decrypt` is `kms:Decrypt`); the exceptions are data with a source each,
 * in `event-actions.json`.
 */
import type { ServiceId } from '../catalog/ids';
import table from './event-actions.json';

interface ActionEntry {
  eventSource: string;
  eventName: string;
  action: string;
  resource?: 'object' | 'bucket' | 'none';
  endpointService?: string;
  source: string;
}

interface EventSourceEntry {
  eventSource: string;
  prefix: string;
  endpointService: string;
  source: string;
}

const actions = new Map<string, ActionEntry>(
  (table.actions as ActionEntry[]).map((entry) => [
    `${entry.eventSource} ${entry.eventName}`,
    entry,
  ]),
);
const eventSources = new Map<string, EventSourceEntry>(
  (table.eventSources as EventSourceEntry[]).map((entry) => [entry.eventSource, entry]),
);
const versionSuffixes = new Map<string, RegExp>(
  table.versionSuffixes.map((entry) => [entry.eventSource, new RegExp(entry.pattern)]),
);
const s3ObjectEvents = new Set<string>(table.s3ObjectEvents.eventNames);

/** Sources of the table, by id: a label and a URL. */
export const eventActionSources: Readonly<Record<string, { label: string; url: string }>> =
  table.sources;

export interface EventAction {
  /** The IAM action, e.g. `s3:ListBucket`. */
  action: string;
  /** The endpoint service the request goes through, e.g. `s3`, `ecr.dkr`. */
  endpointService: ServiceId;
  /** For S3: whether the request acts on an object, a bucket or neither. */
  s3Resource?: 'object' | 'bucket' | 'none';
  /** The table entry's source id when the event's names differ from the action's. */
  source?: string;
}

const EVENT_SOURCE = /^([a-z0-9][a-z0-9.-]*)\.amazonaws\.com$/;
const EVENT_NAME = /^[A-Za-z][A-Za-z0-9]{0,127}$/;

/**
 * The action and endpoint service of an event, or the reason there is none. `knownService` gives
 * the catalog's id of an endpoint service name, if it has one.
 */
export function eventAction(
  eventSource: string,
  eventName: string,
  knownService: (id: string) => ServiceId | undefined,
): EventAction | { problem: string } {
  const host = EVENT_SOURCE.exec(eventSource);
  if (!host) return { problem: `the eventSource "${eventSource}" is not an AWS service endpoint` };
  if (!EVENT_NAME.test(eventName))
    return { problem: `the eventName "${eventName.slice(0, 60)}" is not an API name` };
  const entry = actions.get(`${eventSource} ${eventName}`);
  const sourceEntry = eventSources.get(eventSource);
  const prefix = sourceEntry?.prefix ?? host[1]!;
  const named = entry?.endpointService ?? sourceEntry?.endpointService ?? host[1]!;
  const endpointService = knownService(named) ?? knownService(`${named}.api`);
  if (endpointService === undefined)
    return { problem: `no VPC endpoint service is known for ${eventSource}` };
  let name = eventName;
  const suffix = versionSuffixes.get(eventSource);
  if (!entry && suffix) {
    const match = suffix.exec(eventName);
    if (match) name = match[1]!;
  }
  const result: EventAction = { action: entry?.action ?? `${prefix}:${name}`, endpointService };
  if (entry) result.source = entry.source;
  else if (sourceEntry) result.source = sourceEntry.source;
  if (eventSource === 's3.amazonaws.com')
    result.s3Resource = entry?.resource ?? (s3ObjectEvents.has(eventName) ? 'object' : 'bucket');
  return result;
}
