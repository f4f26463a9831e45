/**
 * Realistic `aws ec2 describe-vpc-endpoints` documents for tests and benchmarks: the fields AWS
 * returns for interface and gateway endpoints, policies as the JSON text AWS hands back, ids of 17
 * hexadecimal digits.
 */
import { catalog } from '../catalog/catalog';
import type { VpcEndpointType } from '../catalog/endpoint-ids';
import { endpointServiceName } from './service-names';
import { testServiceId } from '../catalog/ids.testing';

/** The default policy of an interface endpoint as describe-vpc-endpoints prints it. */
export const DEFAULT_INTERFACE_POLICY_TEXT =
  '{\n  "Statement": [\n    {\n      "Action": "*", \n      "Effect": "Allow", \n      "Principal": "*", \n      "Resource": "*"\n    }\n  ]\n}';
/** The default policy of a gateway endpoint as describe-vpc-endpoints prints it. */
export const DEFAULT_GATEWAY_POLICY_TEXT =
  '{"Version":"2008-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}';

/** A deterministic id of 17 hexadecimal digits with a prefix, e.g. `vpce-00000000000000a1f`. */
export function hexId(prefix: string, n: number): string {
  return `${prefix}-${n.toString(16).padStart(17, '0')}`;
}

export interface EndpointSpec {
  n: number;
  service: string;
  region: string;
  type?: VpcEndpointType;
  /** The policy text; `null` leaves PolicyDocument out, undefined gives the default policy. */
  policy?: string | null;
  state?: string;
  name?: string;
  /** Override the service name (unknown services, endpoint services of accounts). */
  serviceName?: string;
}

export function describedEndpoint(spec: EndpointSpec): Record<string, unknown> {
  const entry = catalog.service(testServiceId(spec.service));
  const type = spec.type ?? (entry?.endpointTypes.includes('gateway') ? 'Gateway' : 'Interface');
  const id = hexId('vpce', spec.n);
  const serviceName =
    spec.serviceName ??
    (entry ? endpointServiceName(entry, spec.region) : undefined) ??
    `com.amazonaws.${spec.region}.${spec.service}`;
  const gateway = type === 'Gateway';
  const endpoint: Record<string, unknown> = {
    VpcEndpointId: id,
    VpcEndpointType: type,
    VpcId: hexId('vpc', 1 + (spec.n % 3)),
    ServiceName: serviceName,
    State: spec.state ?? 'available',
    RouteTableIds: gateway ? [hexId('rtb', spec.n)] : [],
    SubnetIds: gateway ? [] : [hexId('subnet', 2 * spec.n), hexId('subnet', 2 * spec.n + 1)],
    Groups: gateway ? [] : [{ GroupId: hexId('sg', spec.n), GroupName: 'vpc-endpoints' }],
    IpAddressType: 'ipv4',
    DnsOptions: { DnsRecordIpType: gateway ? 'service-defined' : 'ipv4' },
    PrivateDnsEnabled: !gateway,
    RequesterManaged: false,
    NetworkInterfaceIds: gateway ? [] : [hexId('eni', spec.n)],
    DnsEntries: gateway
      ? []
      : [
          {
            DnsName: `${id}-${spec.n.toString(36).padStart(8, 'a')}.${spec.service}.${spec.region}.vpce.amazonaws.com`,
            HostedZoneId: 'Z7HUB22UULQXV',
          },
        ],
    CreationTimestamp: '2026-03-02T10:11:12.000Z',
    Tags: [{ Key: 'Name', Value: spec.name ?? `${spec.service}-${spec.region}` }],
    OwnerId: '111122223333',
  };
  if (spec.policy !== null)
    endpoint.PolicyDocument =
      spec.policy ?? (gateway ? DEFAULT_GATEWAY_POLICY_TEXT : DEFAULT_INTERFACE_POLICY_TEXT);
  return endpoint;
}

/** The text `aws ec2 describe-vpc-endpoints` prints (4-space indentation). */
export function describeOutput(specs: readonly EndpointSpec[]): string {
  return `${JSON.stringify({ VpcEndpoints: specs.map(describedEndpoint) }, null, 4)}\n`;
}
