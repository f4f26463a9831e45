/**
 * What the validator would say of a generated policy because of the statements chosen, said by
 * the generator itself, in the validator's words and codes: the builder's status and `build` then
 * count the same problems as `validate` and the policy editor do for the same text. These follow
 * from the choices alone (the generator's own output is otherwise clean for every service of the
 * catalog, a test checks it), so they cost nothing to find.
 */
import type { Catalog } from '../catalog/catalog';
import type { ServiceId } from '../catalog/ids';
import {
  FEDERATION_ACTIONS,
  NO_ORG_TO_ORG_MESSAGE,
  NO_STATEMENTS_MESSAGE,
  STS_SERVICES,
  stsFederationBlockedMessage,
  thirdPartyAnyResourceMessage,
} from '../diagnostic-messages';
import { admitsThirdPartyIdentities, thirdPartyParameterOf } from '../catalog/statement-parameters';
import type { PerimeterConfig } from '../config/schema';
import type { PolicyDocument, StatementProvenance } from './generate';
import type { DiagnosticSink } from './sink';

const ORG_TO_ORG = 'AllowRequestsByOrgsIdentitiesToOrgsResources';

/** An empty policy, and a policy without the organization-to-organization statement. */
export function statementChoiceFindings(
  statements: readonly StatementProvenance[],
  catalog: Catalog,
  sink: DiagnosticSink,
): void {
  const title = catalog.statement(ORG_TO_ORG).title;
  if (statements.length === 0) {
    sink.add('no-statements', {
      severity: 'error',
      code: 'grammar/no-statements',
      message: NO_STATEMENTS_MESSAGE,
      hint: `Every statement is off for this service. Turn on the statements of your perimeter, starting with "${title}".`,
      path: `statements.${ORG_TO_ORG}`,
    });
    return;
  }
  // The statement itself, not a statement of its patterns (the STS federation one).
  if (!statements.some((s) => s.statement === ORG_TO_ORG && s.grant === undefined)) {
    sink.add('no-org-to-org', {
      severity: 'warning',
      code: 'perimeter/no-org-to-org',
      message: NO_ORG_TO_ORG_MESSAGE,
      hint: `Turn on "${title}" unless this endpoint must not carry our own traffic.`,
      path: `statements.${ORG_TO_ORG}`,
    });
  }
}

const listsAction = (action: string | readonly string[], name: string) =>
  typeof action === 'string' ? action === name : action.includes(name);

/**
 * An STS policy through which SAML and web identity federation cannot pass. Those calls are not
 * signed, so only a statement that names them admits them (the builder's federation statement);
 * every other generated statement requires an organization, an account or a service principal.
 */
export function stsFederationFindings(
  serviceId: ServiceId,
  policy: PolicyDocument,
  catalog: Catalog,
  sink: DiagnosticSink,
): void {
  if (!STS_SERVICES.has(serviceId) || policy.Statement.length === 0) return;
  const blocked = FEDERATION_ACTIONS.filter(
    (action) => !policy.Statement.some((s) => listsAction(s.Action, action)),
  );
  if (blocked.length === 0) return;
  const pattern = catalog.patterns.find(
    (p) => p.services.includes(serviceId) && blocked.some((a) => p.actions.includes(a)),
  );
  sink.add('sts-federation-blocked', {
    severity: 'warning',
    code: 'perimeter/sts-federation-blocked',
    message: stsFederationBlockedMessage(blocked, true),
    hint: pattern
      ? `Turn on the data access pattern "${pattern.title}" (${pattern.id}) unless no one signs in through this endpoint.`
      : 'Allow these actions on roles of your organization (aws:ResourceOrgID) unless no one signs in through this endpoint.',
    ...(pattern ? { path: `dataAccessPatterns.${pattern.id}` } : {}),
  });
}

/** A third-party statement whose resources the user gave as "*": any resource of those accounts. */
export function thirdPartyResourceFindings(
  statements: readonly StatementProvenance[],
  config: PerimeterConfig,
  catalog: Catalog,
  sink: DiagnosticSink,
): void {
  for (const provenance of statements) {
    const entry = catalog.statement(provenance.statement);
    const block = thirdPartyParameterOf(entry);
    if (!block || !config.parameters?.[block]?.resources?.includes('*')) continue;
    sink.add(`third-party-any-resource:${block}`, {
      severity: 'warning',
      code: 'perimeter/third-party-any-resource',
      message: thirdPartyAnyResourceMessage(admitsThirdPartyIdentities(entry)),
      hint: 'List the ARNs of the third-party resources the integration uses.',
      path: `parameters.${block}.resources`,
      sid: provenance.sid,
    });
  }
}
