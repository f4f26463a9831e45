/**
 * The CloudFormation export: per region, a template (YAML, with `!Sub`/`!Ref` as real tags, and
 * the same in JSON) of `AWS::EC2::VPCEndpoint` resources with their `PolicyDocument`, the
 * `ServiceName` built with `!Sub` from the stack's region, and parameters for the VPC, the subnets
 * and security groups of interface endpoints and the route tables of gateway endpoints. A rule
 * refuses to create the stack in another region, since each policy names its region's resources.
 */
import { Document } from 'yaml';
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
  /** An interface endpoint whose service also gets a gateway endpoint in the template. */
  besideGateway: boolean;
}

const encoder = new TextEncoder();
/** The text of each generated policy document, by the document. */
const policyTexts = new WeakMap<object, string>();
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
    // Beside a gateway endpoint of the same service, the VPC's own traffic goes through the
    // gateway and only on-premises traffic resolves to the interface endpoint.
    // Source: https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-ec2-vpcendpoint-dnsoptionsspecification.html
    if (resource.besideGateway)
      properties.DnsOptions = { PrivateDnsOnlyForInboundResolverEndpoint: 'OnlyInboundResolver' };
  }
  const entry: { [key: string]: Json } = { Type: 'AWS::EC2::VPCEndpoint' };
  if (service.endpointPolicy === 'unsupported') {
    entry.Metadata = {
      Note: `${service.title} endpoints do not enforce endpoint policies, so none is attached.`,
    };
  } else {
    // The generated document as it is, so that its keys keep the order of the JSON export.
    properties.PolicyDocument = target.policy.policy as unknown as Json;
    policyTexts.set(target.policy.policy, target.policy.text);
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

/** A policy as YAML, with YAML 1.1 quoting so that no value changes type (`yes`, `2012-10-17`). */
function policyYamlText(value: Json): string {
  const doc = new Document(value, { version: '1.1' });
  doc.directives!.yaml.explicit = false;
  return doc.toString({ lineWidth: 0 });
}

/** Words a YAML 1.1 reader takes for booleans or null. */
const YAML11_WORDS = /^(?:y|n|yes|no|true|false|on|off|null)$/i;

/** A scalar as YAML: plain when no reader can take it for anything else, else double-quoted. */
function yamlScalar(value: string | number | boolean | null): string {
  if (typeof value !== 'string') return JSON.stringify(value);
  const plain =
    /^[A-Za-z][A-Za-z0-9 _.,/()@${}:<>=+-]*$/.test(value) &&
    !/: |:$| #| $/.test(value) &&
    !YAML11_WORDS.test(value);
  // JSON's double-quoted strings are YAML double-quoted scalars with the same escapes.
  return plain ? value : JSON.stringify(value);
}

function isRecord(value: Json): value is { [key: string]: Json } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An intrinsic function in its short form (`!Ref VpcId`), or undefined. */
function shortForm(value: Json): string | undefined {
  if (!isRecord(value)) return undefined;
  const keys = Object.keys(value);
  const tag = keys.length === 1 ? SHORT_TAGS[keys[0]!] : undefined;
  if (!tag) return undefined;
  const inner = value[keys[0]!]!;
  if (Array.isArray(inner))
    return `${tag} [ ${inner.map((v) => shortForm(v) ?? yamlScalar(v as string)).join(', ')} ]`;
  return `${tag} ${yamlScalar(inner as string)}`;
}

/**
 * The template's own YAML: block maps and lists, short intrinsic forms, scalars quoted when a
 * YAML 1.1 reader could take them for something else. Policies, the bulk of a template, are
 * written by the YAML library once per distinct policy and set in place.
 */
function emit(value: Json, indent: string, out: string[], policyYaml: Map<string, string>): void {
  if (Array.isArray(value)) {
    for (const item of value) {
      if (isRecord(item) && shortForm(item) === undefined && Object.keys(item).length > 0) {
        const lines: string[] = [];
        emit(item, `${indent}  `, lines, policyYaml);
        out.push(`${indent}- ${lines[0]!.slice(indent.length + 2)}`, ...lines.slice(1));
      } else out.push(`${indent}- ${inline(item)}`);
    }
    return;
  }
  for (const [key, item] of Object.entries(value as { [key: string]: Json })) {
    const name = yamlScalar(key);
    if (key === 'PolicyDocument' && isRecord(item)) {
      // The generated text identifies a generated document without serializing it again.
      const key = `${indent}\u0000${policyTexts.get(item) ?? JSON.stringify(item)}`;
      let body = policyYaml.get(key);
      if (body === undefined) {
        body = policyYamlText(item).trimEnd().replace(/^/gm, `${indent}  `);
        policyYaml.set(key, body);
      }
      out.push(`${indent}${name}:`, body);
    } else if (
      shortForm(item) !== undefined ||
      !(isRecord(item) || Array.isArray(item)) ||
      isEmpty(item)
    ) {
      out.push(`${indent}${name}: ${inline(item)}`);
    } else {
      out.push(`${indent}${name}:`);
      emit(item, `${indent}  `, out, policyYaml);
    }
  }
}

function isEmpty(value: Json): boolean {
  return Array.isArray(value)
    ? value.length === 0
    : isRecord(value) && Object.keys(value).length === 0;
}

function inline(value: Json): string {
  const short = shortForm(value);
  if (short !== undefined) return short;
  if (Array.isArray(value)) return value.length === 0 ? '[]' : JSON.stringify(value);
  if (isRecord(value)) return Object.keys(value).length === 0 ? '{}' : JSON.stringify(value);
  return yamlScalar(value);
}

/** A template as YAML, with `!Ref`, `!Sub` and `!Equals` as tags. */
export function templateYaml(value: Json, policyYaml: Map<string, string> = new Map()): string {
  const out: string[] = [];
  emit(value, '', out, policyYaml);
  return `${out.join('\n')}\n`;
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
  const policyYaml = new Map<string, string>();
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
          besideGateway: type === 'Interface' && types.includes('Gateway'),
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
      const yaml = templateYaml(value, policyYaml);
      files.push(
        { path: `${base}.yaml`, kind: 'cloudformation', text: yaml },
        {
          path: `${base}.json`,
          kind: 'cloudformation',
          text: `${JSON.stringify(value, null, 2)}\n`,
        },
      );
      const bytes = byteLength(yaml);
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
