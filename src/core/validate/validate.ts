/**
 * The policy validator: one pure function from the text of a VPC endpoint policy to diagnostics
 * (each with a stable code, a message, a hint and a line:column range), the size against the
 * quota, and what the policy is in terms of the perimeter catalog. It never throws and stays
 * linear in the size of the text, so it can run on every keystroke and on any file.
 *
 * Checks of action names and condition keys need the IAM reference index: pass the result of
 * `loadIamIndex()` as `iamIndex`; without it those checks are skipped.
 */
import { catalog as bundledCatalog, type Catalog } from '../catalog/catalog';
import { POLICY_SIZE_LIMIT, toRegionCode, toServiceId, type RegionCode } from '../catalog/ids';
import type { EndpointService } from '../catalog/schema';
import type { Diagnostic, TextRange } from '../diagnostics';
import type { IamIndex } from '../iam/iam-index';
import { Findings, LineIndex } from '../policy/findings';
import { regionFinderFor } from '../policy/identifiers';
import { lintPerimeter, type EndpointType } from './perimeter-lints';
import { readPolicyJson } from '../policy/policy-json';
import { readPolicyModel, type PolicyModel } from '../policy/policy-model';
import { recognizePolicy, type PolicyRecognition } from './recognize';
import { measurePolicy, minifiedCharacters, type PolicySize } from '../policy/size';
import { formatCount } from '../text/format-count';
import { BUDGETS, overBudgetMessage } from '../budgets';
import { NO_ORG_TO_ORG_MESSAGE } from '../diagnostic-messages';
import { checkPolicyValues } from './value-checks';

export type { EndpointType } from './perimeter-lints';
export type {
  PolicyModel,
  ParsedStatement,
  PolicyValue,
  ConditionEntry,
  PrincipalElement,
  ValueListElement,
} from '../policy/policy-model';
export type {
  PolicyAdoption,
  PolicyRecognition,
  RecognitionBasis,
  RecognizedPattern,
  RecognizedStatement,
  UnmappedElement,
} from './recognize';
export type { PolicySize } from '../policy/size';
export { MAX_POLICY_TEXT_CHARACTERS } from '../policy/policy-json';

export interface ValidateOptions {
  /** The endpoint service the policy is for, e.g. `s3`; guessed from the policy when absent. */
  service?: string;
  /** A gateway or an interface endpoint, for services that offer both (S3, DynamoDB). */
  endpointType?: EndpointType;
  /** Regions of the endpoints the policy is for; ARNs of other partitions are then reported. */
  regions?: readonly string[];
  /** The IAM reference index, from `loadIamIndex()`; without it actions and condition keys are not looked up. */
  iamIndex?: IamIndex;
  catalog?: Catalog;
}

export interface PolicyValidation {
  /** In text order; errors make the policy unusable, warnings are risks, notes inform. */
  diagnostics: Diagnostic[];
  size: PolicySize;
  /** What the policy contains in terms of the catalog; absent when the text is not a JSON object without syntax errors. */
  recognition?: PolicyRecognition;
  /** The policy with positions, for editors; absent like `recognition`. */
  model?: PolicyModel;
  /** Version of the IAM reference data the names were checked against, when an index was given. */
  iamDataVersion?: string;
}

/** Ten times the quota: larger texts get no recognition, and only their first statements are read. */
const MAX_RECOGNIZED_CHARACTERS = 10 * POLICY_SIZE_LIMIT;
/**
 * Statements read in detail in a text beyond ten times the quota: such a text cannot be deployed,
 * and reading thousands of statements would keep the user waiting for findings they cannot act on.
 */
export const MAX_STATEMENTS_OF_OVERSIZED_TEXT = 200;

const byPosition = (a: Diagnostic, b: Diagnostic): number => {
  const ra: TextRange | undefined = a.range;
  const rb: TextRange | undefined = b.range;
  if (!ra || !rb) return ra ? 1 : rb ? -1 : 0;
  return ra.start.line - rb.start.line || ra.start.column - rb.start.column;
};

