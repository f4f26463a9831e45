import {
  configFormatFor,
  MAX_CONFIG_CHARACTERS,
  parseConfigText,
  readStructuredText,
  type PerimeterConfig,
  compilePolicy,
  evaluate,
  statementLabel,
  type EvaluationResult,
  type StatementOutcome,
  catalog,
  toRegionCode,
  toServiceId,
  type RegionCode,
  suggest,
  canonicalRegions,
  loadIamIndex,
  type IamIndex,
  MAX_POLICY_TEXT_CHARACTERS,
  checkPolicyForVerdict,
  planRequestMatrix,
  rowRegions,
  DECISIONS,
  simulatedRequestSchema,
  type Decision,
  type RequestPrincipal,
  type SavedRequest,
  type SimulatedRequest,
  endpointPolicyFor,
  endpointPolicyForNames,
  parseSavedRequests,
  requestShapeProblems,
  runSavedRequests,
  summarizeSuite,
  type SavedRequestOutcome,
} from '../../core/index';
import { formatDiagnostics, parseOptions, readTextFile } from '../io';
import { runMatrix } from './simulate-matrix';
import { EXIT, UsageError, type CliCommand, type CliIO } from '../types';

const usage = `Usage: vpce-policy simulate (--policy FILE | --config FILE --service NAME [--region CODE]) [request] [options]
       vpce-policy simulate (--policy FILE | --config FILE) --requests FILE [options]
       vpce-policy simulate --config FILE --matrix [--requests FILE] [options]

Says whether a request would pass through a VPC endpoint with this policy, which statements
decide, and, for every statement that does not apply, what stopped it.

The policy:
  --policy FILE              an endpoint policy (JSON)
  --config FILE              a perimeter configuration; the policy is the one it generates for
  --service NAME             this endpoint service (e.g. s3)
  --region CODE              and an endpoint in this region (default: the first selected region)

The request:
  --action ACTION            e.g. s3:GetObject (required)
  --resource ARN             the resource ARN, or * for actions without resources (required)
  the caller, one of:
    --principal-arn ARN        an IAM role, role session or user
    --principal-account ID     its account (taken from the ARN when not given)
    --principal-org ID|none    the organization of its account (o-...), or none
    --principal-tag KEY=VALUE  a tag of the principal (repeatable)
    --service-principal NAME   an AWS service principal, e.g. cloudformation.amazonaws.com
    --anonymous                an unsigned request
  --resource-account ID      the account that owns the resource
  --resource-org ID|none     the organization of that account, or none
  --context KEY=VALUE        any other context key (repeatable; repeat a key for several values)
  --expect DECISION          exit 1 unless the verdict is Allowed, ImplicitDeny or ExplicitDeny

A saved suite:
  --requests FILE            run saved requests with their expected verdicts: a list, or an
                             object with "savedRequests" (a configuration file works too)

Every request in every region:
  --matrix                   run every ready-made request of the selected services and every
                             saved request (of the configuration, or of --requests FILE) through
                             its service's endpoint in every selected region; rows not as
                             expected first (no verdict at all when a policy has errors)

Output:
  --json                     print the result as JSON

Exit code 0: evaluated (and as expected); 1: a verdict differs from its expectation;
2: bad usage or input.

Examples:
  npx vpce-policy simulate --policy s3-endpoint-policy.json --action s3:GetObject \\
    --resource arn:aws:s3:::our-bucket/report.csv --principal-arn arn:aws:iam::111122223333:role/app \\
    --principal-org o-a1b2c3d4e5 --resource-account 111122223333 --resource-org o-a1b2c3d4e5
  npx vpce-policy simulate --config perimeter.json --requests perimeter.json
`;

const OPTIONS = {
  policy: { type: 'string' },
  config: { type: 'string' },
  service: { type: 'string' },
  region: { type: 'string' },
  action: { type: 'string' },
  resource: { type: 'string' },
  'principal-arn': { type: 'string' },
  'principal-account': { type: 'string' },
  'principal-org': { type: 'string' },
  'principal-tag': { type: 'string', multiple: true },
  'service-principal': { type: 'string' },
  anonymous: { type: 'boolean' },
  'resource-account': { type: 'string' },
  'resource-org': { type: 'string' },
  context: { type: 'string', multiple: true },
  expect: { type: 'string' },
  requests: { type: 'string' },
  matrix: { type: 'boolean' },
  json: { type: 'boolean' },
} as const;

type Values = ReturnType<typeof parseOptions<typeof OPTIONS>>['values'];

