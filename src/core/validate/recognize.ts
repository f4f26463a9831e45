/**
 * Recognition: which of the seven statements a policy contains (by Sid, and by shape since people
 * rename Sids), which data access patterns its resources and accounts come from, and what is
 * missing for its endpoint service. The patterns are matched against what the generator itself
 * produces for the service and the regions found in the policy, so recognition and generation
 * cannot disagree. The result includes a perimeter configuration that reproduces the policy
 * ("adopt") and the list of what could not be mapped onto it.
 */
import type { Catalog } from '../catalog/catalog';
import type { PatternId, RegionCode, ServiceId, StatementSid } from '../catalog/ids';
import type { GrantKind } from '../catalog/schema';

import { type PerimeterConfig } from '../config/schema';
import type { TextRange } from '../diagnostics';

import { canonicalRegions } from '../generate/selection';

import type { LineIndex } from '../policy/findings';
import { type RegionFinder } from '../policy/identifiers';
import type { PolicyModel } from '../policy/policy-model';

import { buildAdoption } from './recognize-adoption';
import {
  NO_MATCH,
  candidateServices,
  collectPolicyValues,
  matchPatterns,
  regionsOfAccounts,
  regionsOfPolicy,
  type PatternMatch,
  type PolicyValues,
} from './recognize-matching';
import { classifyStatements, type Classified } from './recognize-shapes';

export type RecognitionBasis = 'sid' | 'shape' | 'sid-and-shape';

export interface RecognizedStatement {
  /** Position in the Statement list. */
  index: number;
  sid?: string;
  /** Dotted path, e.g. `Statement[2]`. */
  path: string;
  range: TextRange;
  /**
   * The catalog statement this one is, when it is one of the seven: its shape and its condition
   * values fit. A statement whose Sid names one but whose shape or values differ is not one of
   * them (an open statement is never described as a narrow one): see `namedAfter`.
   */
  statement?: StatementSid;
  /** The catalog statement its Sid names when the statement itself does not fit it. */
  namedAfter?: StatementSid;
  /** For statements fed by data access patterns: by resource ARNs or by owning account. */
  grant?: GrantKind;
  basis?: RecognitionBasis;
  /** How the statement differs from the catalog statement its Sid names. */
  differences: string[];
  /** Data access patterns whose values it holds. */
  dataAccessPatterns: PatternId[];
}

export interface RecognizedPattern {
  id: PatternId;
  title: string;
  statement: StatementSid;
  /** Statements (by position) holding its values. */
  statementIndexes: number[];
  /** All its values for the policy's regions, and all its actions, are present. */
  complete: boolean;
  /** Its resource ARNs or accounts that the policy holds, e.g. for hovers over a value. */
  presentValues: string[];
  missingValues: string[];
  missingActions: string[];
  /** Patterns with exactly the same values, which the policy cannot tell apart from this one. */
  indistinguishableFrom: PatternId[];
}

/** Something in the policy that the perimeter configuration cannot express. */
export interface UnmappedElement {
  statementIndex?: number;
  /** Dotted path of the element, e.g. `Statement[3].Resource[2]`. */
  path: string;
  range?: TextRange;
  value?: string;
  reason: string;
}

export interface PolicyAdoption {
  /** A configuration for the policy's service that generates what could be recognized. */
  config: PerimeterConfig;
  unmapped: UnmappedElement[];
  /** Assumptions made while building the configuration, for the user to check. */
  notes: string[];
}

export interface PolicyRecognition {
  /** The endpoint service: the one given, or the one the policy's actions and resources point to. */
  service?: { id: ServiceId; basis: 'option' | 'guess'; alternatives: ServiceId[] };
  /** The service template the missing statements are measured against. */
  template: string;
  /** Regions the policy's values are for, in catalog order. */
  regions: RegionCode[];
  partitions: string[];
  statements: RecognizedStatement[];
  dataAccessPatterns: RecognizedPattern[];
  missing: { statements: StatementSid[]; dataAccessPatterns: PatternId[] };
  adoption: PolicyAdoption;
}

export type { Classified } from './recognize-shapes';

export interface RecognitionContext {
  catalog: Catalog;
  lines: LineIndex;
  regionFinder: RegionFinder;
  text: string;
  service?: ServiceId;
  regions?: readonly RegionCode[];
}

// ---------------------------------------------------------------------------------------------

