/**
 * Requests aggregated into shapes: identical requests (same endpoint service, region, action,
 * principal, resource and accounts) are one shape with a count, the first and last time seen and
 * a count per day. Memory grows with the number of shapes, not of events: S3 object keys are
 * grouped by their first two folders, sessions by their role, endpoints kept as a short sample.
 */
import type { ServiceId } from '../catalog/ids';

export type PrincipalKind =
  | 'role'
  | 'user'
  | 'root'
  | 'federated-user'
  | 'account'
  | 'service'
  | 'anonymous'
  | 'web-identity'
  | 'saml-user';

/** Where the resource's account was read. */
export type ResourceAccountOrigin = 'resources' | 'arn' | 'recipient';

/** One request as the endpoint policy sees it, read from one event. */
export interface ImpactRequest {
  /** Endpoint service id, e.g. `s3`, `ecr.dkr`. */
  service: ServiceId;
  /** As the event says it: a region the catalog may not know. */
  region: string;
  /** IAM action, e.g. `s3:GetObject`. */
  action: string;
  principalKind: PrincipalKind;
  /** The role (for a session), user, root or federated user ARN. */
  principalArn?: string;
  principalAccount?: string;
  /** For an AWS service principal, e.g. `cloudformation.amazonaws.com`. */
  servicePrincipal?: string;
  /** The resource as grouped (`arn:aws:s3:::bucket/logs/2026/*`), or `*` when none is recorded. */
  resource: string;
  /** One full resource ARN of the group, evaluated for the whole shape. */
  resourceExample: string;
  resourceAccount?: string;
  resourceAccountFrom?: ResourceAccountOrigin;
}

export interface ImpactShape extends ImpactRequest {
  key: string;
  /** Events of this shape. */
  count: number;
  /** Events that the endpoint's current policy denied (`VpceAccessDenied`). */
  deniedByEndpoint: number;
  /** ISO times of the first and last event. */
  first: string;
  last: string;
  /** Events per UTC day (`YYYY-MM-DD`). */
  days: Record<string, number>;
  /** A sample of the endpoints that carried the shape: the smallest ids, sorted. */
  endpoints: string[];
  /** Events of the shape recorded as network activity events (`AwsVpceEvent`). */
  networkEvents: number;
}

const MAX_ENDPOINTS = 10;

export function shapeKey(request: ImpactRequest): string {
  // The principal ARN holds its account, and a service principal or an anonymous caller has no
  // ARN: one slot says who; a shorter key is hashed faster, once per event.
  const who =
    request.principalArn ??
    request.servicePrincipal ??
    (request.principalAccount !== undefined
      ? `${request.principalKind}:${request.principalAccount}`
      : request.principalKind);
  const owner =
    request.resourceAccount !== undefined
      ? `${request.resourceAccount}${request.resourceAccountFrom?.[0] ?? ''}`
      : '';
  return `${request.service}\u0001${request.region}\u0001${request.action}\u0001${who}\u0001${request.resource}\u0001${owner}`;
}

export interface ObservedEvent {
  count: number;
  /** ISO time; empty when unknown. */
  first: string;
  last: string;
  endpointId: string;
  deniedByEndpoint: boolean;
  /** A network activity event. */
  network: boolean;
}

/**
 * A shape while events are added. Days go to a Map (objects with keys added in a different order
 * for each shape would each get their own hidden classes); the current day is counted apart, since
 * a file's events come in time order and most events fall on the day of the one before.
 */
export interface ShapeAccumulator extends Omit<ImpactShape, 'days'> {
  days: Map<string, number>;
  currentDay: string;
  currentDayCount: number;
}

function accumulatorOf(
  request: ImpactRequest,
  key: string,
  first: string,
  last: string,
): ShapeAccumulator {
  // Every field written in one literal, absent ones as undefined: one hidden class for all shapes.
  return {
    service: request.service,
    region: request.region,
    action: request.action,
    principalKind: request.principalKind,
    principalArn: request.principalArn,
    principalAccount: request.principalAccount,
    servicePrincipal: request.servicePrincipal,
    resource: request.resource,
    resourceExample: request.resourceExample,
    resourceAccount: request.resourceAccount,
    resourceAccountFrom: request.resourceAccountFrom,
    key,
    count: 0,
    deniedByEndpoint: 0,
    networkEvents: 0,
    first,
    last,
    days: new Map(),
    currentDay: '',
    currentDayCount: 0,
    endpoints: [],
  };
}

/**
 * Notes a value in a sample that keeps the `size` smallest values: the sample is then the same
 * whatever the order the files were read in, and however they were spread over threads.
 */
