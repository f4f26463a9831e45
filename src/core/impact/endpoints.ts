/**
 * The endpoint inventory: which endpoint service and region each VPC endpoint serves, read from
 * `aws ec2 describe-vpc-endpoints` output (`{"VpcEndpoints": [...]}`) or a list of
 * `{"id", "service", "region"}`. With it, an event's endpoint says which policy it went through
 * (an ECR pull through ecr.dkr or ecr.api, say) rather than its eventSource.
 */
export interface EndpointEntry {
  service: string;
  region: string;
}

const ENDPOINT_ID = /^vpce-[0-9a-f]{8,17}$/;
const SERVICE_NAME = /^com\.amazonaws\.([a-z]{2,4}(?:-[a-z]+)+-\d+)\.([a-z0-9][a-z0-9.-]*)$/;
const MAX_ENDPOINTS = 100_000;

export interface EndpointsRead {
  endpoints: Map<string, EndpointEntry>;
  problems: string[];
}

/** Reads an inventory; entries that cannot be read are counted in the problems, not dropped silently. */
export function parseEndpointsText(text: string): EndpointsRead {
  const endpoints = new Map<string, EndpointEntry>();
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { endpoints, problems: [`not valid JSON: ${(error as Error).message}`] };
  }
  const list = Array.isArray(value)
    ? value
    : typeof value === 'object' &&
        value !== null &&
        Array.isArray((value as { VpcEndpoints?: unknown }).VpcEndpoints)
      ? (value as { VpcEndpoints: unknown[] }).VpcEndpoints
      : undefined;
  if (!list)
    return {
      endpoints,
      problems: [
        'expected the output of "aws ec2 describe-vpc-endpoints" ({"VpcEndpoints": [...]}) or a list of {"id", "service", "region"}',
      ],
    };
  let unreadable = 0;
  for (const entry of list.slice(0, MAX_ENDPOINTS)) {
    const record = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<
      string,
      unknown
    >;
    const id = record.VpcEndpointId ?? record.id;
    let service = record.service;
    let region = record.region;
    if (typeof record.ServiceName === 'string') {
      const match = SERVICE_NAME.exec(record.ServiceName);
      if (match) {
        region = match[1];
        service = match[2];
      }
    }
    if (
      typeof id === 'string' &&
      ENDPOINT_ID.test(id) &&
      typeof service === 'string' &&
      typeof region === 'string'
    )
      endpoints.set(id, { service, region });
    else unreadable++;
  }
  const problems: string[] = [];
  if (unreadable > 0)
    problems.push(
      `${unreadable} ${unreadable === 1 ? 'entry names' : 'entries name'} no AWS endpoint service in a region (e.g. a partner's endpoint service); ${unreadable === 1 ? 'it is' : 'they are'} left out`,
    );
  if (list.length > MAX_ENDPOINTS)
    problems.push(`only the first ${MAX_ENDPOINTS} endpoints are read`);
  return { endpoints, problems };
}