export function validate(text: string, options: ValidateOptions = {}): PolicyValidation {
  const catalog = options.catalog ?? bundledCatalog;
  // A byte order mark becomes a space so that offsets and columns stay those of the original text.
  const body = text.charCodeAt(0) === 0xfeff ? ` ${text.slice(1)}` : text;
  const findings = new Findings(new LineIndex(body));
  const result: Omit<PolicyValidation, 'size' | 'diagnostics'> = {};
  if (options.iamIndex) result.iamDataVersion = options.iamIndex.source.version;

  // The service and regions are text (CLI flags, a deployed endpoint): checked here, once.
  const serviceId =
    options.service !== undefined ? toServiceId(options.service, catalog) : undefined;
  const service = serviceId !== undefined ? catalog.service(serviceId) : undefined;
  if (options.service !== undefined && !service) {
    findings.error('service/unknown', `Unknown endpoint service "${options.service}".`, undefined, {
      hint: 'Run "vpce-policy catalog services" for the list.',
    });
  }
  const knownRegions: RegionCode[] = [];
  for (const region of options.regions ?? []) {
    const code = toRegionCode(region, catalog);
    if (code !== undefined) knownRegions.push(code);
    else
      findings.error('validate/unknown-region', `Unknown region "${region}".`, undefined, {
        hint: 'Run "vpce-policy catalog regions" for the list.',
      });
  }

  const finish = (): PolicyValidation => ({
    diagnostics: findings.finish(byPosition),
    size,
    ...result,
  });
  const json = readPolicyJson(body, findings);
  const size = measurePolicy(body, undefined, findings, minifiedCharacters(body, json));
  if (text.charCodeAt(0) === 0xfeff) {
    findings.warning(
      'input/byte-order-mark',
      'The text starts with a byte order mark, which AWS may reject and which counts against the size.',
      { offset: 0, length: 1 },
      { hint: 'Save the file as UTF-8 without BOM.' },
    );
  }
  // A text with syntax errors is only partly read; checking the part would report phantom problems.
  if (json.root && json.valid) {
    const oversized = size.characters > MAX_RECOGNIZED_CHARACTERS;
    const model = readPolicyModel(
      json.root,
      findings,
      oversized ? { maxStatements: MAX_STATEMENTS_OF_OVERSIZED_TEXT } : {},
    );
    if (model?.unreadStatements && oversized) {
      findings.info(
        'validate/partly-checked',
        `Only the first ${formatCount(MAX_STATEMENTS_OF_OVERSIZED_TEXT)} of ${formatCount(model.statements.length + model.unreadStatements)} statements were checked in detail: the text is ${formatCount(size.characters)} characters, over ten times the quota.`,
        model.statementSpan,
      );
    }
    if (model) {
      result.model = model;
      const recognition = checkModel(model, oversized, {
        body,
        findings,
        catalog,
        options,
        service,
        knownRegions,
      });
      if (recognition) result.recognition = recognition;
    }
  }
  return finish();
}

/** What checking a policy's model needs from the validation run. */
interface ModelCheck {
  body: string;
  findings: Findings;
  catalog: Catalog;
  options: ValidateOptions;
  service: EndpointService | undefined;
  knownRegions: readonly RegionCode[];
}

/**
 * The values of a read policy, then (unless the text is far beyond the quota) its recognition
 * and the perimeter lints; returns the recognition when there is one.
 */
function checkModel(
  model: PolicyModel,
  oversized: boolean,
  run: ModelCheck,
): PolicyRecognition | undefined {
  const { body, findings, catalog, options, service, knownRegions } = run;
  const regionFinder = regionFinderFor(catalog);
  const endpointPartitions = new Set(knownRegions.map((r) => catalog.region(r)!.partition));
  const lookups = options.iamIndex ? withLookupBudget(options.iamIndex) : undefined;
  checkPolicyValues(model, {
    text: body,
    findings,
    catalog,
    regions: regionFinder,
    ...(lookups ? { iam: lookups.index } : {}),
    ...(endpointPartitions.size > 0 ? { endpointPartitions } : {}),
  });
  if (lookups?.skipped())
    findings.info(
      'budget/action-lookups',
      `${overBudgetMessage('wildcardActionLookups', BUDGETS.wildcardActionLookups.limit + lookups.skipped())} (${formatCount(lookups.skipped())} not looked up)`,
      model.statementSpan,
    );
  // Far beyond the quota the text cannot be deployed; recognizing it would only cost time.
  if (oversized) {
    findings.info(
      'recognition/skipped',
      `The policy is too large to be a deployable endpoint policy, so its statements and patterns were not recognized.`,
    );
    lintPerimeter(model, {
      findings,
      catalog,
      statements: [],
      serviceGiven: service !== undefined,
      ...(service ? { service } : {}),
      ...(options.endpointType ? { endpointType: options.endpointType } : {}),
    });
    return undefined;
  }
  const recognition = recognizePolicy(model, {
    catalog,
    lines: findings.lines,
    regionFinder,
    text: body,
    ...(service ? { service: service.id } : {}),
    ...(knownRegions.length > 0 ? { regions: knownRegions } : {}),
  });
  const lintService =
    service ?? (recognition.service ? catalog.service(recognition.service.id) : undefined);
  lintPerimeter(
    model,
    {
      findings,
      catalog,
      statements: recognition.statements,
      serviceGiven: service !== undefined,
      ...(lintService ? { service: lintService } : {}),
      ...(options.endpointType ? { endpointType: options.endpointType } : {}),
    },
    body,
  );
  reportRecognition(recognition, findings, catalog, model);
  return recognition;
}

