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
import type { GeneratedPolicy } from '../../generate/generate';
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
  /** Its `ServiceName` as the YAML and JSON templates write it. */
  serviceName: ServiceNameTexts;
}

interface ServiceNameTexts {
  yaml: string;
  json: string;
}

const encoder = new TextEncoder();
/** UTF-8 bytes; ASCII text (nearly every template) is counted without encoding it. */
const byteLength = (text: string) =>
  /[\u0080-\uffff]/.test(text) ? encoder.encode(text).length : text.length;

/** A policy document as a template holds it, written once and shared by every resource that has it. */
interface PolicyPieces {
  /** The YAML lines under `PolicyDocument:`, each indented for a resource's properties. */
  yaml: string;
  yamlBytes: number;
  /** `JSON.stringify(document, null, 2)` with the indentation of a resource's properties. */
  json: string;
}

/** The policy pieces written so far in one export, by policy text. */
type PolicyPiecesCache = Map<string, PolicyPieces>;

/** Indentation of a resource's properties in the YAML and JSON templates. */
const PROPERTY_INDENT = '      ';
/** A line break inside a policy document, which sits at the depth of a resource property. */
const POLICY_JSON_BREAK = `\n${' '.repeat(8)}`;

function policyPieces(policy: GeneratedPolicy, cache: PolicyPiecesCache): PolicyPieces {
  // By text: policies of the same text in several regions share one writing.
  let pieces = cache.get(policy.text);
  if (!pieces) {
    const document = policy.policy;
    const yaml = `${policyYamlText(document as unknown as Json)
      .trimEnd()
      .replace(/^/gm, `${PROPERTY_INDENT}  `)}\n`;
    pieces = {
      yaml,
      yamlBytes: byteLength(yaml),
      json: JSON.stringify(document, null, 2).replaceAll('\n', POLICY_JSON_BREAK),
    };
    cache.set(policy.text, pieces);
  }
  return pieces;
}

/**
 * A resource's `ServiceName`: `!Sub` from the stack's region (the same texts in every region, so
 * kept by service), the name itself, or a parameter.
 */
function serviceNameTexts(
  target: DeploymentTarget,
  logicalId: string,
  bySubstitution: Map<string, ServiceNameTexts>,
): ServiceNameTexts {
  const { service, region } = target;
  if (!target.serviceName) {
    const parameter = `${logicalId}ServiceName`;
    return {
      yaml: `!Ref ${yamlScalar(parameter)}`,
      json: `{\n          "Ref": ${JSON.stringify(parameter)}\n        }`,
    };
  }
  const pattern = service.serviceName;
  if (!pattern?.includes('{region}') || !target.serviceName.includes(region))
    return { yaml: yamlScalar(target.serviceName), json: JSON.stringify(target.serviceName) };
  let texts = bySubstitution.get(pattern);
  if (!texts) {
    const substitution = pattern.replace('{region}', '${AWS::Region}');
    texts = {
      yaml: `!Sub ${yamlScalar(substitution)}`,
      json: `{\n          "Fn::Sub": ${JSON.stringify(substitution)}\n        }`,
    };
    bySubstitution.set(pattern, texts);
  }
  return texts;
}

/** The note of a resource whose service takes no endpoint policy. */
const unsupportedNote = (resource: EndpointResource) =>
  `${policyUnsupportedNote(resource.target.service)}, so none is attached.`;

/**
 * One `AWS::EC2::VPCEndpoint` as YAML, in the pieces the template is joined from: exactly what
 * `templateYaml` writes for the resource, with the policy's shared YAML set in place. Written
 * directly, since a template of every service holds hundreds of them.
 */
function pushResourceYaml(
  resource: EndpointResource,
  policies: PolicyPiecesCache,
  out: string[],
): number {
  const { target, type, logicalId } = resource;
  const unsupported = target.service.endpointPolicy === 'unsupported';
  let text = `  ${yamlScalar(logicalId)}:\n    Type: AWS::EC2::VPCEndpoint\n`;
  if (unsupported) text += `    Metadata:\n      Note: ${yamlScalar(unsupportedNote(resource))}\n`;
  text += `    Properties:\n      VpcId: !Ref VpcId\n      ServiceName: ${resource.serviceName.yaml}\n      VpcEndpointType: ${type}\n`;
  if (type === 'Gateway') text += '      RouteTableIds: !Ref RouteTableIds\n';
  else {
    text +=
      '      SubnetIds: !Ref SubnetIds\n      SecurityGroupIds: !Ref SecurityGroupIds\n      PrivateDnsEnabled: true\n';
    if (resource.besideGateway)
      text +=
        '      DnsOptions:\n        PrivateDnsOnlyForInboundResolverEndpoint: OnlyInboundResolver\n';
  }
  let bytes = 0;
  if (!unsupported) {
    text += '      PolicyDocument:\n';
    const policy = policyPieces(target.policy, policies);
    out.push(text, policy.yaml);
    bytes += byteLength(text) + policy.yamlBytes;
    text = '';
  }
  text += `      Tags:\n        - Key: Name\n          Value: ${yamlScalar(`${target.service.id}-${target.region}`)}\n`;
  out.push(text);
  return bytes + byteLength(text);
}

