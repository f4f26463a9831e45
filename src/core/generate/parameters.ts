/**
 * What each configuration parameter a catalog statement declares puts into the slots of its
 * template. A statement's slots come only from this table, keyed by the parameters the catalog
 * lists for it, so a new statement is data, and a new parameter is one row here.
 */
import { DEFAULT_EXCLUSION_TAG, type SlotName, type StatementSid } from '../catalog/ids';
import type { ParameterName } from '../catalog/schema';
import type { PerimeterConfig, ThirdPartyParameters } from '../config/schema';
import { PLACEHOLDERS } from './expansion';
import type { DiagnosticSink } from './sink';
import type { SlotFilling } from './template';
import { ValueBag, ValueList } from './values';

export interface SlotContext {
  config: PerimeterConfig;
  sid: StatementSid;
  sink: DiagnosticSink;
  /** The organization ids, or their placeholder; shared by every statement of a policy. */
  organizationIds: ValueList;
}

interface ParameterSlots {
  /** The slots the parameter fills. */
  slots: readonly SlotName[];
  fill: (context: SlotContext) => SlotFilling;
}

/** The slots that data access patterns fill in the templates of pattern-fed statements. */
export const PATTERN_SLOTS: readonly SlotName[] = ['actions', 'resources', 'resourceAccounts'];

type ThirdPartyParameter =
  'thirdPartyIdentitiesToThirdPartyResources' | 'orgIdentitiesToThirdPartyResources';

/** A list of the configuration, or its placeholders and an error when it is empty. */
function parameterList(
  context: SlotContext,
  list: readonly string[] | undefined,
  parameter: string,
  placeholders: readonly string[],
  what: string,
): ValueList {
  const out = new ValueBag();
  const values = [...new Set(list ?? [])].sort();
  if (values.length === 0) {
    const from = { parameter, placeholder: true };
    for (const p of placeholders) out.add(p, from);
    context.sink.add(`missing:${parameter}`, {
      severity: 'error',
      code: 'generate/missing-parameter',
      message: `${context.sid} needs ${what}; ${placeholders.join(' and ')} ${placeholders.length > 1 ? 'are' : 'is'} left in the policy.`,
      hint: `Fill ${parameter}, or turn the statement off if you have no such integration.`,
      path: parameter,
      sid: context.sid,
    });
  } else {
    const from = { parameter };
    for (const v of values) out.add(v, from);
  }
  return ValueList.of([out]);
}

function thirdPartySlots(context: SlotContext, parameterName: ThirdPartyParameter): SlotFilling {
  const block: ThirdPartyParameters | undefined = context.config.parameters?.[parameterName];
  const path = (field: string) => `parameters.${parameterName}.${field}`;
  const accounts = parameterList(
    context,
    block?.accounts,
    path('accounts'),
    PLACEHOLDERS.thirdPartyAccounts,
    'the third-party account ids',
  );
  return {
    actions: parameterList(
      context,
      block?.actions,
      path('actions'),
      [PLACEHOLDERS.action],
      'the actions to allow',
    ),
    resources: parameterList(
      context,
      block?.resources,
      path('resources'),
      [PLACEHOLDERS.thirdPartyResource],
      'the third-party resource ARNs',
    ),
    principalAccounts: accounts,
    resourceAccounts: accounts,
  };
}

const THIRD_PARTY_SLOTS: readonly SlotName[] = [
  'actions',
  'resources',
  'principalAccounts',
  'resourceAccounts',
];

/** Read by the expansion of each data access pattern, not by a slot of the statement. */
const NO_SLOTS: ParameterSlots = { slots: [], fill: () => ({}) };

export const PARAMETER_SLOTS: Record<ParameterName, ParameterSlots> = {
  organizationIds: {
    slots: ['organizationIds'],
    fill: ({ organizationIds }) => ({ organizationIds }),
  },
  exclusionTag: {
    slots: ['exclusionTagKey', 'exclusionTagValue'],
    fill: ({ config }) => {
      const tag = config.parameters?.exclusionTag ?? DEFAULT_EXCLUSION_TAG;
      return { exclusionTagKey: tag.key, exclusionTagValue: tag.value };
    },
  },
  thirdPartyIdentitiesToThirdPartyResources: {
    slots: THIRD_PARTY_SLOTS,
    fill: (context) => thirdPartySlots(context, 'thirdPartyIdentitiesToThirdPartyResources'),
  },
  orgIdentitiesToThirdPartyResources: {
    slots: THIRD_PARTY_SLOTS,
    fill: (context) => thirdPartySlots(context, 'orgIdentitiesToThirdPartyResources'),
  },
  accountIds: NO_SLOTS,
  lambdaLayerAccounts: NO_SLOTS,
  bucketNames: NO_SLOTS,
};

/** The slots a statement's declared parameters fill, in the order the catalog lists them. */
export function statementSlots(
  parameters: readonly ParameterName[],
  context: SlotContext,
): SlotFilling {
  const out: SlotFilling = {};
  for (const parameter of parameters) Object.assign(out, PARAMETER_SLOTS[parameter].fill(context));
  return out;
}

/** The organization ids of the configuration, or the placeholder that stands for them. */
export function organizationIdList(config: PerimeterConfig): ValueList {
  const bag = new ValueBag();
  const orgs = [...new Set(config.organizationIds)].sort();
  const from = { parameter: 'organizationIds' };
  for (const org of orgs) bag.add(org, from);
  if (orgs.length === 0)
    bag.add(PLACEHOLDERS.organizationId, { parameter: 'organizationIds', placeholder: true });
  return ValueList.of([bag]);
}
