/**
 * The Terraform export: a module folder with `versions.tf`, `variables.tf`, `main.tf` (one
 * provider alias per region, one `aws_vpc_endpoint_policy` per service and region over the ids of
 * its endpoints) and `policies/*.json`, the same bytes as the JSON export. Ids come from the
 * inventory; where it has none for a region, from the variable `vpc_endpoint_ids`. An example
 * configuration shows the same policies with `terraform-aws-modules/vpc/aws//modules/vpc-endpoints`.
 */
import { VPC_ENDPOINT_ID_PATTERN } from '../../catalog/endpoint-ids';
import { hclAttributes, hclComment, hclString } from './hcl';
import {
  snakeIdentifier,
  targetEndpointTypes,
  uniqueNames,
  type DeploymentTarget,
} from './targets';
import { policyUnsupportedNote } from '../../diagnostic-messages';
import type { ExportFile, ExportNote } from './types';

/** The provider versions the files are written for: aws_vpc_endpoint_policy exists in every 5.x and 6.x. */
export const TERRAFORM_AWS_PROVIDER_CONSTRAINT = '>= 5.0';
/** terraform-aws-modules/vpc 6.x, whose vpc-endpoints module takes `policy` per endpoint. */
export const VPC_MODULE_VERSION_CONSTRAINT = '~> 6.0';

const providerAlias = (region: string) => snakeIdentifier(region);
const variableKey = (target: DeploymentTarget) => `${target.region}/${target.service.id}`;
const idPattern = VPC_ENDPOINT_ID_PATTERN.source;

function versionsTf(constraint: string): string {
  return `terraform {
  required_version = ">= 1.3.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ${hclString(constraint)}
    }
  }
}
`;
}

function variablesTf(keys: readonly string[]): string {
  if (keys.length === 0)
    return `${hclComment('No variables: every endpoint id comes from the inventory of the configuration.')}\n`;
  const list = keys.map((k) => `    ${hclString(k)},`).join('\n');
  return `variable "vpc_endpoint_ids" {
  description = "Ids of the VPC endpoints that receive each policy, keyed by \\"<region>/<service>\\"; an empty list where a region has no endpoint of the service."
  type        = map(list(string))

  validation {
    condition = alltrue([
      for key in [
${list.replace(/^/gm, '    ')}
      ] : contains(keys(var.vpc_endpoint_ids), key)
    ]) && length(var.vpc_endpoint_ids) == ${keys.length}
    error_message = "Give the endpoint ids of exactly these regions and services: ${keys.join(', ')}."
  }

  validation {
    condition = alltrue(flatten([
      for ids in values(var.vpc_endpoint_ids) : [for id in ids : can(regex(${hclString(idPattern)}, id))]
    ]))
    error_message = "An endpoint id is \\"vpce-\\" and 8 or 17 lowercase hexadecimal digits."
  }
}
`;
}

function tfvarsExample(targets: readonly DeploymentTarget[]): string {
  const width = Math.max(...targets.map((t) => hclString(variableKey(t)).length));
  const lines = targets.map((t) => `  ${hclString(variableKey(t)).padEnd(width)} = []`);
  return `${hclComment('Copy to terraform.tfvars and list, for each region and service, the ids of its endpoints\n(aws ec2 describe-vpc-endpoints --region <region> --query "VpcEndpoints[].[VpcEndpointId,ServiceName]").')}
vpc_endpoint_ids = {
${lines.join('\n')}
}
`;
}

function resourceBlock(target: DeploymentTarget, name: string, notes: ExportNote[]): string {
  const { service, region } = target;
  const header = hclComment(
    `${service.title} in ${region}${target.serviceName ? `: ${target.serviceName}` : ''}`,
  );
  if (service.endpointPolicy === 'unsupported') {
    notes.push({
      severity: 'warning',
      file: 'main.tf',
      message: `${service.id} in ${region}: ${policyUnsupportedNote(service)}, so no policy is attached.`,
    });
    return `${header}\n${hclComment(`${policyUnsupportedNote(service)}: no policy is attached.`)}\n`;
  }
  let forEach: string;
  if (target.endpoints.length > 0) {
    const ids = target.endpoints.map((e) => {
      const label = [e.name, e.vpcId, e.type].filter(Boolean).join(', ');
      return `    ${hclString(e.id)},${label ? ` # ${label.replace(/\n/g, ' ')}` : ''}`;
    });
    forEach = `toset([\n${ids.join('\n')}\n  ])`;
  } else if (target.regionInInventory) {
    return `${header}\n${hclComment(`The inventory lists no ${service.id} endpoint in ${region}: nothing to attach.`)}\n`;
  } else {
    forEach = `toset(var.vpc_endpoint_ids[${hclString(variableKey(target))}])`;
  }
  const support =
    service.endpointPolicy === 'unknown'
      ? `\n${hclComment(`No source says whether ${service.title} endpoints enforce endpoint policies; check VpcEndpointPolicySupported with aws ec2 describe-vpc-endpoint-services.`)}`
      : '';
  return `${header}${support}
resource "aws_vpc_endpoint_policy" "${name}" {
  provider = aws.${providerAlias(region)}
  for_each = ${forEach}

${hclAttributes([
  ['vpc_endpoint_id', 'each.value'],
  ['policy', `file("\${path.module}/policies/${target.policyFile}")`],
])}
}
`;
}

