/**
 * What a statement switch shows and what flipping it writes. The switch shows whether the
 * statement is in the previewed service's policy. Flipping it changes the per-service setting
 * when the service has one, else the setting for every service; a setting that says what the
 * templates already say is removed, so the configuration keeps only real choices.
 */
import type { Catalog } from '@/core/catalog/catalog';
import type { ServiceId, StatementSid } from '@/core/catalog/ids';
import type { PerimeterConfig } from '@/core/config/schema';
import { isTemplateStatement, selectedStatements } from '@/core/generate/selection';

export type StatementSettingScope = 'template' | 'every-service' | 'this-service';

export interface StatementSwitchState {
  enabled: boolean;
  /** Where the state comes from: the service's template, a setting for every service, or one for this service. */
  scope: StatementSettingScope;
}

export function statementSwitchState(
  config: PerimeterConfig,
  sid: StatementSid,
  serviceId: ServiceId | undefined,
  catalog: Catalog,
): StatementSwitchState {
  const enabled = selectedStatements(config, serviceId, catalog).includes(sid);
  if (serviceId !== undefined && config.serviceStatements?.[serviceId]?.[sid] !== undefined)
    return { enabled, scope: 'this-service' };
  if (config.statements?.[sid] !== undefined) return { enabled, scope: 'every-service' };
  return { enabled, scope: 'template' };
}

export interface StatementToggleWrite {
  sid: StatementSid;
  /** `undefined` removes the setting. */
  enabled: boolean | undefined;
  /** Set for a per-service setting. */
  serviceId?: ServiceId;
}

/** The setting to write so that the previewed service's policy has the statement `enabled`. */
export function statementToggleWrite(
  config: PerimeterConfig,
  sid: StatementSid,
  enabled: boolean,
  serviceId: ServiceId | undefined,
  catalog: Catalog,
): StatementToggleWrite {
  if (serviceId !== undefined && config.serviceStatements?.[serviceId]?.[sid] !== undefined) {
    const withoutOwnSetting =
      config.statements?.[sid] ?? isTemplateStatement(serviceId, sid, catalog);
    return { sid, enabled: enabled === withoutOwnSetting ? undefined : enabled, serviceId };
  }
  const services = config.services.length > 0 ? config.services : [serviceId];
  const templatesAgree = services.every(
    (service) => isTemplateStatement(service, sid, catalog) === enabled,
  );
  return { sid, enabled: templatesAgree ? undefined : enabled };
}

/** The setting that moves the statement's state for one service into a setting of its own, or back. */
export function statementScopeWrite(
  config: PerimeterConfig,
  sid: StatementSid,
  serviceId: ServiceId,
  ownSetting: boolean,
  catalog: Catalog,
): StatementToggleWrite {
  if (!ownSetting) return { sid, enabled: undefined, serviceId };
  return { sid, enabled: selectedStatements(config, serviceId, catalog).includes(sid), serviceId };
}
