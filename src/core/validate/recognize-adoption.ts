/**
 * Recognition, adoption: a perimeter configuration that generates what could be recognized in a
 * policy, and the list of what it cannot express.
 */

import { formatCount } from '../format';
import {
  ACCOUNT_ID_PATTERN,
  DEFAULT_EXCLUSION_TAG,
  ORGANIZATION_ID_PATTERN,
  STATEMENT_SIDS,
  type StatementSid,
} from '../catalog/ids';
import type { DataAccessPattern } from '../catalog/schema';
import { formatConfigPath } from '../config/path';
import {
  CONFIG_VERSION,
  parametersSchema,
  thirdPartyParametersSchema,
  type PerimeterConfig,
  type PolicyFormat,
  type ThirdPartyParameters,
} from '../config/schema';

import type { Span } from './findings';
import { hasPlaceholder } from './identifiers';
import type { PolicyModel, PolicyValue } from './policy-model';
import type { PolicyAdoption, RecognitionContext, UnmappedElement } from './recognize';
import type { Classified } from './recognize-shapes';
import { statementIndexOf, type PatternMatch, type PolicyValues } from './recognize-matching';
import { TAG_KEY_PREFIX, conditionValues } from './recognize-shapes';
// ---------------------------------------------------------------------------------------------
// Adoption

function detectFormat(text: string): PolicyFormat {
  if (!text.trim().includes('\n')) return 'minified';
  const indent = /\n( +)\S/.exec(text)?.[1]?.length;
  return indent === 4 ? 'pretty-4' : 'pretty-2';
}

function validIn<T>(
  schema: { safeParse(value: unknown): { success: boolean } },
  value: T,
): boolean {
  return schema.safeParse(value).success;
}

const thirdPartyField = thirdPartyParametersSchema.shape;
/** Longer lists would drown the few items a person can act on. */
const MAX_UNMAPPED = 500;
/** The configuration's own limit. */
const MAX_ORGANIZATION_IDS = 20;
const exclusionTagSchema = parametersSchema.shape.exclusionTag;

