/**
 * Reads the output of `aws ec2 describe-vpc-endpoints` (one region per file, or several files at
 * once): each endpoint's id, type, VPC, service, region and deployed policy. The region is not in
 * the output itself: it comes from the service name, else from the endpoint's DNS names, else from
 * a region named in the file name. Every problem is a diagnostic naming the file and the field; a
 * bad endpoint is left out, never the rest of the file.
 */
import { findNodeAtLocation, parseTree } from 'jsonc-parser';
import { catalog as bundledCatalog, type Catalog } from '../catalog/catalog';
import { toRegionCode, type RegionCode, type ServiceId } from '../catalog/ids';
import { formatJsonPath, type JsonPath } from '../text/json-path';
import { offsetRange, type Diagnostic, type DiagnosticCode } from '../diagnostics';
import { formatCount } from '../text/format-count';
import {
  VPC_ENDPOINT_ID_PATTERN,
  VPC_ENDPOINT_TYPES,
  type VpcEndpointType,
} from '../catalog/endpoint-ids';
import { readLargeJson, type LargeJsonOptions } from './large-json';
import { resolveServiceName } from './service-names';

/**
 * Larger files are refused unread. 5,000 endpoints with policies near the 20,480-character quota
 * take about 110 million characters escaped; a describe output of one region is far smaller.
 */
export const MAX_DESCRIBE_CHARACTERS = 40_000_000;
/** Endpoints read from all files together. */
export const MAX_DESCRIBED_ENDPOINTS = 20_000;

export const DESCRIBE_JSON_OPTIONS: LargeJsonOptions = {
  maxCharacters: MAX_DESCRIBE_CHARACTERS,
  maxDepth: 16,
  expected: 'the JSON output of "aws ec2 describe-vpc-endpoints"',
};

/** Findings of one kind listed per file; past this, they are counted. */
const FINDINGS_PER_CODE = 50;

/** States of an endpoint that no longer carries traffic; such endpoints are left out. */
const GONE_STATES = new Set(['deleting', 'deleted', 'rejected', 'failed', 'expired']);

export interface DeployedEndpoint {
  id: string;
  type?: VpcEndpointType;
  vpcId?: string;
  ownerId?: string;
  /** The Name tag. */
  name?: string;
  /** `State` as AWS reports it: available, pendingAcceptance, ... */
  state?: string;
  serviceName?: string;
  /** The catalog service, when the name is one of its services. */
  service?: ServiceId;
  /** What the service name is: a catalog service, an account's endpoint service, or unknown. */
  serviceKind: 'aws-service' | 'endpoint-service' | 'unknown';
  /** The endpoint's region; absent when nothing says it. */
  region?: RegionCode;
  /** The deployed policy as AWS returns it (a JSON text); absent when the output has none. */
  policyDocument?: string;
  /** The file and the field the endpoint was read from. */
  source: { file: string; path: string };
}

export interface DescribeFile {
  /** A name for messages; a region code in it is the region of endpoints of global services. */
  name: string;
  text: string;
}

export interface DescribeReadResult {
  endpoints: DeployedEndpoint[];
  /** Per file, what was wrong with it. */
  diagnostics: { file: string; diagnostics: Diagnostic[] }[];
}

const REGION_IN_DNS = /\.([a-z]{2,4}(?:-[a-z]+)+-\d+)\.vpce\.amazonaws\.[a-z.]+$/;

