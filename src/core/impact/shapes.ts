/**
 * Requests aggregated into shapes: identical requests (same endpoint service, region, action,
 * principal, resource and accounts) are one shape with a count, the first and last time seen and
 * a count per day. Memory grows with the number of shapes, not of events: S3 object keys are
 * grouped by their first two folders, sessions by their role, endpoints kept as a short sample.
 */

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
  service: string;
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
  /** A sample of the endpoints that carried the shape. */
  endpoints: string[];
  /** Events of the shape that were management, data or network activity events. */
  categories: Record<string, number>;
}

const MAX_ENDPOINTS = 10;
const SEPARATOR = '\u0001';

export function shapeKey(request: ImpactRequest): string {
  return [
    request.service,
    request.region,
    request.action,
    request.principalKind,
    request.principalArn ?? '',
    request.principalAccount ?? '',
    request.servicePrincipal ?? '',
    request.resource,
    request.resourceAccount ?? '',
    request.resourceAccountFrom ?? '',
  ].join(SEPARATOR);
}

export interface ObservedEvent {
  count: number;
  /** ISO time; empty when unknown. */
  first: string;
  last: string;
  endpointId: string;
  deniedByEndpoint: boolean;
  category: string;
}

/** Adds one observation to a shape, creating it when new. */
export function addToShapes(
  shapes: Map<string, ImpactShape>,
  request: ImpactRequest,
  event: ObservedEvent,
): void {
  const key = shapeKey(request);
  let shape = shapes.get(key);
  if (!shape) {
    shape = {
      ...request,
      key,
      count: 0,
      deniedByEndpoint: 0,
      first: event.first,
      last: event.last,
      days: {},
      endpoints: [],
      categories: {},
    };
    shapes.set(key, shape);
  } else {
    if (event.first && (!shape.first || event.first < shape.first)) {
      shape.first = event.first;
      shape.resourceExample = request.resourceExample;
    } else if (event.first === shape.first && request.resourceExample < shape.resourceExample) {
      shape.resourceExample = request.resourceExample;
    }
    if (event.last > shape.last) shape.last = event.last;
  }
  shape.count += event.count;
  if (event.deniedByEndpoint) shape.deniedByEndpoint += event.count;
  const day = event.first.slice(0, 10);
  if (day) shape.days[day] = (shape.days[day] ?? 0) + event.count;
  shape.categories[event.category] = (shape.categories[event.category] ?? 0) + event.count;
  if (
    event.endpointId &&
    shape.endpoints.length < MAX_ENDPOINTS &&
    !shape.endpoints.includes(event.endpointId)
  )
    shape.endpoints.push(event.endpointId);
}

/** Merges a shape from another reader (another worker, another file) into the table. */
export function mergeShape(shapes: Map<string, ImpactShape>, other: ImpactShape): void {
  const shape = shapes.get(other.key);
  if (!shape) {
    shapes.set(other.key, {
      ...other,
      days: { ...other.days },
      endpoints: [...other.endpoints],
      categories: { ...other.categories },
    });
    return;
  }
  if (other.first && (!shape.first || other.first < shape.first)) {
    shape.first = other.first;
    shape.resourceExample = other.resourceExample;
  } else if (other.first === shape.first && other.resourceExample < shape.resourceExample) {
    shape.resourceExample = other.resourceExample;
  }
  if (other.last > shape.last) shape.last = other.last;
  shape.count += other.count;
  shape.deniedByEndpoint += other.deniedByEndpoint;
  for (const [day, count] of Object.entries(other.days))
    shape.days[day] = (shape.days[day] ?? 0) + count;
  for (const [category, count] of Object.entries(other.categories))
    shape.categories[category] = (shape.categories[category] ?? 0) + count;
  for (const endpoint of other.endpoints)
    if (shape.endpoints.length < MAX_ENDPOINTS && !shape.endpoints.includes(endpoint))
      shape.endpoints.push(endpoint);
}

/** Shapes in a stable order: most events first, then by key. */
export function sortedShapes(shapes: Iterable<ImpactShape>): ImpactShape[] {
  return [...shapes].sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : 1));
}
