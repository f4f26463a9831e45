/**
 * The CloudFormation export: per region, a template (YAML, with `!Sub`/`!Ref` as real tags, and
 * the same in JSON) of `AWS::EC2::VPCEndpoint` resources with their `PolicyDocument`, the
 * `ServiceName` built with `!Sub` from the stack's region, and parameters for the VPC, the subnets
 * and security groups of interface endpoints and the route tables of gateway endpoints. A rule
 * refuses to create the stack in another region, since each policy names its region's resources.
 */
import { Document, isMap, isScalar, visit, type Node } from 'yaml';
import { formatCount } from '../../format';
import {
  pascalIdentifier,
  targetEndpointTypes,
  uniqueNames,
  type DeploymentTarget,
} from './targets';
import type { ExportFile, ExportNote } from './types';

/**
 * Template quotas (AWS CloudFormation User Guide, "AWS CloudFormation quotas",
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html):
 * a template body in a request is at most 51,200 bytes, one in S3 at most 460,800 bytes, with at
 * most 200 resources and 60 outputs. Templates are split to stay within the S3 size and resources.
 */
export const CFN_TEMPLATE_BODY_LIMIT = 51_200;
export const CFN_TEMPLATE_S3_LIMIT = 460_800;
export const CFN_MAX_RESOURCES = 200;
export const CFN_MAX_OUTPUTS = 60;
/** Room kept below the S3 limit for everything other than the policies. */
const POLICY_BYTES_PER_TEMPLATE = 380_000;

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

interface EndpointResource {
  logicalId: string;
  target: DeploymentTarget;
  type: 'Interface' | 'Gateway';
}

const encoder = new TextEncoder();
const byteLength = (text: string) => encoder.encode(text).length;

function resourceOf(resource: EndpointResource): { [key: string]: Json } {
  const { target, type } = resource;
  const { service, region } = target;
  const properties: { [key: string]: Json } = { VpcId: { Ref: 'VpcId' } };
  if (target.serviceName) {
    const at = target.serviceName.indexOf(region);
    properties.ServiceName =
      service.serviceName?.includes('{region}') && at >= 0
        ? { 'Fn::Sub': service.serviceName.replace('{region}', '${AWS::Region}') }
        : target.serviceName;
  } else {
    properties.ServiceName = { Ref: `${resource.logicalId}ServiceName` };
  }
  properties.VpcEndpointType = type;
  if (type === 'Gateway') properties.RouteTableIds = { Ref: 'RouteTableIds' };
  else {
    properties.SubnetIds = { Ref: 'SubnetIds' };
    properties.SecurityGroupIds = { Ref: 'SecurityGroupIds' };
    properties.PrivateDnsEnabled = true;
  }
  const entry: { [key: string]: Json } = { Type: 'AWS::EC2::VPCEndpoint' };
  if (service.endpointPolicy === 'unsupported') {
    entry.Metadata = {
      Note: `${service.title} endpoints do not enforce endpoint policies, so none is attached.`,
    };
  } else {
    // The generated document as it is, so that its keys keep the order of the JSON export.
    properties.PolicyDocument = target.policy.policy as unknown as Json;
  }
  properties.Tags = [{ Key: 'Name', Value: `${service.id}-${region}` }];
  entry.Properties = properties;
  return entry;
}

function template(
  region: string,
  resources: readonly EndpointResource[],
  part: string,
  toolVersion: string,
): { [key: string]: Json } {
  const parameters: { [key: string]: Json } = {
    VpcId: { Type: 'AWS::EC2::VPC::Id', Description: 'The VPC that the endpoints serve.' },
  };
  const vpcs = [
    ...new Set(resources.flatMap((r) => r.target.endpoints.map((e) => e.vpcId)).filter(Boolean)),
  ];
  if (vpcs.length === 1) (parameters.VpcId as { [key: string]: Json }).Default = vpcs[0]!;
  if (resources.some((r) => r.type === 'Interface')) {
    parameters.SubnetIds = {
      Type: 'List<AWS::EC2::Subnet::Id>',
      Description:
        'Subnets for the network interfaces of the interface endpoints, one per Availability Zone.',
    };
    parameters.SecurityGroupIds = {
      Type: 'List<AWS::EC2::SecurityGroup::Id>',
      Description:
        'Security groups of the interface endpoints; they must allow HTTPS from the VPC.',
    };
  }
  if (resources.some((r) => r.type === 'Gateway'))
    parameters.RouteTableIds = {
      Type: 'CommaDelimitedList',
      Description: 'Route tables that the gateway endpoints add routes to.',
    };
  for (const r of resources)
    if (!r.target.serviceName)
      parameters[`${r.logicalId}ServiceName`] = {
        Type: 'String',
        Description: `The endpoint service name of ${r.target.service.title}, which no source gives (aws ec2 describe-vpc-endpoint-services).`,
      };
  const body: { [key: string]: Json } = {};
  const outputs: { [key: string]: Json } = {};
  for (const r of resources) {
    body[r.logicalId] = resourceOf(r);
    if (Object.keys(outputs).length < CFN_MAX_OUTPUTS)
      outputs[`${r.logicalId}Id`] = {
        Description: `Id of the ${r.type.toLowerCase()} endpoint of ${r.target.service.id}.`,
        Value: { Ref: r.logicalId },
      };
  }
  return {
    AWSTemplateFormatVersion: '2010-09-09',
    Description: `VPC endpoints of the data perimeter in ${region}${part}, with their endpoint policies (vpce-policy ${toolVersion}).`,
    Parameters: parameters,
    Rules: {
      [`OnlyIn${pascalIdentifier(region)}`]: {
        Assertions: [
          {
            Assert: { 'Fn::Equals': [{ Ref: 'AWS::Region' }, region] },
            AssertDescription: `The endpoint policies of this template name the resources of ${region}: create the stack in ${region}.`,
          },
        ],
      },
    },
    Resources: body,
    Outputs: outputs,
  };
}