export function buildAdoption(
  model: PolicyModel,
  classified: readonly Classified[],
  service: string | undefined,
  match: PatternMatch,
  values: PolicyValues,
  regions: string[],
  context: RecognitionContext,
): PolicyAdoption {
  const { patterns, layerAccounts, isMapped } = match;
  const { catalog, lines } = context;
  const unmapped: UnmappedElement[] = [];
  const notes: string[] = [];
  let unlisted = 0;
  const addUnmapped = (
    span: Span | undefined,
    reason: string,
    statementIndex?: number,
    value?: string,
  ) => {
    if (unmapped.length >= MAX_UNMAPPED) {
      unlisted++;
      return;
    }
    const item: UnmappedElement = {
      path: span?.path ? formatConfigPath(span.path) : '(top level)',
      reason,
    };
    if (span) item.range = lines.range(span.offset, span.length);
    if (statementIndex !== undefined) item.statementIndex = statementIndex;
    if (value !== undefined) item.value = value;
    unmapped.push(item);
  };

  const present = new Set<StatementSid>();
  const organizationIds = new Set<string>();
  const thirdParty: Partial<
    Record<StatementSid, { accounts: Set<string>; actions: Set<string>; resources: Set<string> }>
  > = {};
  let exclusionTag: { key: string; value: string } | undefined;

  for (const { statement, recognized } of classified) {
    const sid = recognized.statement;
    if (!sid) {
      addUnmapped(
        statement.span,
        recognized.namedAfter
          ? `Its Sid names ${recognized.namedAfter}, but ${recognized.differences.join('; ')}. The builder cannot express it as it is; turn ${recognized.namedAfter} on in the builder if you want the catalog form.`
          : 'This statement is none of the seven statements of a data perimeter; the builder cannot express it.',
        statement.index,
      );
      continue;
    }
    present.add(sid);
    for (const id of [
      ...conditionValues(statement, 'aws:PrincipalOrgID'),
      ...conditionValues(statement, 'aws:ResourceOrgID'),
    ]) {
      if (ORGANIZATION_ID_PATTERN.test(id)) organizationIds.add(id);
    }
    if (sid === 'AllowRequestsByOrgsIdentitiesToAnyResources') {
      const tag = statement.conditions.find(
        (c) => c.operatorText === 'StringEquals' && c.key.toLowerCase().startsWith(TAG_KEY_PREFIX),
      );
      if (
        tag &&
        tag.values.length === 1 &&
        !hasPlaceholder(tag.key) &&
        !hasPlaceholder(tag.values[0]!.value)
      ) {
        const candidate = {
          key: tag.key.slice(TAG_KEY_PREFIX.length),
          value: tag.values[0]!.value,
        };
        if (validIn(exclusionTagSchema, candidate)) exclusionTag = candidate;
        else
          addUnmapped(
            tag.span,
            'The builder cannot express this exclusion tag (a key of letters, digits, spaces and _.:/=+-@ and a single value).',
            statement.index,
          );
      } else if (tag && tag.values.length > 1) {
        addUnmapped(
          tag.span,
          'The builder takes one value for the exclusion tag.',
          statement.index,
        );
      }
    }
    if (
      sid === 'AllowRequestsByThirdPartyIdentitiesToThirdPartyResources' ||
      sid === 'AllowRequestsByOrgsIdentitiesToThirdPartyResources'
    ) {
      const entry = (thirdParty[sid] ??= {
        accounts: new Set(),
        actions: new Set(),
        resources: new Set(),
      });
      const principalAccounts = conditionValues(statement, 'aws:PrincipalAccount');
      const resourceAccounts = conditionValues(statement, 'aws:ResourceAccount');
      if (
        sid === 'AllowRequestsByThirdPartyIdentitiesToThirdPartyResources' &&
        [...principalAccounts].sort().join() !== [...resourceAccounts].sort().join()
      ) {
        notes.push(
          `Statement ${statement.index + 1} lists different accounts in aws:PrincipalAccount and aws:ResourceAccount; the builder uses one list for both.`,
        );
      }
      const add = (
        set: Set<string>,
        list: readonly PolicyValue[],
        check: (v: string) => boolean,
        what: string,
      ) => {
        for (const value of list) {
          if (hasPlaceholder(value.value)) continue;
          if (check(value.value)) set.add(value.value);
          else
            addUnmapped(
              value,
              `The builder cannot take "${value.value}" as ${what}.`,
              statement.index,
              value.value,
            );
        }
      };
      const accountValues = statement.conditions
        .filter(
          (c) =>
            c.operatorText === 'StringEquals' && /^aws:(principal|resource)account$/i.test(c.key),
        )
        .flatMap((c) => c.values);
      add(
        entry.accounts,
        accountValues,
        (v) => ACCOUNT_ID_PATTERN.test(v),
        'a third-party account id',
      );
      if (statement.action?.element === 'Action')
        add(
          entry.actions,
          statement.action.values,
          (v) => validIn(thirdPartyField.actions, [v]),
          'a third-party action',
        );
      if (statement.resource?.element === 'Resource')
        add(
          entry.resources,
          statement.resource.values,
          (v) => validIn(thirdPartyField.resources, [v]),
          'a third-party resource',
        );
    }
  }

  // Values of pattern-fed statements that no recognized pattern accounts for.
  const patternActions = new Set(
    patterns.flatMap((p) => catalog.pattern(p.id)?.actions ?? []).map((a) => a.toLowerCase()),
  );
  for (const map of values.values()) {
    for (const value of map.texts()) {
      if (isMapped(value) || hasPlaceholder(value)) continue;
      for (const place of map.places(value)) {
        addUnmapped(
          place,
          service
            ? `"${value}" belongs to no data access pattern of ${service}; the builder cannot generate it.`
            : `"${value}" belongs to no data access pattern (the endpoint service is unknown).`,
          statementIndexOf(place),
          value,
        );
      }
    }
  }
  for (const { statement, recognized } of classified) {
    if (!recognized.statement || !recognized.grant || statement.action?.element !== 'Action')
      continue;
    for (const action of statement.action.values) {
      const lower = action.value.toLowerCase();
      if (lower === '*' || patternActions.has(lower) || hasPlaceholder(lower)) continue;
      addUnmapped(
        action,
        `The action ${action.value} comes from no recognized data access pattern; the builder grants only the actions of the patterns.`,
        statement.index,
        action.value,
      );
    }
  }

  const orgList = [...organizationIds].sort();
  if (orgList.length > MAX_ORGANIZATION_IDS)
    notes.push(
      `The policy names ${orgList.length} organizations; the configuration takes the first ${MAX_ORGANIZATION_IDS}.`,
    );
  if (unlisted > 0)
    notes.push(
      `${formatCount(unlisted)} more elements that the builder cannot express are not listed.`,
    );
  const config: PerimeterConfig = {
    version: CONFIG_VERSION,
    organizationIds: orgList.slice(0, MAX_ORGANIZATION_IDS),
    regions,
    services: service ? [service] : [],
  };
  const toggles = Object.fromEntries(
    STATEMENT_SIDS.map((sid) => [sid, present.has(sid)]),
  ) as Record<StatementSid, boolean>;
  if (service) config.serviceStatements = { [service]: toggles };
  else config.statements = toggles;
  if (service) {
    const recognizedIds = new Set(patterns.map((p) => p.id));
    const servicePatterns: readonly DataAccessPattern[] = catalog.patternsForService(service);
    if (servicePatterns.length > 0)
      config.dataAccessPatterns = Object.fromEntries(
        servicePatterns.map((p) => [p.id, recognizedIds.has(p.id)]),
      );
  }
  const parameters: NonNullable<PerimeterConfig['parameters']> = {};
  if (
    exclusionTag &&
    (exclusionTag.key !== DEFAULT_EXCLUSION_TAG.key ||
      exclusionTag.value !== DEFAULT_EXCLUSION_TAG.value)
  )
    parameters.exclusionTag = exclusionTag;
  if (layerAccounts.length > 0) parameters.lambdaLayerAccounts = [...layerAccounts];
  if (Object.keys(match.bucketNames).length > 0) parameters.bucketNames = match.bucketNames;
  const thirdPartyParameters = (sid: StatementSid): ThirdPartyParameters | undefined => {
    const entry = thirdParty[sid];
    if (!entry) return undefined;
    const out: ThirdPartyParameters = {};
    if (entry.accounts.size > 0) out.accounts = [...entry.accounts].sort().slice(0, 500);
    if (entry.actions.size > 0) out.actions = [...entry.actions].sort().slice(0, 500);
    if (entry.resources.size > 0) out.resources = [...entry.resources].sort().slice(0, 500);
    return Object.keys(out).length > 0 ? out : undefined;
  };
  const external = thirdPartyParameters('AllowRequestsByThirdPartyIdentitiesToThirdPartyResources');
  if (external) parameters.thirdPartyIdentitiesToThirdPartyResources = external;
  const outbound = thirdPartyParameters('AllowRequestsByOrgsIdentitiesToThirdPartyResources');
  if (outbound) parameters.orgIdentitiesToThirdPartyResources = outbound;
  if (Object.keys(parameters).length > 0) config.parameters = parameters;
  config.output = { format: detectFormat(context.text) };
  if (!service)
    notes.push('The endpoint service could not be told from the policy; choose it in the builder.');
  if (model.statements.some((s) => s.effect === 'Deny'))
    notes.push('The builder generates Allow statements only; Deny statements are not adopted.');
  return { config, unmapped, notes };
}
