import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parse as parseHcl } from '@cdktf/hcl2json';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml, type Tags } from 'yaml';
import type { PerimeterConfigDocument } from '../../config/schema';
import { generatePolicies } from '../../generate/outputs';
import { hexId } from '../describe-fixtures.testing';
import vpcEndpointSchema from './fixtures/aws-ec2-vpcendpoint.json';
import { exportPolicies, type PolicyExport } from './export';
import type { ExportFile } from './types';
import { testConfig, testRegionCode, testServiceId } from '../../catalog/ids.testing';

/** Parsed HCL, YAML or JSON, read by key: untyped data whose shape the assertions check. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Tree = any;

const config: PerimeterConfigDocument = {
  version: 1,
  organizationIds: ['o-a1b2c3d4e5'],
  regions: ['eu-west-1', 'us-east-1'],
  services: ['s3', 'ec2', 'ecr.api', 'iam', 'acm', 'qbusiness'],
  statements: {
    AllowRequestsByThirdPartyIdentitiesToThirdPartyResources: false,
    AllowRequestsByOrgsIdentitiesToThirdPartyResources: false,
  },
  inventory: {
    'eu-west-1': [
      {
        id: hexId('vpce', 1),
        service: 's3',
        type: 'Gateway',
        vpcId: hexId('vpc', 1),
        name: 's3-gw',
      },
      { id: hexId('vpce', 2), service: 's3', type: 'Interface', vpcId: hexId('vpc', 1) },
      { id: 'vpce-0a1b2c3d', service: 'ec2', type: 'Interface', vpcId: hexId('vpc', 1) },
    ],
  },
};

const file = (exported: PolicyExport, path: string): ExportFile => {
  const found = exported.files.find((f) => f.path === path);
  if (!found) throw new Error(`no ${path} in ${exported.files.map((f) => f.path).join(', ')}`);
  return found;
};

/** The per-region JSON export, which the policies of every other format must equal byte for byte. */
const jsonPolicies = new Map(
  generatePolicies(testConfig(config), { shape: 'per-region' }).map((o) => [
    o.fileName,
    `${o.result.text}\n`,
  ]),
);

function expectPoliciesOfJsonExport(exported: PolicyExport) {
  const policies = exported.files.filter((f) => f.kind === 'policy');
  expect(policies).toHaveLength(jsonPolicies.size);
  for (const policy of policies)
    expect(policy.text, policy.path).toBe(jsonPolicies.get(policy.path.replace('policies/', '')));
}

/** `!Ref`, `!Sub`, `!Equals` as CloudFormation reads them. */
const cfnTags: Tags = ['Ref', 'Sub', 'Equals'].flatMap((name) => {
  const key = name === 'Ref' ? 'Ref' : `Fn::${name}`;
  return [
    { tag: `!${name}`, resolve: (value: string) => ({ [key]: value }) },
    {
      tag: `!${name}`,
      collection: 'seq' as const,
      resolve: (value: { toJSON(): unknown }) => ({ [key]: value.toJSON() }),
    },
  ];
});

/** Resolves Ref and Fn::Sub with parameter values, as CloudFormation does before the resource sees them. */
function resolveIntrinsics(value: unknown, parameters: Record<string, unknown>): unknown {
  if (Array.isArray(value)) return value.map((v) => resolveIntrinsics(v, parameters));
  if (typeof value !== 'object' || value === null) return value;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  if (keys.length === 1 && keys[0] === 'Ref') {
    const name = record.Ref as string;
    if (!(name in parameters)) throw new Error(`Ref to an unknown parameter ${name}`);
    return parameters[name];
  }
  if (keys.length === 1 && keys[0] === 'Fn::Sub') {
    return (record['Fn::Sub'] as string).replace(/\$\{([^}]+)\}/g, (_m, name: string) => {
      if (!(name in parameters)) throw new Error(`Fn::Sub of an unknown name ${name}`);
      return String(parameters[name]);
    });
  }
  return Object.fromEntries(
    Object.entries(record).map(([k, v]) => [k, resolveIntrinsics(v, parameters)]),
  );
}