/** The same resource as `JSON.stringify(template, null, 2)` writes it under `Resources`. */
function pushResourceJson(
  resource: EndpointResource,
  policies: PolicyPiecesCache,
  out: string[],
): void {
  const { target, type, logicalId } = resource;
  const unsupported = target.service.endpointPolicy === 'unsupported';
  let text = `    ${JSON.stringify(logicalId)}: {\n      "Type": "AWS::EC2::VPCEndpoint",\n`;
  if (unsupported)
    text += `      "Metadata": {\n        "Note": ${JSON.stringify(unsupportedNote(resource))}\n      },\n`;
  text +=
    '      "Properties": {\n        "VpcId": {\n          "Ref": "VpcId"\n        },\n        "ServiceName": ';
  text += resource.serviceName.json;
  text += `,\n        "VpcEndpointType": "${type}",\n`;
  if (type === 'Gateway')
    text += '        "RouteTableIds": {\n          "Ref": "RouteTableIds"\n        },\n';
  else {
    text +=
      '        "SubnetIds": {\n          "Ref": "SubnetIds"\n        },\n        "SecurityGroupIds": {\n          "Ref": "SecurityGroupIds"\n        },\n        "PrivateDnsEnabled": true,\n';
    if (resource.besideGateway)
      text +=
        '        "DnsOptions": {\n          "PrivateDnsOnlyForInboundResolverEndpoint": "OnlyInboundResolver"\n        },\n';
  }
  if (!unsupported) {
    out.push(`${text}        "PolicyDocument": `, policyPieces(target.policy, policies).json);
    text = ',\n';
  }
  text += `        "Tags": [\n          {\n            "Key": "Name",\n            "Value": ${JSON.stringify(`${target.service.id}-${target.region}`)}\n          }\n        ]\n      }\n    }`;
  out.push(text);
}

/** A template's head (format version, description, parameters, rule) and outputs, as values. */
function templateParts(
  region: string,
  resources: readonly EndpointResource[],
  part: string,
  toolVersion: string,
): { head: { [key: string]: Json }; outputs: { [key: string]: Json } } {
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
  const outputs: { [key: string]: Json } = {};
  for (const r of resources.slice(0, CFN_MAX_OUTPUTS))
    outputs[`${r.logicalId}Id`] = {
      Description: `Id of the ${r.type.toLowerCase()} endpoint of ${r.target.service.id}.`,
      Value: { Ref: r.logicalId },
    };
  const head = {
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
  };
  return { head, outputs };
}

/**
 * A template in YAML and JSON, each joined once from its pieces: the head and outputs through the
 * general writers, the resources written directly with their shared policy texts set in place.
 * The JSON is byte for byte `JSON.stringify(template, null, 2)`, the YAML what `templateYaml`
 * writes for the same value.
 */
function templateTexts(
  region: string,
  resources: readonly EndpointResource[],
  part: string,
  toolVersion: string,
  policies: PolicyPiecesCache,
): { yaml: string; yamlBytes: number; json: string } {
  const { head, outputs } = templateParts(region, resources, part, toolVersion);
  const headYaml = templateYaml(head);
  const outputsYaml = templateYaml({ Outputs: outputs });
  const yaml: string[] = [headYaml, 'Resources:\n'];
  let yamlBytes = byteLength(headYaml) + 'Resources:\n'.length + byteLength(outputsYaml);
  for (const r of resources) yamlBytes += pushResourceYaml(r, policies, yaml);
  yaml.push(outputsYaml);
  // The head's JSON without its closing brace, then the resources and outputs at its indentation.
  const headJson = JSON.stringify(head, null, 2);
  const json: string[] = [headJson.slice(0, headJson.length - 2), ',\n  "Resources": {\n'];
  resources.forEach((r, i) => {
    if (i > 0) json.push(',\n');
    pushResourceJson(r, policies, json);
  });
  json.push(
    '\n  },\n  "Outputs": ',
    JSON.stringify(outputs, null, 2).replaceAll('\n', '\n  '),
    '\n}\n',
  );
  return { yaml: yaml.join(''), yamlBytes, json: json.join('') };
}

