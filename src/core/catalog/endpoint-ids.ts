/**
 * Shapes of the identifiers that `aws ec2 describe-vpc-endpoints` reports and an endpoint inventory
 * holds. Kept free of the schema library, like `catalog/ids.ts`, so that the browser can use them
 * without loading it.
 */

/** A VPC endpoint id: `vpce-` and 8 (older endpoints) or 17 hexadecimal digits. */
export const VPC_ENDPOINT_ID_PATTERN = /^vpce-(?:[0-9a-f]{8}|[0-9a-f]{17})$/;
/** A VPC id: `vpc-` and 8 or 17 hexadecimal digits. */
export const VPC_ID_PATTERN = /^vpc-(?:[0-9a-f]{8}|[0-9a-f]{17})$/;

/**
 * The `VpcEndpointType` values of the EC2 API. Only Interface and Gateway endpoints reach AWS
 * services; the other three reach load balancers, resources and VPC Lattice service networks.
 */
export const VPC_ENDPOINT_TYPES = [
  'Interface',
  'Gateway',
  'GatewayLoadBalancer',
  'Resource',
  'ServiceNetwork',
] as const;
export type VpcEndpointType = (typeof VPC_ENDPOINT_TYPES)[number];

/** The catalog's name of an endpoint type (`interface`, `gateway`), for the types that reach AWS services. */
export function catalogEndpointType(type: VpcEndpointType): 'interface' | 'gateway' | undefined {
  return type === 'Interface' ? 'interface' : type === 'Gateway' ? 'gateway' : undefined;
}