/** Which flag sets each field of a request, to name it in messages. */
const FLAG_OF_FIELD: Record<string, string> = {
  'principal.arn': '--principal-arn',
  'principal.account': '--principal-account',
  'principal.organizationId': '--principal-org',
  'principal.service': '--service-principal',
  action: '--action',
  resource: '--resource',
  resourceAccount: '--resource-account',
  resourceOrganizationId: '--resource-org',
};

function keyValue(flag: string, text: string): [string, string] {
  const eq = text.indexOf('=');
  if (eq <= 0) throw new UsageError(`${flag} takes KEY=VALUE, not "${text}"`);
  return [text.slice(0, eq), text.slice(eq + 1)];
}

const orgOrNone = (value: string) => (value === 'none' ? null : value);

/** The request the flags describe, checked against the request schema. */
function requestFromFlags(values: Values): SimulatedRequest {
  if (values.action === undefined)
    throw new UsageError('--action is required, e.g. --action s3:GetObject');
  if (values.resource === undefined)
    throw new UsageError(
      '--resource is required: the resource ARN, or * for actions without resources',
    );
  const iamFlags = [
    'principal-arn',
    'principal-account',
    'principal-org',
    'principal-tag',
  ] as const;
  const kinds = [
    iamFlags.some((f) => values[f] !== undefined) ? 'iam' : undefined,
    values['service-principal'] !== undefined ? 'service' : undefined,
    values.anonymous ? 'anonymous' : undefined,
  ].filter(Boolean);
  if (kinds.length === 0)
    throw new UsageError(
      'describe the caller: --principal-arn/--principal-account, --service-principal NAME or --anonymous',
    );
  if (kinds.length > 1)
    throw new UsageError(
      'give one kind of caller: IAM principal flags, --service-principal or --anonymous, not several',
    );

  let principal: RequestPrincipal;
  if (kinds[0] === 'service') {
    principal = { type: 'service', service: values['service-principal']! };
  } else if (kinds[0] === 'anonymous') {
    principal = { type: 'anonymous' };
  } else {
    const arn = values['principal-arn'];
    const account =
      values['principal-account'] ??
      (arn ? /^arn:[^:]*:[^:]*:[^:]*:(\d{12}):/.exec(arn)?.[1] : undefined);
    if (account === undefined)
      throw new UsageError(
        '--principal-account is required when --principal-arn does not hold an account id',
      );
    principal = { type: 'iam', account };
    if (arn !== undefined) principal.arn = arn;
    if (values['principal-org'] !== undefined)
      principal.organizationId = orgOrNone(values['principal-org']);
    if (values['principal-tag'])
      principal.tags = Object.fromEntries(
        values['principal-tag'].map((t) => keyValue('--principal-tag', t)),
      );
  }
  const request: Record<string, unknown> = {
    principal,
    action: values.action,
    resource: values.resource,
  };
  if (values['resource-account'] !== undefined)
    request.resourceAccount = values['resource-account'];
  if (values['resource-org'] !== undefined)
    request.resourceOrganizationId = orgOrNone(values['resource-org']);
  if (values.context) {
    // A Map, so that keys such as constructor or __proto__ are keys like any other.
    const context = new Map<string, string | string[]>();
    for (const entry of values.context) {
      const [key, value] = keyValue('--context', entry);
      const previous = context.get(key);
      context.set(
        key,
        previous === undefined
          ? value
          : [...(Array.isArray(previous) ? previous : [previous]), value],
      );
    }
    request.context = Object.fromEntries(context);
  }
  const parsed = simulatedRequestSchema.safeParse(request);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const field = issue.path.join('.');
      const flag = Object.hasOwn(FLAG_OF_FIELD, field) ? FLAG_OF_FIELD[field] : field;
      return `${flag}: ${issue.message}`;
    });
    throw new UsageError(problems.join('\n'));
  }
  const shape = requestShapeProblems(parsed.data);
  if (shape.length > 0)
    throw new UsageError(
      shape
        .map(
          (problem) =>
            `${problem.field === 'resource' ? '--resource' : '--principal-arn'}: ${problem.message}`,
        )
        .join('\n'),
    );
  return parsed.data;
}

function parseDecision(text: string | undefined): Decision | undefined {
  if (text === undefined) return undefined;
  const decision = DECISIONS.find((d) => d.toLowerCase() === text.toLowerCase());
  if (!decision) throw new UsageError(`--expect takes ${DECISIONS.join(', ')}, not "${text}"`);
  return decision;
}

interface PolicyChoice {
  /** What the policy is, for messages: a file name or "s3 (us-east-1)". */
  label: string;
  /** A policy text for one request, or a function of the saved request for a suite. */
  forRequest: (saved?: SavedRequest) => { text: string; label: string };
}