const SHORT_TAGS: Record<string, string> = {
  Ref: '!Ref',
  'Fn::Sub': '!Sub',
  'Fn::Equals': '!Equals',
};

/**
 * A policy as YAML, with YAML 1.1 quoting so that no value changes type (`yes`, `2012-10-17`).
 * A value that occurs twice is written twice, never as an anchor and alias, which CloudFormation
 * does not read (https://github.com/aws-cloudformation/cfn-lint-visual-studio-code/issues/158).
 */
function policyYamlText(value: Json): string {
  const doc = new Document(value, { version: '1.1', aliasDuplicateObjects: false });
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
 * YAML 1.1 reader could take them for something else.
 */
function emit(value: Json, indent: string, out: string[]): void {
  if (Array.isArray(value)) {
    for (const item of value) {
      if (isRecord(item) && shortForm(item) === undefined && Object.keys(item).length > 0) {
        const lines: string[] = [];
        emit(item, `${indent}  `, lines);
        out.push(`${indent}- ${lines[0]!.slice(indent.length + 2)}`, ...lines.slice(1));
      } else out.push(`${indent}- ${inline(item)}`);
    }
    return;
  }
  for (const [key, item] of Object.entries(value as { [key: string]: Json })) {
    const name = yamlScalar(key);
    if (
      shortForm(item) !== undefined ||
      !(isRecord(item) || Array.isArray(item)) ||
      isEmpty(item)
    ) {
      out.push(`${indent}${name}: ${inline(item)}`);
    } else {
      out.push(`${indent}${name}:`);
      emit(item, `${indent}  `, out);
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
export function templateYaml(value: Json): string {
  const out: string[] = [];
  emit(value, '', out);
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

/**
 * The endpoint resources of one region's template: one per endpoint type of each target, with a
 * logical id unique in the template. Identifiers and service names are shared across regions.
 */
function regionResources(
  targets: readonly DeploymentTarget[],
  identifiers: Map<string, string>,
  serviceNames: Map<string, ServiceNameTexts>,
): EndpointResource[] {
  const unique = uniqueNames();
  const resources: EndpointResource[] = [];
  for (const target of targets) {
    const types = targetEndpointTypes(target);
    for (const type of types) {
      const typed = types.length > 1 ? [type] : [];
      const key = `${target.service.id} ${typed.join('')}`;
      let identifier = identifiers.get(key);
      if (identifier === undefined) {
        identifier = pascalIdentifier(target.service.id, ...typed, 'Endpoint');
        identifiers.set(key, identifier);
      }
      const logicalId = unique(identifier);
      resources.push({
        logicalId,
        target,
        type,
        besideGateway: type === 'Interface' && types.includes('Gateway'),
        serviceName: serviceNameTexts(target, logicalId, serviceNames),
      });
    }
  }
  return resources;
}

export function cloudFormationFiles(
  targets: readonly DeploymentTarget[],
  regions: readonly string[],
  toolVersion: string,
  notes: ExportNote[],
): ExportFile[] {
  const files: ExportFile[] = [];
  const policies: PolicyPiecesCache = new Map();
  const serviceNames = new Map<string, ServiceNameTexts>();
  // Logical ids depend on the service and the endpoint types only, the same in every region.
  const identifiers = new Map<string, string>();
  const byRegion = new Map<string, DeploymentTarget[]>();
  for (const target of targets) {
    const list = byRegion.get(target.region);
    if (list) list.push(target);
    else byRegion.set(target.region, [target]);
  }
  for (const region of regions) {
    const resources = regionResources(byRegion.get(region) ?? [], identifiers, serviceNames);
    if (resources.length === 0) continue;
    const parts = split(resources);
    parts.forEach((part, i) => {
      const suffix = parts.length > 1 ? `-part${i + 1}` : '';
      const base = `vpc-endpoints-${region}${suffix}`;
      const {
        yaml,
        yamlBytes: bytes,
        json,
      } = templateTexts(
        region,
        part,
        parts.length > 1 ? ` (part ${i + 1} of ${parts.length})` : '',
        toolVersion,
        policies,
      );
      files.push(
        { path: `${base}.yaml`, kind: 'cloudformation', text: yaml },
        { path: `${base}.json`, kind: 'cloudformation', text: json },
      );
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