export function noteInSample(sample: string[], value: string, size: number): void {
  if (sample.includes(value)) return;
  if (sample.length < size) {
    sample.push(value);
    return;
  }
  let largest = 0;
  for (let i = 1; i < sample.length; i++) if (sample[i]! > sample[largest]!) largest = i;
  if (value < sample[largest]!) sample[largest] = value;
}

function noteEndpoint(endpoints: string[], id: string): void {
  noteInSample(endpoints, id, MAX_ENDPOINTS);
}

function addCount(map: Map<string, number>, key: string, count: number): void {
  map.set(key, (map.get(key) ?? 0) + count);
}

function countDay(shape: ShapeAccumulator, time: string, count: number): void {
  if (time.length < 10) return;
  if (shape.currentDayCount > 0 && time.startsWith(shape.currentDay)) {
    shape.currentDayCount += count;
    return;
  }
  if (shape.currentDayCount > 0) addCount(shape.days, shape.currentDay, shape.currentDayCount);
  shape.currentDay = time.slice(0, 10);
  shape.currentDayCount = count;
}

function noteTimes(shape: ShapeAccumulator, first: string, last: string, example: string): void {
  if (first && (!shape.first || first < shape.first)) {
    shape.first = first;
    shape.resourceExample = example;
  } else if (first === shape.first && example < shape.resourceExample) {
    shape.resourceExample = example;
  }
  if (last > shape.last) shape.last = last;
}

/** Adds one observation to a shape, creating it when new. */
export function addToShapes(
  shapes: Map<string, ShapeAccumulator>,
  request: ImpactRequest,
  event: ObservedEvent,
): void {
  const key = shapeKey(request);
  let shape = shapes.get(key);
  if (!shape) {
    shape = accumulatorOf(request, key, event.first, event.last);
    shapes.set(key, shape);
  } else {
    noteTimes(shape, event.first, event.last, request.resourceExample);
  }
  shape.count += event.count;
  if (event.deniedByEndpoint) shape.deniedByEndpoint += event.count;
  if (event.network) shape.networkEvents += event.count;
  countDay(shape, event.first, event.count);
  if (event.endpointId) noteEndpoint(shape.endpoints, event.endpointId);
}

/** Merges a shape from another reader (another worker, another file) into the table. */
export function mergeShape(shapes: Map<string, ShapeAccumulator>, other: ImpactShape): void {
  let shape = shapes.get(other.key);
  if (!shape) {
    shape = accumulatorOf(other, other.key, other.first, other.last);
    shapes.set(other.key, shape);
  } else {
    noteTimes(shape, other.first, other.last, other.resourceExample);
  }
  shape.count += other.count;
  shape.deniedByEndpoint += other.deniedByEndpoint;
  shape.networkEvents += other.networkEvents;
  for (const [day, count] of Object.entries(other.days)) addCount(shape.days, day, count);
  for (const endpoint of other.endpoints) noteEndpoint(shape.endpoints, endpoint);
}

/**
 * The finished shape, with a plain record of days. Absent optional fields are left out by
 * building the object field by field, never by deleting: an object with deleted properties
 * falls back to slow property access, and the report reads every shape many times.
 */
export function finishShape(shape: ShapeAccumulator): ImpactShape {
  const all = new Map(shape.days);
  if (shape.currentDayCount > 0) addCount(all, shape.currentDay, shape.currentDayCount);
  const finished = {
    service: shape.service,
    region: shape.region,
    action: shape.action,
    principalKind: shape.principalKind,
  } as ImpactShape;
  if (shape.principalArn !== undefined) finished.principalArn = shape.principalArn;
  if (shape.principalAccount !== undefined) finished.principalAccount = shape.principalAccount;
  if (shape.servicePrincipal !== undefined) finished.servicePrincipal = shape.servicePrincipal;
  finished.resource = shape.resource;
  finished.resourceExample = shape.resourceExample;
  if (shape.resourceAccount !== undefined) finished.resourceAccount = shape.resourceAccount;
  if (shape.resourceAccountFrom !== undefined)
    finished.resourceAccountFrom = shape.resourceAccountFrom;
  finished.key = shape.key;
  finished.count = shape.count;
  finished.deniedByEndpoint = shape.deniedByEndpoint;
  finished.networkEvents = shape.networkEvents;
  finished.first = shape.first;
  finished.last = shape.last;
  finished.endpoints = [...shape.endpoints].sort();
  finished.days = Object.fromEntries([...all].sort(([a], [b]) => (a < b ? -1 : 1)));
  return finished;
}

/** Shapes in a stable order: most events first, then by key. */
export function sortedShapes(shapes: Iterable<ImpactShape>): ImpactShape[] {
  return [...shapes].sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : 1));
}