function mainTf(
  targets: readonly DeploymentTarget[],
  regions: readonly string[],
  notes: ExportNote[],
  toolVersion: string,
): string {
  const unique = uniqueNames();
  const providers = regions.map(
    (region) => `provider "aws" {
${hclAttributes([
  ['alias', hclString(providerAlias(region))],
  ['region', hclString(region)],
])}
}
`,
  );
  const resources = targets.map((t) =>
    resourceBlock(t, unique(snakeIdentifier(t.service.id, t.region)), notes),
  );
  return `${hclComment(`Endpoint policies of the data perimeter: one aws_vpc_endpoint_policy per endpoint service and
region, attached to each endpoint of that service there. Written by vpce-policy ${toolVersion} from
the perimeter configuration: change the configuration and export again rather than this file.`)}

${providers.join('\n')}
${resources.join('\n')}`;
}

function outputsTf(targets: readonly DeploymentTarget[]): string {
  const unique = uniqueNames();
  const entries: string[] = [];
  for (const t of targets) {
    const name = unique(snakeIdentifier(t.service.id, t.region));
    const attached =
      t.service.endpointPolicy !== 'unsupported' &&
      (t.endpoints.length > 0 || !t.regionInInventory);
    if (attached)
      entries.push(`    ${hclString(variableKey(t))} = keys(aws_vpc_endpoint_policy.${name})`);
  }
  return `output "endpoints_with_policy" {
  description = "Ids of the endpoints that received a policy, by \\"<region>/<service>\\"."
  value = {
${entries.join('\n')}
  }
}
`;
}

/** The example: the same policies on endpoints created by terraform-aws-modules/vpc's vpc-endpoints module. */
// eslint-disable-next-line max-lines-per-function -- most of it is the example's HCL text, kept whole so that it reads as written.
function moduleExample(targets: readonly DeploymentTarget[], regions: readonly string[]): string {
  const blocks: string[] = [];
  for (const region of regions) {
    const here = targets.filter(
      (t) => t.region === region && t.service.endpointPolicy !== 'unsupported',
    );
    if (here.length === 0) continue;
    const alias = providerAlias(region);
    const entries: string[] = [];
    const unique = uniqueNames();
    for (const target of here) {
      for (const type of targetEndpointTypes(target)) {
        const key = unique(
          snakeIdentifier(
            target.service.id,
            ...(targetEndpointTypes(target).length > 1 ? [type.toLowerCase()] : []),
          ),
        );
        const fields: [string, string][] = [];
        const standard = target.serviceName === `com.amazonaws.${region}.${target.service.id}`;
        if (standard) fields.push(['service', hclString(target.service.id)]);
        else if (target.serviceName) fields.push(['service_name', hclString(target.serviceName)]);
        else
          fields.push([
            'service_name',
            `var.${alias}_service_names[${hclString(target.service.id)}]`,
          ]);
        fields.push(['service_type', hclString(type)]);
        if (type === 'Gateway') fields.push(['route_table_ids', `var.${alias}_route_table_ids`]);
        else fields.push(['private_dns_enabled', 'true']);
        fields.push(['policy', `file("\${path.module}/../../policies/${target.policyFile}")`]);
        fields.push(['tags', `{ Name = ${hclString(`${target.service.id}-${region}`)} }`]);
        entries.push(`    ${key} = {\n${hclAttributes(fields, '      ')}\n    }`);
      }
    }
    const needsNames = here.some((t) => !t.serviceName);
    blocks.push(`provider "aws" {
${hclAttributes([
  ['alias', hclString(alias)],
  ['region', hclString(region)],
])}
}

variable "${alias}_vpc_id" {
  description = "The VPC of the endpoints in ${region}."
  type        = string
}

variable "${alias}_subnet_ids" {
  description = "Subnets of the interface endpoints in ${region}, one per Availability Zone."
  type        = list(string)
  default     = []
}

variable "${alias}_security_group_ids" {
  description = "Security groups of the interface endpoints in ${region} (HTTPS from the VPC)."
  type        = list(string)
  default     = []
}

variable "${alias}_route_table_ids" {
  description = "Route tables that the gateway endpoints in ${region} add routes to."
  type        = list(string)
  default     = []
}
${
  needsNames
    ? `
variable "${alias}_service_names" {
  description = "Endpoint service names that no source gives, by service (aws ec2 describe-vpc-endpoint-services)."
  type        = map(string)
}
`
    : ''
}
module "vpc_endpoints_${alias}" {
  source  = "terraform-aws-modules/vpc/aws//modules/vpc-endpoints"
  version = ${hclString(VPC_MODULE_VERSION_CONSTRAINT)}

  providers = {
    aws = aws.${alias}
  }

${hclAttributes([
  ['vpc_id', `var.${alias}_vpc_id`],
  ['subnet_ids', `var.${alias}_subnet_ids`],
  ['security_group_ids', `var.${alias}_security_group_ids`],
])}

  endpoints = {
${entries.join('\n')}
  }
}
`);
  }
  return `${hclComment(`The same policies on endpoints that terraform-aws-modules/vpc's vpc-endpoints module creates,
one module per region. A configuration of its own: run terraform init and apply in this folder.`)}

${blocks.join('\n')}`;
}