function loadConfig(file: string, io: CliIO): PerimeterConfig {
  const { text } = readTextFile(io.cwd, file, MAX_CONFIG_CHARACTERS, 'configuration');
  const parsed = parseConfigText(text, { format: configFormatFor(file) });
  io.stderr(formatDiagnostics(file, parsed.diagnostics, { quiet: true }));
  if (!parsed.config) throw new UsageError(`the configuration ${file} has errors`);
  return parsed.config;
}

function policyChoice(
  values: Values,
  io: CliIO,
  configFromRequests: PerimeterConfig | undefined,
): PolicyChoice {
  if (values.policy !== undefined && values.config !== undefined)
    throw new UsageError('give --policy or --config, not both');
  if (values.policy !== undefined) {
    const file = values.policy;
    const { text } = readTextFile(io.cwd, file, MAX_POLICY_TEXT_CHARACTERS, 'policy');
    return { label: file, forRequest: () => ({ text, label: file }) };
  }
  const config = values.config !== undefined ? loadConfig(values.config, io) : configFromRequests;
  if (!config)
    throw new UsageError('give the policy: --policy FILE, or --config FILE with --service NAME');
  const configRegions = canonicalRegions(config.regions, catalog);
  const generated = new Map<string, { text: string; label: string }>();
  const policyOf = (service: string, region: RegionCode | undefined) => {
    const key = `${service}\u0000${region ?? ''}`;
    let entry = generated.get(key);
    if (!entry) {
      const serviceId = toServiceId(service, catalog);
      if (serviceId === undefined) throw new UsageError(`Unknown endpoint service "${service}".`);
      const policy = endpointPolicyFor(config, serviceId, region);
      entry = {
        text: policy.text,
        label: `the ${service} policy${policy.regions.length > 0 ? ` for ${policy.regions.join(', ')}` : ''}`,
      };
      generated.set(key, entry);
    }
    return entry;
  };
  return {
    label: values.service ?? 'the configuration',
    forRequest: (saved) => {
      const service = saved?.service ?? values.service;
      if (service === undefined)
        throw new UsageError('--service is required with --config, e.g. --service s3');
      const region = saved?.region ?? values.region;
      const where = saved ? `the saved request "${saved.name}"` : '--region';
      return policyOf(
        service,
        region === undefined ? undefined : checkRegion(region, configRegions, where),
      );
    },
  };
}

/**
 * A region must be one the catalog knows and one the configuration selects: the policy of another
 * region is not the one on the endpoint, and a verdict about it would mislead.
 */
function checkRegion(
  region: string,
  configRegions: readonly RegionCode[],
  where: string,
): RegionCode {
  const code = toRegionCode(region, catalog);
  if (code === undefined) {
    const guess = suggest(
      region,
      catalog.regions.map((r) => r.code),
    );
    throw new UsageError(
      `${where}: "${region}" is not an AWS region${guess ? `; did you mean "${guess}"?` : ''} (vpce-policy catalog regions lists them)`,
    );
  }
  if (configRegions.length > 0 && !configRegions.includes(code))
    throw new UsageError(
      `${where}: the configuration does not select ${region}; its regions are ${configRegions.join(', ')}`,
    );
  return code;
}

function describeStatement(outcome: StatementOutcome, policyFile: string | undefined): string {
  const head = `${outcome.index + 1}. ${statementLabel(outcome)}${outcome.effect ? ` (${outcome.effect})` : ''}`;
  if (outcome.applies) return `${head}: applies${outcome.note ? ` (${outcome.note})` : ''}`;
  const failure = outcome.failure!;
  const where =
    failure.range && policyFile
      ? ` [${policyFile}:${failure.range.start.line}:${failure.range.start.column}]`
      : '';
  const element =
    failure.element === 'Condition'
      ? `Condition ${failure.operator} ${failure.key}`
      : failure.element;
  return `${head}: does not apply, ${element}: ${failure.message}${where}`;
}

function resultText(result: EvaluationResult, policyFile: string | undefined): string {
  const lines = [result.summary, '', 'Statements:'];
  for (const outcome of result.statements)
    lines.push(`  ${describeStatement(outcome, policyFile)}`);
  if (result.statements.length === 0) lines.push('  (none)');
  lines.push('', 'Context keys used:');
  const width = Math.max(0, ...result.contextUsed.map((u) => u.key.length));
  for (const use of result.contextUsed) {
    const value = use.present
      ? `= ${Array.isArray(use.value) ? `[${use.value.join(', ')}]` : use.value}  (${use.origin}: ${use.from})`
      : `absent${use.absentBecause ? ` (${use.absentBecause})` : ''}`;
    lines.push(`  ${use.key.padEnd(width)}  ${value}`);
  }
  if (result.contextUsed.length === 0) lines.push('  (none)');
  return `${lines.join('\n')}\n`;
}