describe('export: JSON', () => {
  it('writes the policies of the configured shape and a manifest with service names per region', () => {
    const exported = exportPolicies(testConfig(config), 'json', { shape: 'per-region' });
    expectPoliciesOfJsonExport(exported);
    const manifest = JSON.parse(file(exported, 'manifest.json').text);
    expect(manifest).toMatchObject({
      manifestVersion: 1,
      format: 'json',
      tool: { name: 'vpce-policy', version: expect.stringMatching(/^\d+\.\d+\.\d+/) },
      catalog: {
        fingerprint: expect.stringMatching(/^[0-9a-f]{14}$/),
        services: expect.any(Number),
      },
    });
    expect(
      manifest.files.find((f: { path: string }) => f.path === 's3-eu-west-1-endpoint-policy.json'),
    ).toEqual({
      path: 's3-eu-west-1-endpoint-policy.json',
      kind: 'policy',
      policy: expect.objectContaining({
        service: 's3',
        regions: ['eu-west-1'],
        endpointServiceNames: { 'eu-west-1': 'com.amazonaws.eu-west-1.s3' },
      }),
    });
    const iam = exportPolicies(testConfig(config), 'json').manifest.files.find(
      (f) => f.path === 'iam-endpoint-policy.json',
    );
    expect(iam!.policy!.endpointServiceNames).toEqual({
      'eu-west-1': 'com.amazonaws.iam',
      'us-east-1': 'com.amazonaws.iam',
    });
    const acm = manifest.files.find(
      (f: { path: string }) => f.path === 'acm-eu-west-1-endpoint-policy.json',
    );
    expect(acm.policy.diagnostics).toContainEqual(
      expect.objectContaining({ code: 'service/policy-unsupported' }),
    );
  });

  it('gives the same bytes for the same choices', () => {
    const a = exportPolicies(testConfig(config), 'terraform').files;
    const b = exportPolicies(testConfig(structuredClone(config)), 'terraform').files;
    expect(b).toEqual(a);
  });
});