function regionInFileName(name: string, catalog: Catalog): RegionCode | undefined {
  const lower = name.toLowerCase();
  // The longest code that stands alone: "us-gov-east-1" rather than a shorter code inside it.
  let found: RegionCode | undefined;
  for (const { code } of catalog.regions) {
    const at = lower.indexOf(code);
    if (at < 0 || (found && found.length >= code.length)) continue;
    const before = lower.charAt(at - 1);
    const after = lower.charAt(at + code.length);
    if (!/[a-z0-9]/.test(before) && !/[0-9]/.test(after)) found = code;
  }
  return found;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The list of endpoint objects in the accepted shapes, or a message saying what the value is instead. */
function endpointList(value: unknown): { items: [unknown, JsonPath][] } | { problem: string } {
  const fromDocument = (document: Record<string, unknown>, base: JsonPath) => {
    const list = document.VpcEndpoints;
    return Array.isArray(list)
      ? list.map((item, i): [unknown, JsonPath] => [item, [...base, 'VpcEndpoints', i]])
      : undefined;
  };
  if (isRecord(value)) {
    if ('VpcEndpoints' in value) {
      const items = fromDocument(value, []);
      return items ? { items } : { problem: 'VpcEndpoints should be a list of endpoints.' };
    }
    if ('VpcEndpointId' in value) return { items: [[value, []]] };
    if ('Statement' in value)
      return {
        problem:
          'This is a policy, not the output of describe-vpc-endpoints; validate it with "vpce-policy validate".',
      };
    if ('version' in value && 'services' in value)
      return {
        problem: 'This is a perimeter configuration, not the output of describe-vpc-endpoints.',
      };
    return {
      problem: `Expected an object with a "VpcEndpoints" list; found the fields ${Object.keys(value)
        .slice(0, 5)
        .map((k) => `"${k.slice(0, 40)}"`)
        .join(', ')}${Object.keys(value).length > 5 ? ', ...' : ''}.`,
    };
  }
  if (Array.isArray(value)) {
    const items: [unknown, JsonPath][] = [];
    for (let i = 0; i < value.length; i++) {
      const entry = value[i];
      if (isRecord(entry) && 'VpcEndpoints' in entry) {
        const inner = fromDocument(entry, [i]);
        if (!inner) return { problem: `[${i}].VpcEndpoints should be a list of endpoints.` };
        items.push(...inner);
      } else items.push([entry, [i]]);
    }
    return { items };
  }
  return {
    problem: `Expected an object with a "VpcEndpoints" list; found ${value === null ? 'null' : typeof value}.`,
  };
}

/**
 * The findings of one file: a file of thousands of endpoints may repeat one problem, so a few of
 * each code are listed and the rest counted; the listed ones keep their path to be located.
 */
class FileFindings {
  readonly located: { diagnostic: Diagnostic; path: JsonPath }[] = [];
  private readonly perCode = new Map<string, { severity: Diagnostic['severity']; count: number }>();

  constructor(private readonly diagnostics: Diagnostic[]) {}

  readonly report: Report = (severity, code, path, message, hint) => {
    const seen = this.perCode.get(code) ?? { severity, count: 0 };
    seen.count++;
    this.perCode.set(code, seen);
    if (seen.count > FINDINGS_PER_CODE) return;
    const diagnostic: Diagnostic = { severity, code, message, path: formatJsonPath(path) };
    if (hint) diagnostic.hint = hint;
    this.diagnostics.push(diagnostic);
    this.located.push({ diagnostic, path });
  };

  /** Adds one finding per code for the endpoints past the listed ones. */
  countRepeated(): void {
    for (const [code, { severity, count }] of this.perCode)
      if (count > FINDINGS_PER_CODE)
        this.diagnostics.push({
          severity,
          code,
          message: `${formatCount(count - FINDINGS_PER_CODE)} more endpoints of this file have the same problem.`,
        });
  }
}

/**
 * Reads the endpoints of one file into `endpoints`, leaving out those past the limit, those
 * already read (`seen`, by id) and those that are gone.
 */
function readFileEndpoints(
  file: DescribeFile,
  items: readonly [unknown, JsonPath][],
  endpoints: DeployedEndpoint[],
  seen: Map<string, string>,
  findings: FileFindings,
  catalog: Catalog,
): void {
  const { report } = findings;
  const fileRegion = regionInFileName(file.name, catalog);
  for (const [item, path] of items) {
    if (endpoints.length >= MAX_DESCRIBED_ENDPOINTS) {
      report(
        'error',
        'describe/too-many-endpoints',
        path,
        `Only the first ${formatCount(MAX_DESCRIBED_ENDPOINTS)} endpoints are read; the rest of the files is left out.`,
      );
      break;
    }
    const endpoint = readEndpoint(item, path, file.name, fileRegion, catalog, report);
    if (!endpoint) continue;
    const previous = seen.get(endpoint.id);
    if (previous !== undefined) {
      report(
        'warning',
        'describe/duplicate-endpoint',
        [...path, 'VpcEndpointId'],
        `The endpoint ${endpoint.id} was already read (${previous}); this copy is left out.`,
      );
      continue;
    }
    seen.set(endpoint.id, `${file.name} ${endpoint.source.path}`);
    if (endpoint.state && GONE_STATES.has(endpoint.state.toLowerCase())) {
      report(
        'info',
        'describe/endpoint-gone',
        [...path, 'State'],
        `The endpoint ${endpoint.id} is ${endpoint.state}; it is left out.`,
      );
      continue;
    }
    endpoints.push(endpoint);
  }
}

/** Reads describe-vpc-endpoints outputs; an endpoint listed twice is read once. */
export function readDescribeVpcEndpoints(
  files: readonly DescribeFile[],
  catalog: Catalog = bundledCatalog,
): DescribeReadResult {
  const endpoints: DeployedEndpoint[] = [];
  const seen = new Map<string, string>();
  const result: DescribeReadResult = { endpoints, diagnostics: [] };
  for (const file of files) {
    const diagnostics: Diagnostic[] = [];
    result.diagnostics.push({ file: file.name, diagnostics });
    const read = readLargeJson(file.text, DESCRIBE_JSON_OPTIONS);
    diagnostics.push(...read.diagnostics);
    if (read.value === undefined) continue;
    const list = endpointList(read.value);
    if ('problem' in list) {
      diagnostics.push({ severity: 'error', code: 'describe/wrong-shape', message: list.problem });
      continue;
    }
    const findings = new FileFindings(diagnostics);
    readFileEndpoints(file, list.items, endpoints, seen, findings, catalog);
    locateDiagnostics(file.text, findings.located);
    findings.countRepeated();
  }
  return result;
}

/** Adds line and column to the findings of a file of moderate size (a tree of a huge file costs too much). */
function locateDiagnostics(
  text: string,
  located: readonly { diagnostic: Diagnostic; path: JsonPath }[],
): void {
  if (located.length === 0 || text.length > 5_000_000) return;
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const tree = parseTree(body);
  if (!tree) return;
  for (const { diagnostic, path } of located.slice(0, 200)) {
    for (let n = path.length; n >= 0; n--) {
      const node = findNodeAtLocation(tree, path.slice(0, n) as (string | number)[]);
      if (node) {
        diagnostic.range = offsetRange(body, node.offset, node.length);
        break;
      }
    }
  }
}

type Report = (
  severity: Diagnostic['severity'],
  code: DiagnosticCode,
  path: JsonPath,
  message: string,
  hint?: string,
) => void;

/** A string field of an endpoint; a value of another kind or too long is reported and ignored. */
function stringField(
  item: Record<string, unknown>,
  key: string,
  id: string,
  path: JsonPath,
  report: Report,
  max = 256,
): string | undefined {
  const value = item[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || value.length > max) {
    report(
      'warning',
      'describe/invalid-field',
      [...path, key],
      `${key} of ${id} should be a string${typeof value === 'string' ? ` of at most ${formatCount(max)} characters` : ''}; it is ignored.`,
    );
    return undefined;
  }
  return value;
}

/** Reads the endpoint's type, VPC, owner, state, Name tag and policy into it. */
function readEndpointFields(
  endpoint: DeployedEndpoint,
  item: Record<string, unknown>,
  path: JsonPath,
  report: Report,
): void {
  const { id } = endpoint;
  const type = stringField(item, 'VpcEndpointType', id, path, report);
  if (type !== undefined) {
    if ((VPC_ENDPOINT_TYPES as readonly string[]).includes(type))
      endpoint.type = type as VpcEndpointType;
    else
      report(
        'warning',
        'describe/endpoint-type',
        [...path, 'VpcEndpointType'],
        `Unknown endpoint type "${type.slice(0, 40)}" of ${id}; expected ${VPC_ENDPOINT_TYPES.join(', ')}.`,
      );
  }
  const vpcId = stringField(item, 'VpcId', id, path, report);
  if (vpcId !== undefined) endpoint.vpcId = vpcId;
  const ownerId = stringField(item, 'OwnerId', id, path, report);
  if (ownerId !== undefined) endpoint.ownerId = ownerId;
  const state = stringField(item, 'State', id, path, report);
  if (state !== undefined) endpoint.state = state;
  if (Array.isArray(item.Tags)) {
    const nameTag = item.Tags.find((t) => isRecord(t) && t.Key === 'Name');
    if (isRecord(nameTag) && typeof nameTag.Value === 'string')
      endpoint.name = nameTag.Value.slice(0, 256);
  }
  const policy = item.PolicyDocument;
  if (typeof policy === 'string') endpoint.policyDocument = policy;
  else if (isRecord(policy)) endpoint.policyDocument = JSON.stringify(policy);
  else if (policy !== undefined && policy !== null)
    report(
      'warning',
      'describe/invalid-field',
      [...path, 'PolicyDocument'],
      `PolicyDocument of ${id} should be a JSON text; it is ignored.`,
    );
}

/**
 * Reads the endpoint's service and region: the service name tells both for an AWS service; else
 * the region comes from its DNS names, else from the file's name.
 */
function readEndpointService(
  endpoint: DeployedEndpoint,
  item: Record<string, unknown>,
  path: JsonPath,
  fileRegion: RegionCode | undefined,
  catalog: Catalog,
  report: Report,
): void {
  const serviceName = stringField(item, 'ServiceName', endpoint.id, path, report);
  if (serviceName !== undefined) {
    endpoint.serviceName = serviceName;
    const resolved = resolveServiceName(serviceName, catalog);
    endpoint.serviceKind = resolved.kind;
    if (resolved.kind === 'aws-service') endpoint.service = resolved.service;
    if (resolved.region) endpoint.region = resolved.region;
  }
  if (!endpoint.region) {
    const dnsRegion = dnsEntryRegion(item.DnsEntries, catalog);
    if (dnsRegion) endpoint.region = dnsRegion;
    else if (fileRegion) endpoint.region = fileRegion;
    else
      report(
        'warning',
        'describe/unknown-region',
        path,
        `Nothing tells the region of ${endpoint.id} (${serviceName ?? 'no service name'}): it is audited without one.`,
        'Name the file after its region, e.g. "endpoints-eu-west-1.json".',
      );
  }
}

function readEndpoint(
  item: unknown,
  path: JsonPath,
  file: string,
  fileRegion: RegionCode | undefined,
  catalog: Catalog,
  report: Report,
): DeployedEndpoint | undefined {
  if (!isRecord(item)) {
    report('error', 'describe/not-an-endpoint', path, 'Expected an endpoint object here.');
    return undefined;
  }
  const id = item.VpcEndpointId;
  if (typeof id !== 'string' || !VPC_ENDPOINT_ID_PATTERN.test(id)) {
    report(
      'error',
      'describe/endpoint-id',
      [...path, 'VpcEndpointId'],
      typeof id === 'string'
        ? `"${id.slice(0, 60)}" is not a VPC endpoint id ("vpce-" and 8 or 17 hexadecimal digits); the endpoint is left out.`
        : 'The endpoint has no VpcEndpointId; it is left out.',
    );
    return undefined;
  }
  const endpoint: DeployedEndpoint = {
    id,
    serviceKind: 'unknown',
    source: { file, path: formatJsonPath(path) },
  };
  readEndpointFields(endpoint, item, path, report);
  readEndpointService(endpoint, item, path, fileRegion, catalog, report);
  return endpoint;
}

function dnsEntryRegion(entries: unknown, catalog: Catalog): RegionCode | undefined {
  if (!Array.isArray(entries)) return undefined;
  for (const entry of entries.slice(0, 20)) {
    if (!isRecord(entry) || typeof entry.DnsName !== 'string' || entry.DnsName.length > 300)
      continue;
    const region = toRegionCode(REGION_IN_DNS.exec(entry.DnsName)?.[1] ?? '', catalog);
    if (region) return region;
  }
  return undefined;
}