function decidingJson(result: EvaluationResult) {
  return result.deciding.map((s) => ({
    index: s.index,
    ...(s.sid !== undefined ? { sid: s.sid } : {}),
    effect: s.effect,
  }));
}

/** Prints the validator's errors and refuses to go on when the policy may not get a verdict. */
function checkPolicyBeforeVerdict(
  label: string,
  text: string,
  iamIndex: IamIndex,
  io: CliIO,
  json: boolean,
): void {
  const { errors, unreadable } = checkPolicyForVerdict(text, { iamIndex });
  io.stderr(formatDiagnostics(label, errors.length > 0 ? errors : compilePolicy(text).diagnostics));
  if (unreadable) throw new UsageError(`${label} is not a readable endpoint policy`);
  if (errors.length === 0) return;
  // Not every error is one AWS refuses: the perimeter's own (a statement that admits anyone) are
  // errors too, and a verdict on such a policy would read as approval.
  const reason = `${label} has ${errors.length === 1 ? 'an error' : `${errors.length} errors`} (above); no verdict is given on a policy with errors, which AWS may refuse or which may not keep the perimeter`;
  if (json)
    io.stdout(
      `${JSON.stringify({ decision: null, refused: reason, policy: label, diagnostics: errors }, null, 2)}\n`,
    );
  throw new UsageError(reason);
}

/** Checks every policy a cell of the matrix goes through before the first verdict, as a suite's. */
function checkMatrixPolicies(
  config: PerimeterConfig,
  saved: readonly SavedRequest[],
  iamIndex: IamIndex,
  io: CliIO,
  json: boolean,
): void {
  const plan = planRequestMatrix(config, saved);
  const endpoints = new Map<string, { service: string; region: string | undefined }>();
  for (const row of plan.rows)
    for (const region of rowRegions(plan, row)) {
      const endpointRegion = plan.perRegion ? region : undefined;
      endpoints.set(`${row.service}\u0000${endpointRegion ?? ''}`, {
        service: row.service,
        region: endpointRegion,
      });
    }
  for (const { service, region } of endpoints.values()) {
    const policy = endpointPolicyForNames(config, service, region);
    const label = `the ${service} policy${policy.regions.length > 0 ? ` for ${policy.regions.join(', ')}` : ''}`;
    checkPolicyBeforeVerdict(label, policy.text, iamIndex, io, json);
  }
}

/** Reads a requests file: JSON (comments allowed) or YAML; a configuration file also works. */
function readRequestsFile(
  file: string,
  io: CliIO,
): { requests: SavedRequest[]; config?: PerimeterConfig } {
  const { text } = readTextFile(io.cwd, file, MAX_CONFIG_CHARACTERS, 'requests file');
  const format = configFormatFor(file);
  const read = readStructuredText(text, format);
  if (read.value === undefined) {
    io.stderr(formatDiagnostics(file, read.diagnostics));
    throw new UsageError(`${file} could not be read`);
  }
  const value = read.value;
  if (typeof value === 'object' && value !== null && !Array.isArray(value) && 'version' in value) {
    const parsed = parseConfigText(text, { format });
    io.stderr(formatDiagnostics(file, parsed.diagnostics, { quiet: true }));
    if (!parsed.config) throw new UsageError(`the configuration ${file} has errors`);
    return { requests: parsed.config.savedRequests ?? [], config: parsed.config };
  }
  const parsed = parseSavedRequests(value, read.locate);
  if (!parsed.requests) {
    io.stderr(formatDiagnostics(file, parsed.diagnostics));
    throw new UsageError(`${file} is not a list of saved requests`);
  }
  return { requests: parsed.requests };
}