/**
 * The IAM index with a budget on wildcard action names: each is matched against every action of
 * its service, so past the budget the count is unknown (undefined) rather than computed.
 */
function withLookupBudget(index: IamIndex): { index: IamIndex; skipped: () => number } {
  let left = BUDGETS.wildcardActionLookups.limit;
  let skipped = 0;
  const budgeted: IamIndex = Object.create(index) as IamIndex;
  budgeted.countMatchingActions = (prefix, pattern) => {
    if (left <= 0) {
      skipped++;
      return undefined;
    }
    left--;
    return index.countMatchingActions(prefix, pattern);
  };
  return { index: budgeted, skipped: () => skipped };
}

/** Notes on what is missing for the service and on statements whose Sid and shape disagree. */
function reportRecognition(
  recognition: PolicyRecognition,
  findings: Findings,
  catalog: Catalog,
  model: PolicyModel,
): void {
  // Without the organization-to-organization statement, our own identities cannot reach our own
  // resources through the endpoint unless another statement happens to admit them.
  const hasCore = recognition.statements.some(
    (s) => s.statement === 'AllowRequestsByOrgsIdentitiesToOrgsResources' && s.grant === undefined,
  );
  if (!hasCore && model.statements.length > 0) {
    findings.warning('perimeter/no-org-to-org', NO_ORG_TO_ORG_MESSAGE, model.statementSpan, {
      hint: 'Add the statement as the builder generates it, with your organization id in both keys.',
    });
  }
  for (const statement of recognition.statements) {
    if (statement.namedAfter && statement.differences.length > 0) {
      findings.info(
        'recognition/sid-shape-mismatch',
        `This statement is named ${statement.sid ?? statement.namedAfter}, but ${statement.differences.join('; ')}, so it is not described as that statement.`,
        {
          range: { start: statement.range.start, end: statement.range.start },
          path: statement.path,
        },
        {
          hint: 'If it is meant to be the catalog statement, align it; otherwise give it a Sid of its own.',
          ...(statement.sid ? { sid: statement.sid } : {}),
        },
      );
    }
  }
  const service = recognition.service;
  if (!service) return;
  const serviceNote =
    service.basis === 'guess'
      ? ` (the policy looks like one for ${service.id}; give the service to be sure)`
      : '';
  for (const sid of recognition.missing.statements) {
    if (sid === 'AllowRequestsByOrgsIdentitiesToOrgsResources') continue;
    const entry = catalog.statement(sid);
    findings.info(
      'recognition/missing-statement',
      `${sid} is not in the policy, though the data perimeter recommends it for ${service.id}${serviceNote}: ${entry.summary}`,
      undefined,
      {
        hint: 'Generate the statement in the builder, or keep it out on purpose.',
      },
    );
  }
  const missing = recognition.missing.dataAccessPatterns;
  if (missing.length > 0) {
    const titles = missing.map((id) => catalog.pattern(id)?.title ?? id);
    findings.info(
      'recognition/missing-patterns',
      `${missing.length} data access pattern${missing.length > 1 ? 's' : ''} that the catalog turns on for ${service.id} ${missing.length > 1 ? 'are' : 'is'} not in the policy${serviceNote}: ${titles.slice(0, 5).join('; ')}${missing.length > 5 ? '; ...' : ''}.`,
      undefined,
      {
        hint: 'Without them, requests of these use cases fail at the endpoint. Turn them on in the builder if you need them.',
      },
    );
  }
}