const SHORT_TAGS: Record<string, string> = {
  Ref: '!Ref',
  'Fn::Sub': '!Sub',
  'Fn::Equals': '!Equals',
};

/** YAML with the short forms of intrinsic functions as tags, and YAML 1.1 quoting so that no value changes type. */
export function templateYaml(value: Json): string {
  const doc = new Document(value, { version: '1.1' });
  visit(doc, {
    Map(_key, node) {
      if (node.items.length !== 1) return undefined;
      const [pair] = node.items;
      const name = isScalar(pair!.key) ? String(pair!.key.value) : '';
      const tag = SHORT_TAGS[name];
      if (!tag) return undefined;
      const inner = pair!.value as Node;
      inner.tag = tag;
      if (!isScalar(inner) && !isMap(inner)) (inner as { flow?: boolean }).flow = true;
      return inner;
    },
  });
  doc.directives!.yaml.explicit = false;
  return doc.toString({ lineWidth: 0 });
}

/** Groups the resources of a region into templates within the resource and size quotas. */
function split(resources: EndpointResource[]): EndpointResource[][] {
  const parts: EndpointResource[][] = [];
  let current: EndpointResource[] = [];
  let bytes = 0;
  for (const r of resources) {
    const size = r.target.policy.text.length;
    if (
      current.length > 0 &&
      (current.length >= CFN_MAX_RESOURCES || bytes + size > POLICY_BYTES_PER_TEMPLATE)
    ) {
      parts.push(current);
      current = [];
      bytes = 0;
    }
    current.push(r);
    bytes += size;
  }
  if (current.length > 0) parts.push(current);
  return parts;
}

export function cloudFormationFiles(
  targets: readonly DeploymentTarget[],
  regions: readonly string[],
  toolVersion: string,
  notes: ExportNote[],
): ExportFile[] {
  const files: ExportFile[] = [];
  for (const region of regions) {
    const unique = uniqueNames();
    const resources: EndpointResource[] = [];
    for (const target of targets.filter((t) => t.region === region)) {
      const types = targetEndpointTypes(target);
      for (const type of types)
        resources.push({
          logicalId: unique(
            pascalIdentifier(target.service.id, ...(types.length > 1 ? [type] : []), 'Endpoint'),
          ),
          target,
          type,
        });
    }
    if (resources.length === 0) continue;
    const parts = split(resources);
    parts.forEach((part, i) => {
      const suffix = parts.length > 1 ? `-part${i + 1}` : '';
      const base = `vpc-endpoints-${region}${suffix}`;
      const value = template(
        region,
        part,
        parts.length > 1 ? ` (part ${i + 1} of ${parts.length})` : '',
        toolVersion,
      );
      const yamlText = templateYaml(value);
      files.push(
        { path: `${base}.yaml`, kind: 'cloudformation', text: yamlText },
        {
          path: `${base}.json`,
          kind: 'cloudformation',
          text: `${JSON.stringify(value, null, 2)}\n`,
        },
      );
      const bytes = byteLength(yamlText);
      if (bytes > CFN_TEMPLATE_BODY_LIMIT)
        notes.push({
          severity: 'info',
          file: `${base}.yaml`,
          message: `The template is ${formatCount(bytes)} bytes, over the ${formatCount(CFN_TEMPLATE_BODY_LIMIT)} bytes CloudFormation takes inline: deploy it through S3 (aws cloudformation deploy --s3-bucket ...).`,
        });
      if (bytes > CFN_TEMPLATE_S3_LIMIT)
        notes.push({
          severity: 'error',
          file: `${base}.yaml`,
          message: `The template is ${formatCount(bytes)} bytes, over the ${formatCount(CFN_TEMPLATE_S3_LIMIT)} bytes of a template in S3.`,
        });
    });
    if (region.startsWith('cn-'))
      notes.push({
        severity: 'info',
        file: `vpc-endpoints-${region}.yaml`,
        message: `In ${region} some interface endpoints are named cn.com.amazonaws.${region}.<service>; check each ServiceName with aws ec2 describe-vpc-endpoint-services before deploying.`,
      });
  }
  files.push({ path: 'README.md', kind: 'readme', text: readme(files, regions) });
  return files;
}

function readme(files: readonly ExportFile[], regions: readonly string[]): string {
  const templates = files.filter((f) => f.path.endsWith('.yaml'));
  const example = templates[0]?.path ?? 'vpc-endpoints-<region>.yaml';
  const region = regions[0] ?? '<region>';
  return `# VPC endpoints with their policies (CloudFormation)

One template per region (${templates.map((t) => `\`${t.path}\``).join(', ')}), each also in JSON. Every \`AWS::EC2::VPCEndpoint\` carries the policy of its service and region; \`policies/\` holds the same policies as files, byte for byte the JSON export. A rule stops a template from being deployed in another region than its own.

\`\`\`sh
aws cloudformation deploy --region ${region} --stack-name vpc-endpoints-${region} \\
  --template-file ${example} --s3-bucket <bucket-for-templates> \\
  --parameter-overrides VpcId=vpc-... SubnetIds=subnet-...,subnet-... SecurityGroupIds=sg-... RouteTableIds=rtb-...
\`\`\`

The templates create endpoints. To change the policy of endpoints that already exist, import them into the stack (resource import) or use the Terraform or AWS CLI export. \`manifest.json\` lists every file, its regions, endpoint service names and the generator's findings.
`;
}