function readme(targets: readonly DeploymentTarget[], variableKeys: readonly string[]): string {
  const regions = [...new Set(targets.map((t) => t.region))];
  const tfvars = variableKeys.length > 0;
  return `# VPC endpoint policies (Terraform)

One \`aws_vpc_endpoint_policy\` per endpoint service and region (${targets.length} in ${regions.length} region${regions.length === 1 ? '' : 's'}: ${regions.join(', ')}), each attached to the endpoints of that service there. The policies are in \`policies/\`, byte for byte the files of the JSON export.

${tfvars ? `The inventory of the configuration does not list the endpoints of every region: give their ids in \`vpc_endpoint_ids\` (see \`terraform.tfvars.example\`, an empty list where a region has no endpoint of a service).\n\n` : ''}Run it as a configuration of its own:

\`\`\`sh
terraform init
terraform plan${tfvars ? ' -var-file=terraform.tfvars' : ''}
terraform apply${tfvars ? ' -var-file=terraform.tfvars' : ''}
\`\`\`

or call it from your configuration (it configures one \`aws\` provider per region, named \`aws.<region_with_underscores>\`, with the credentials of the environment):

\`\`\`hcl
module "vpc_endpoint_policies" {
  source = "./vpc-endpoint-policies"${tfvars ? `\n\n  vpc_endpoint_ids = {\n${variableKeys.map((k) => `    ${hclString(k)} = []`).join('\n')}\n  }` : ''}
}
\`\`\`

\`examples/terraform-aws-modules/main.tf\` shows the same policies on endpoints created by [terraform-aws-modules/vpc](https://registry.terraform.io/modules/terraform-aws-modules/vpc/aws/latest/submodules/vpc-endpoints)'s \`vpc-endpoints\` module (\`policy = file(...)\` per endpoint).

An endpoint has one policy: applying replaces the policy it has. \`manifest.json\` lists every file, its regions, endpoint service names and the generator's findings.
`;
}

export function terraformFiles(
  targets: readonly DeploymentTarget[],
  regions: readonly string[],
  toolVersion: string,
  notes: ExportNote[],
): ExportFile[] {
  const needVariable = targets.filter(
    (t) =>
      t.service.endpointPolicy !== 'unsupported' &&
      t.endpoints.length === 0 &&
      !t.regionInInventory,
  );
  const variableKeys = needVariable.map(variableKey);
  const files: ExportFile[] = [
    { path: 'versions.tf', kind: 'terraform', text: versionsTf(TERRAFORM_AWS_PROVIDER_CONSTRAINT) },
    { path: 'variables.tf', kind: 'terraform', text: variablesTf(variableKeys) },
    { path: 'main.tf', kind: 'terraform', text: mainTf(targets, regions, notes, toolVersion) },
    { path: 'outputs.tf', kind: 'terraform', text: outputsTf(targets) },
    { path: 'README.md', kind: 'readme', text: readme(targets, variableKeys) },
  ];
  if (needVariable.length > 0)
    files.push({
      path: 'terraform.tfvars.example',
      kind: 'terraform',
      text: tfvarsExample(needVariable),
    });
  files.push(
    {
      path: 'examples/terraform-aws-modules/versions.tf',
      kind: 'terraform',
      text: versionsTf('>= 6.0'),
    },
    {
      path: 'examples/terraform-aws-modules/main.tf',
      kind: 'terraform',
      text: moduleExample(targets, regions),
    },
  );
  return files;
}