function runSuite(values: Values, io: CliIO, iamIndex: IamIndex): number {
  const { requests, config } = readRequestsFile(values.requests!, io);
  const choice = policyChoice(values, io, config);
  // Every policy of the suite is checked before the first verdict.
  const texts = requests.map((saved) => choice.forRequest(saved));
  const checked = new Set<string>();
  for (const { text, label } of texts) {
    if (checked.has(label)) continue;
    checked.add(label);
    checkPolicyBeforeVerdict(label, text, iamIndex, io, values.json ?? false);
  }
  const outcomes: SavedRequestOutcome[] = runSavedRequests(
    requests,
    (saved) => choice.forRequest(saved).text,
  );
  const summary = summarizeSuite(outcomes);
  if (values.json) {
    const report = {
      total: summary.total,
      passed: summary.passed,
      failed: summary.failed,
      requests: outcomes.map((o) => ({
        name: o.saved.name,
        service: o.saved.service,
        ...(o.saved.region ? { region: o.saved.region } : {}),
        expect: o.saved.expect,
        decision: o.result.withheld === undefined ? o.result.decision : null,
        ...(o.result.withheld !== undefined ? { withheld: o.result.withheld } : {}),
        passed: o.passed,
        summary: o.result.summary,
        deciding: decidingJson(o.result),
      })),
    };
    io.stdout(`${JSON.stringify(report, null, 2)}\n`);
  } else {
    const lines = outcomes.map((o) => {
      const where = `[${o.saved.service}${o.saved.region ? ` ${o.saved.region}` : ''}]`;
      if (o.result.withheld !== undefined)
        return `FAIL  ${o.saved.name} ${where}: no verdict: ${o.result.withheld}`;
      return o.passed
        ? `PASS  ${o.saved.name} ${where}: ${o.result.decision}`
        : `FAIL  ${o.saved.name} ${where}: expected ${o.saved.expect}, got ${o.result.decision}. ${o.result.summary}`;
    });
    lines.push(
      `${summary.total} saved request${summary.total === 1 ? '' : 's'}: ${summary.passed} passed, ${summary.failed} failed`,
    );
    io.stdout(`${lines.join('\n')}\n`);
  }
  return summary.failed > 0 ? EXIT.findings : EXIT.ok;
}

export const simulateCommand: CliCommand = {
  name: 'simulate',
  summary: 'say whether a request passes an endpoint policy, and why',
  usage,
  async run(args: string[], io: CliIO): Promise<number> {
    const { values } = parseOptions(args, OPTIONS);
    if (values.region !== undefined && values.policy !== undefined)
      throw new UsageError(
        '--region chooses the policy a --config generates; with --policy the file is the policy',
      );
    const iamIndex = await loadIamIndex();
    const requestFlags = [
      'action',
      'resource',
      'principal-arn',
      'principal-account',
      'service-principal',
      'anonymous',
      'context',
      'expect',
    ] as const;
    const extra = requestFlags.filter((f) => values[f] !== undefined);
    if (values.matrix) {
      if (values.config === undefined || values.policy !== undefined)
        throw new UsageError(
          '--matrix runs the policies a configuration generates: give --config FILE',
        );
      if (extra.length > 0)
        throw new UsageError(
          `--matrix runs ready-made and saved requests; it does not take ${extra.map((f) => `--${f}`).join(', ')}`,
        );
      const config = loadConfig(values.config, io);
      const saved =
        values.requests !== undefined
          ? readRequestsFile(values.requests, io).requests
          : (config.savedRequests ?? []);
      checkMatrixPolicies(config, saved, iamIndex, io, values.json === true);
      return runMatrix(config, saved, io, values.json === true);
    }
    if (values.requests !== undefined) {
      if (extra.length > 0)
        throw new UsageError(
          `--requests runs saved requests; it does not take ${extra.map((f) => `--${f}`).join(', ')}`,
        );
      return runSuite(values, io, iamIndex);
    }
    const expected = parseDecision(values.expect);
    const request = requestFromFlags(values);
    const choice = policyChoice(values, io, undefined);
    const { text, label } = choice.forRequest();
    checkPolicyBeforeVerdict(label, text, iamIndex, io, values.json ?? false);
    const result = evaluate(text, request);
    if (result.withheld !== undefined) throw new UsageError(`no verdict: ${result.withheld}`);
    io.stderr(
      formatDiagnostics(
        'request',
        result.diagnostics.filter((d) => d.code.startsWith('request/')),
      ),
    );
    if (values.json) {
      const report = {
        decision: result.decision,
        summary: result.summary,
        deciding: decidingJson(result),
        statements: result.statements,
        contextUsed: result.contextUsed,
        context: result.context,
        policy: label,
        policyValid: result.policyValid,
        request,
        ...(expected ? { expect: expected, passed: expected === result.decision } : {}),
      };
      io.stdout(`${JSON.stringify(report, null, 2)}\n`);
    } else {
      io.stdout(resultText(result, values.policy));
      if (expected && expected !== result.decision)
        io.stdout(`Expected ${expected}, got ${result.decision}.\n`);
    }
    return expected && expected !== result.decision ? EXIT.findings : EXIT.ok;
  },
};