export function recognizePolicy(
  model: PolicyModel,
  context: RecognitionContext,
): PolicyRecognition {
  const { catalog } = context;
  const classified = classifyStatements(model, context);
  const values = collectPolicyValues(classified);
  const arnRegions = regionsOfPolicy(model, context);

  const candidates = candidateServices(model, context);
  const { service, match, accountRegions, scored } = chooseService(
    candidates,
    classified,
    values,
    arnRegions,
    context,
  );

  for (const { recognized } of classified) {
    recognized.dataAccessPatterns = match.patterns
      .filter((p) => p.statementIndexes.includes(recognized.index))
      .map((p) => p.id);
  }

  // An endpoint policy of account-only patterns says nothing about its regions but through the accounts.
  const regions = arnRegions.length > 0 ? arnRegions : accountRegions;
  const adoption = buildAdoption(model, classified, service, match, values, regions, context);
  if (arnRegions.length === 0 && accountRegions.length > 0) {
    adoption.notes.push(
      `The regions (${accountRegions.join(', ')}) were inferred from the AWS service accounts in aws:ResourceAccount; check them.`,
    );
  }

  const serviceEntry = service ? catalog.service(service) : undefined;
  const template = serviceEntry?.template ?? 'default';
  const presentSids = new Set(
    classified.map((c) => c.recognized.statement).filter((s): s is StatementSid => s !== undefined),
  );
  const recognizedPatternIds = new Set(match.patterns.map((p) => p.id));
  const result: PolicyRecognition = {
    template,
    regions,
    partitions: [
      ...new Set(
        regions
          .map((r) => catalog.region(r)?.partition)
          .filter((p): p is NonNullable<typeof p> => p !== undefined),
      ),
    ],
    statements: classified.map((c) => c.recognized),
    dataAccessPatterns: match.patterns,
    missing: {
      statements: (catalog.template(template)?.statements ?? []).filter(
        (sid) => !presentSids.has(sid),
      ),
      dataAccessPatterns: service
        ? catalog
            .patternsForService(service)
            .filter((p) => p.defaultSelected && !recognizedPatternIds.has(p.id))
            .map((p) => p.id)
        : [],
    },
    adoption,
  };
  if (service) result.service = serviceRecognition(service, scored, candidates, context);
  return result;
}

/** A service the policy was scored against: the patterns it matches, the regions of its accounts. */
interface ScoredService {
  id: ServiceId;
  match: PatternMatch;
  accountRegions: RegionCode[];
}

/**
 * The service the policy is for: the one whose data access patterns it matches most (a service
 * with its own template first, then catalog order), or one its names suggest.
 */
function chooseService(
  candidates: { ids: ServiceId[]; fromNames: boolean },
  classified: readonly Classified[],
  values: PolicyValues,
  arnRegions: RegionCode[],
  context: RecognitionContext,
): {
  service?: ServiceId;
  match: PatternMatch;
  accountRegions: RegionCode[];
  scored: ScoredService[];
} {
  const { catalog } = context;
  let service: ServiceId | undefined;
  let match: PatternMatch = NO_MATCH;
  let accountRegions = arnRegions;
  const scored: ScoredService[] = [];
  const hasPatternValues = [...values.values()].some((m) => m.size > 0);
  for (const id of candidates.ids) {
    if (!hasPatternValues || catalog.patternsForService(id).length === 0) continue;
    const fromAccounts = regionsOfAccounts(id, values, context);
    const forAccounts = canonicalRegions([...arnRegions, ...fromAccounts], catalog);
    scored.push({
      id,
      match: matchPatterns(
        id,
        classified,
        values,
        { arn: arnRegions, account: forAccounts },
        context,
      ),
      accountRegions: forAccounts,
    });
  }
  const ownTemplate = (id: ServiceId) => catalog.service(id)?.template !== 'default';
  scored.sort(
    (a, b) =>
      b.match.patterns.length - a.match.patterns.length ||
      Number(ownTemplate(b.id)) - Number(ownTemplate(a.id)) ||
      catalog.serviceIndex(a.id) - catalog.serviceIndex(b.id),
  );
  const best = scored[0];
  if (best && (best.match.patterns.length > 0 || candidates.fromNames)) {
    service = best.id;
    match = best.match;
    accountRegions = best.accountRegions;
  } else if (candidates.fromNames) {
    service = [...candidates.ids].sort(
      (a, b) =>
        Number(ownTemplate(b)) - Number(ownTemplate(a)) ||
        catalog.serviceIndex(a) - catalog.serviceIndex(b),
    )[0];
  }
  return { ...(service ? { service } : {}), match, accountRegions, scored };
}

/** The chosen service, whether the caller named it, and services the policy fits as well. */
function serviceRecognition(
  service: ServiceId,
  scored: readonly ScoredService[],
  candidates: { ids: ServiceId[]; fromNames: boolean },
  context: RecognitionContext,
): NonNullable<PolicyRecognition['service']> {
  // Alternatives: services the policy fits as well as the chosen one.
  const chosen = scored.find((s) => s.id === service);
  const alternatives =
    chosen && chosen.match.patterns.length > 0
      ? scored
          .filter(
            (s) => s.id !== service && s.match.patterns.length === chosen.match.patterns.length,
          )
          .map((s) => s.id)
      : candidates.fromNames
        ? candidates.ids.filter((id) => id !== service)
        : [];
  return {
    id: service,
    basis: context.service === service ? 'option' : 'guess',
    alternatives: alternatives.slice(0, 10),
  };
}
