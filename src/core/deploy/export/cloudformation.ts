/**
 * The CloudFormation export: per region, a template (YAML, with `!Sub`/`!Ref` as real tags, and
 * the same in JSON) of `AWS::EC2::VPCEndpoint` resources with their `PolicyDocument`, the
 * `ServiceName` built with `!Sub` from the stack's region, and parameters for the VPC, the subnets
 * and security groups of interface endpoints and the route tables of gateway endpoints. A rule
 * refuses to create the stack in another region, since each policy names its region's resources.
 */
import { Document } from 'yaml';
import { formatCount } from '../../text/format-count';
import {
  pascalIdentifier,
  targetEndpointTypes,
  uniqueNames,
  type DeploymentTarget,
} from './targets';
import { policyUnsupportedNote } from '../../diagnostic-messages';
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
/** UTF-8 bytes; ASCII text (nearly every template) is counted without encoding it. */
const byteLength = (text: string) =>
  /[\u0080-\uffff]/.test(text) ? encoder.encode(text).length : text.length;

/** YAML of the policies written so far, by indentation and policy text. */
type PolicyYamlCache = Map<string, Map<string, string>>;

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
      Note: `${policyUnsupportedNote(service)}, so none is attached.`,
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
  let outputCount = 0;
  for (const r of resources) {
    body[r.logicalId] = resourceOf(r);
    if (outputCount++ < CFN_MAX_OUTPUTS)
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

/** Characters a plain scalar may hold (besides letters and digits), by character code. */
const PLAIN_CHARACTERS = new Uint8Array(128);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 _.,/()@${}:<>=+-')
  PLAIN_CHARACTERS[c.charCodeAt(0)] = 1;
const SPACE = 32;
const COLON = 58;
const HASH = 35;

/**
 * A scalar as YAML: plain when no reader can take it for anything else, else double-quoted. One
 * pass over the characters, since templates write hundreds of thousands of scalars.
 */
function yamlScalar(value: string | number | boolean | null): string {
  if (typeof value !== 'string') return JSON.stringify(value);
  // JSON's double-quoted strings are YAML double-quoted scalars with the same escapes.
  return isPlainScalar(value) ? value : JSON.stringify(value);
}

/** Starts with a letter, holds only plain characters, no ": ", " #", trailing ":" or space. */
function isPlainScalar(value: string): boolean {
  const length = value.length;
  if (length === 0) return false;
  const first = value.charCodeAt(0);
  if (!((first >= 65 && first <= 90) || (first >= 97 && first <= 122))) return false;
  for (let i = 1; i < length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 128 || PLAIN_CHARACTERS[c] === 0) return false;
    if (c === SPACE && (i === length - 1 || value.charCodeAt(i + 1) === HASH)) return false;
    if (c === COLON && (i === length - 1 || value.charCodeAt(i + 1) === SPACE)) return false;
  }
  return !(length <= 5 && YAML11_WORDS.test(value));
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
function emit(value: Json, indent: string, out: string[], policyYaml: PolicyYamlCache): void {
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
      const text = policyTexts.get(item) ?? JSON.stringify(item);
      let atIndent = policyYaml.get(indent);
      if (!atIndent) policyYaml.set(indent, (atIndent = new Map()));
      let body = atIndent.get(text);
      if (body === undefined) {
        body = policyYamlText(item).trimEnd().replace(/^/gm, `${indent}  `);
        atIndent.set(text, body);
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
export function templateYaml(value: Json, policyYaml: PolicyYamlCache = new Map()): string {
  const out: string[] = [];
  emit(value, '', out, policyYaml);
  return `${out.join('\n')}\n`;
}

/** Stands for a policy document in the template's JSON until its text is set in place. */
const POLICY_MARK = '\u0000';
const POLICY_MARK_JSON = JSON.stringify(POLICY_MARK);
/** Each policy document as `JSON.stringify(document, null, 2)` writes it at an indentation. */
const policyJson = new WeakMap<object, Map<number, string>>();

function indentedPolicyJson(document: object, width: number): string {
  let byWidth = policyJson.get(document);
  if (!byWidth) policyJson.set(document, (byWidth = new Map()));
  let text = byWidth.get(width);
  if (text === undefined) {
    text = JSON.stringify(document, null, 2).replaceAll('\n', `\n${' '.repeat(width)}`);
    byWidth.set(width, text);
  }
  return text;
}

/**
 * A template as JSON, byte for byte `JSON.stringify(value, null, 2)`: the policy documents, the
 * bulk of it and shared by many templates, are serialized once each and set in place with the
 * indentation of their line.
 */
export function templateJson(value: { [key: string]: Json }): string {
  const documents: object[] = [];
  const resources: { [key: string]: Json } = {};
  for (const [id, resource] of Object.entries(
    isRecord(value.Resources ?? null) ? value.Resources! : {},
  )) {
    const properties = isRecord(resource) ? resource.Properties : undefined;
    if (
      !isRecord(resource) ||
      !properties ||
      !isRecord(properties) ||
      !isRecord(properties.PolicyDocument ?? null)
    ) {
      resources[id] = resource;
      continue;
    }
    documents.push(properties.PolicyDocument as object);
    resources[id] = { ...resource, Properties: { ...properties, PolicyDocument: POLICY_MARK } };
  }
  // Without a replacer, so that the engine's fast serializer writes the rest.
  const skeleton = JSON.stringify(
    'Resources' in value ? { ...value, Resources: resources } : value,
    null,
    2,
  );
  const pieces = skeleton.split(POLICY_MARK_JSON);
  // A value of the template that happened to be the mark itself: write it the plain way.
  if (pieces.length !== documents.length + 1) return `${JSON.stringify(value, null, 2)}\n`;
  const out: string[] = [pieces[0]!];
  for (let i = 1; i < pieces.length; i++) {
    const before = pieces[i - 1]!;
    const lineStart = before.lastIndexOf('\n') + 1;
    let width = 0;
    while (before.charCodeAt(lineStart + width) === 32) width++;
    out.push(indentedPolicyJson(documents[i - 1]!, width), pieces[i]!);
  }
  out.push('\n');
  return out.join('');
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
  const policyYaml: PolicyYamlCache = new Map();
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
          text: templateJson(value),
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