describe('export: Terraform', () => {
  const exported = exportPolicies(testConfig(config), 'terraform');
  const tfFiles = exported.files.filter((f) => f.path.endsWith('.tf'));

  it('parses every .tf file with a real HCL parser', async () => {
    expect(tfFiles.map((f) => f.path)).toEqual([
      'versions.tf',
      'variables.tf',
      'main.tf',
      'outputs.tf',
      'examples/terraform-aws-modules/versions.tf',
      'examples/terraform-aws-modules/main.tf',
    ]);
    for (const tf of tfFiles)
      await expect(parseHcl(tf.path, tf.text), tf.path).resolves.toBeTypeOf('object');
    await expect(parseHcl('broken.tf', 'resource "x" {\n a = \n')).rejects.toThrow();
  });

  it('pins the aws provider and configures one alias per region', async () => {
    const versions = (await parseHcl('versions.tf', file(exported, 'versions.tf').text)) as Tree;
    expect(versions.terraform[0].required_providers[0].aws).toEqual({
      source: 'hashicorp/aws',
      version: '>= 5.0',
    });
    const main = (await parseHcl('main.tf', file(exported, 'main.tf').text)) as Tree;
    expect(main.provider.aws).toEqual([
      { alias: 'eu_west_1', region: 'eu-west-1' },
      { alias: 'us_east_1', region: 'us-east-1' },
    ]);
  });

  it('attaches each policy to the inventory endpoints of its region, else to the ids of a variable', async () => {
    const main = (await parseHcl('main.tf', file(exported, 'main.tf').text)) as Tree;
    const policies = main.resource.aws_vpc_endpoint_policy;
    expect(policies.s3_eu_west_1[0]).toEqual({
      provider: '${aws.eu_west_1}',
      for_each: expect.stringMatching(
        /^\$\{toset\(\[\s*"vpce-0+1", # s3-gw, vpc-0+1, Gateway\s*"vpce-0+2", # vpc-0+1, Interface\s*\]\)\}$/,
      ),
      vpc_endpoint_id: '${each.value}',
      policy: '${file("${path.module}/policies/s3-eu-west-1-endpoint-policy.json")}',
    });
    expect(policies.ec2_eu_west_1[0].for_each).toMatch(/^\$\{toset\(\[\s*"vpce-0a1b2c3d",/);
    // eu-west-1 is in the inventory without an ecr.api endpoint; us-east-1 is not in it at all.
    expect(policies.ecr_api_eu_west_1).toBeUndefined();
    expect(policies.ecr_api_us_east_1[0].for_each).toBe(
      '${toset(var.vpc_endpoint_ids["us-east-1/ecr.api"])}',
    );
    expect(policies.ecr_api_us_east_1[0].provider).toBe('${aws.us_east_1}');
    // ACM endpoints ignore policies: nothing is attached.
    expect(policies.acm_eu_west_1).toBeUndefined();
    expect(exported.manifest.notes).toContainEqual(
      expect.objectContaining({
        file: 'main.tf',
        message: expect.stringMatching(/^acm in eu-west-1/),
      }),
    );
    const variables = (await parseHcl('variables.tf', file(exported, 'variables.tf').text)) as Tree;
    expect(variables.variable.vpc_endpoint_ids[0].type).toBe('${map(list(string))}');
    expect(file(exported, 'terraform.tfvars.example').text).toContain('"us-east-1/ecr.api"');
    expect(file(exported, 'terraform.tfvars.example').text).not.toContain('"eu-west-1/');
  });

  it('shows the terraform-aws-modules vpc-endpoints shape with policy = file(...)', async () => {
    const example = (await parseHcl(
      'main.tf',
      file(exported, 'examples/terraform-aws-modules/main.tf').text,
    )) as Tree;
    const module = example.module.vpc_endpoints_eu_west_1[0];
    expect(module.source).toBe('terraform-aws-modules/vpc/aws//modules/vpc-endpoints');
    expect(module.endpoints.s3_gateway).toMatchObject({ service: 's3', service_type: 'Gateway' });
    expect(module.endpoints.s3_interface).toMatchObject({
      service: 's3',
      service_type: 'Interface',
    });
    expect(module.endpoints.qbusiness).toMatchObject({
      service_name: 'aws.api.eu-west-1.qbusiness',
    });
    expect(module.endpoints.ec2.policy).toBe(
      '${file("${path.module}/../../policies/ec2-eu-west-1-endpoint-policy.json")}',
    );
  });

  it('writes the policies byte for byte as the JSON export', () =>
    expectPoliciesOfJsonExport(exported));
});

describe('export: CloudFormation', () => {
  const exported = exportPolicies(testConfig(config), 'cloudformation');
  const validateProperties = new Ajv({
    strict: false,
    validateFormats: false,
    allErrors: true,
  }).compile(vpcEndpointSchema);

  it('writes a YAML and a JSON template per region that read the same', () => {
    for (const region of ['eu-west-1', 'us-east-1']) {
      const yamlText = file(exported, `vpc-endpoints-${region}.yaml`).text;
      expect(yamlText).toMatch(/ServiceName: !Sub com\.amazonaws\.\$\{AWS::Region\}\.ec2$/m);
      expect(yamlText).toMatch(/VpcId: !Ref VpcId$/m);
      const fromYaml = parseYaml(yamlText, { customTags: cfnTags });
      const fromJson = JSON.parse(file(exported, `vpc-endpoints-${region}.json`).text);
      expect(fromYaml).toEqual(fromJson);
    }
  });

  it('gives every endpoint properties that the published AWS::EC2::VPCEndpoint schema accepts', () => {
    const templates = exported.files.filter((f) => f.kind === 'cloudformation');
    expect(templates).toHaveLength(4);
    let checked = 0;
    for (const template of templates) {
      const value = template.path.endsWith('.json')
        ? JSON.parse(template.text)
        : parseYaml(template.text, { customTags: cfnTags });
      const region = /vpc-endpoints-(.+)\.(yaml|json)$/.exec(template.path)![1]!;
      const parameters = {
        'AWS::Region': region,
        VpcId: hexId('vpc', 1),
        SubnetIds: [hexId('subnet', 1), hexId('subnet', 2)],
        SecurityGroupIds: [hexId('sg', 1)],
        RouteTableIds: [hexId('rtb', 1)],
      };
      for (const name of Object.keys(value.Parameters)) expect(parameters).toHaveProperty(name);
      for (const [logicalId, resource] of Object.entries<Tree>(value.Resources)) {
        expect(resource.Type).toBe('AWS::EC2::VPCEndpoint');
        const properties = resolveIntrinsics(resource.Properties, parameters);
        const valid = validateProperties(properties);
        expect(validateProperties.errors ?? [], `${template.path} ${logicalId}`).toEqual([]);
        expect(valid).toBe(true);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(10);
    // The schema is really applied: a property it does not know is refused.
    expect(validateProperties({ VpcId: 'vpc-1', Policy: {} })).toBe(false);
  });

  it('uses gateway endpoints for S3 and the inventory types, and the policy of the JSON export', () => {
    const eu = JSON.parse(file(exported, 'vpc-endpoints-eu-west-1.json').text);
    expect(eu.Resources.S3GatewayEndpoint.Properties).toMatchObject({
      VpcEndpointType: 'Gateway',
      RouteTableIds: { Ref: 'RouteTableIds' },
    });
    expect(eu.Resources.S3InterfaceEndpoint.Properties).toMatchObject({
      VpcEndpointType: 'Interface',
      PrivateDnsEnabled: true,
      DnsOptions: { PrivateDnsOnlyForInboundResolverEndpoint: 'OnlyInboundResolver' },
    });
    expect(eu.Resources.Ec2Endpoint.Properties.DnsOptions).toBeUndefined();
    expect(eu.Parameters.VpcId).toMatchObject({
      Type: 'AWS::EC2::VPC::Id',
      Default: hexId('vpc', 1),
    });
    const us = JSON.parse(file(exported, 'vpc-endpoints-us-east-1.json').text);
    expect(us.Resources.S3Endpoint.Properties.VpcEndpointType).toBe('Gateway');
    expect(us.Resources.IamEndpoint.Properties.ServiceName).toBe('com.amazonaws.iam');
    expect(us.Resources.QbusinessEndpoint.Properties.ServiceName).toEqual({
      'Fn::Sub': 'aws.api.${AWS::Region}.qbusiness',
    });
    expect(us.Resources.AcmEndpoint.Properties.PolicyDocument).toBeUndefined();
    expect(us.Rules.OnlyInUsEast1.Assertions[0].Assert).toEqual({
      'Fn::Equals': [{ Ref: 'AWS::Region' }, 'us-east-1'],
    });
    for (const [path, json] of [
      ['vpc-endpoints-eu-west-1.json', eu],
      ['vpc-endpoints-us-east-1.json', us],
    ] as const) {
      const region = path.includes('eu-west-1') ? 'eu-west-1' : 'us-east-1';
      const rendered = JSON.stringify(
        json.Resources.Ec2Endpoint.Properties.PolicyDocument,
        null,
        2,
      );
      expect(`${rendered}\n`).toBe(jsonPolicies.get(`ec2-${region}-endpoint-policy.json`));
    }
    expectPoliciesOfJsonExport(exported);
  });

  it('splits a region whose policies outgrow one template', () => {
    const every = exportPolicies(
      testConfig({
        ...config,
        services: [
          testServiceId('s3'),
          testServiceId('ec2'),
          testServiceId('ecr.api'),
          testServiceId('ssm'),
          testServiceId('lambda'),
          testServiceId('sts'),
          testServiceId('kms'),
          testServiceId('logs'),
          testServiceId('sqs'),
          testServiceId('sns'),
        ],
        regions: [testRegionCode('eu-west-1')],
        inventory: undefined,
      }),
      'cloudformation',
    );
    const templates = every.files.filter((f) => f.path.endsWith('.yaml'));
    expect(templates.length).toBeGreaterThanOrEqual(1);
    for (const t of templates)
      expect(new TextEncoder().encode(t.text).length).toBeLessThanOrEqual(460_800);
  });
});

describe('export: AWS CLI script', () => {
  const exported = exportPolicies(testConfig(config), 'cli');
  const dir = mkdtempSync(join(tmpdir(), 'vpce-cli-'));
  for (const f of exported.files) {
    mkdirSync(dirname(join(dir, f.path)), { recursive: true });
    writeFileSync(join(dir, f.path), f.text);
    if (f.executable) chmodSync(join(dir, f.path), 0o755);
  }
  const script = join(dir, 'apply-endpoint-policies.sh');

  it('is a valid bash script with a dry-run comment block', () => {
    expect(() => execFileSync('bash', ['-n', script])).not.toThrow();
    const text = file(exported, 'apply-endpoint-policies.sh').text;
    expect(text).toMatch(/^# Dry run first\. DRY_RUN=1 prints every command/m);
    expect(text).toContain(
      `#   eu-west-1  ${hexId('vpce', 1)}  s3 (s3-gw)  <- policies/s3-eu-west-1-endpoint-policy.json`,
    );
  });

  it('requires the ids the inventory lacks, then prints one modify-vpc-endpoint per endpoint in a dry run', () => {
    const without = spawnSync('bash', [script], {
      env: { PATH: process.env.PATH, DRY_RUN: '1' },
      encoding: 'utf8',
    });
    expect(without.status).toBe(2);
    expect(without.stderr).toContain('Set VPCE_ECR_API_US_EAST_1 to the ids of its endpoints');
    const variables = Object.fromEntries(
      ['S3', 'EC2', 'ECR_API', 'IAM', 'QBUSINESS'].map((s) => [`VPCE_${s}_US_EAST_1`, '']),
    );
    const run = spawnSync('bash', [script], {
      env: {
        PATH: process.env.PATH,
        DRY_RUN: '1',
        ...variables,
        VPCE_S3_US_EAST_1: `${hexId('vpce', 7)} ${hexId('vpce', 8)}`,
      },
      encoding: 'utf8',
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const lines = run.stdout
      .trim()
      .split('\n')
      .map((l) => l.trimEnd());
    expect(lines).toContain(
      `aws ec2 modify-vpc-endpoint --region eu-west-1 --vpc-endpoint-id ${hexId('vpce', 1)} --policy-document file://policies/s3-eu-west-1-endpoint-policy.json`,
    );
    expect(lines).toContain(
      `aws ec2 modify-vpc-endpoint --region us-east-1 --vpc-endpoint-id ${hexId('vpce', 8)} --policy-document file://policies/s3-us-east-1-endpoint-policy.json`,
    );
    // Two s3 in eu-west-1, one ec2 in eu-west-1, two s3 in us-east-1; ACM is left alone.
    expect(lines).toHaveLength(5);
  });

  it('writes the policies byte for byte as the JSON export', () =>
    expectPoliciesOfJsonExport(exported));
});
