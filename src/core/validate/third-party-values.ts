/**
 * The third-party actions and resource ARNs of a configuration, checked as the validator checks
 * them in a policy: an action IAM does not know ("s3:GetObjct", with the action it must be), a
 * resource ARN of the wrong shape for its service or partition. The configuration's own checks
 * only see their form. The values are put in a small policy of their own, one statement per
 * third-party block, which is validated once (in the page, by the validation worker that has the
 * IAM index); its findings are then told about the configuration's fields.
 */
import { THIRD_PARTY_LISTS } from '../config/list-fields';
import type { PerimeterConfig } from '../config/schema';
import type { Diagnostic } from '../diagnostics';
import type { IamIndex } from '../iam/iam-index';
import { catalog as bundledCatalog, type Catalog } from '../catalog/catalog';
import {
  THIRD_PARTY_PARAMETERS,
  thirdPartyParameterOf,
  type ThirdPartyParameter,
} from '../catalog/statement-parameters';
import { canonicalServices, selectedStatements } from '../generate/selection';
import { validate } from './validate';

const FIELDS = { Action: 'actions', Resource: 'resources' } as const;
type Element = keyof typeof FIELDS;

/** Where each checked value is in the policy written for the check. */
interface CheckedValue {
  block: ThirdPartyParameter;
  field: (typeof FIELDS)[Element];
  value: string;
  /** 1-based line of the value in the policy's text (one value a line). */
  line: number;
}

export interface ThirdPartyValuesPolicy {
  /** The policy to validate. */
  text: string;
  values: CheckedValue[];
}

/** Codes of the validator's findings about a value itself; the rest concern the made-up policy. */
const VALUE_FAMILIES = ['action/', 'arn/'];

/** The third-party blocks whose statement is on for at least one of the selected services. */
export function thirdPartyBlocksInUse(
  config: PerimeterConfig,
  catalog: Catalog = bundledCatalog,
): ThirdPartyParameter[] {
  const inUse = new Set<ThirdPartyParameter>();
  for (const service of canonicalServices(config.services, catalog))
    for (const sid of selectedStatements(config, service, catalog)) {
      const block = thirdPartyParameterOf(catalog.statement(sid));
      if (block) inUse.add(block);
    }
  return THIRD_PARTY_PARAMETERS.filter((block) => inUse.has(block));
}

/**
 * The policy to validate for the configuration's third-party values, of the blocks given (by
 * default every block); undefined when there are none.
 */
export function thirdPartyValuesPolicy(
  config: PerimeterConfig,
  only: readonly ThirdPartyParameter[] = THIRD_PARTY_PARAMETERS,
): ThirdPartyValuesPolicy | undefined {
  const blocks = only
    .map((block) => ({
      block,
      actions: config.parameters?.[block]?.actions ?? [],
      resources: config.parameters?.[block]?.resources ?? [],
    }))
    .filter((b) => b.actions.length > 0 || b.resources.length > 0);
  if (blocks.length === 0) return undefined;
  const values: CheckedValue[] = [];
  const lines = ['{', '  "Version": "2012-10-17",', '  "Statement": ['];
  blocks.forEach(({ block, actions, resources }, index) => {
    lines.push('    {', `      "Sid": ${JSON.stringify(block)},`, '      "Effect": "Allow",');
    lines.push('      "Principal": "*",');
    for (const [element, list] of [
      ['Action', actions],
      ['Resource', resources],
    ] as const) {
      // An empty list stays a valid element, so that the other is checked.
      const written = list.length > 0 ? list : ['*'];
      lines.push(`      "${element}": [`);
      written.forEach((value, i) => {
        lines.push(`        ${JSON.stringify(value)}${i < written.length - 1 ? ',' : ''}`);
        if (list.length > 0)
          values.push({ block, field: FIELDS[element], value, line: lines.length });
      });
      lines.push(element === 'Action' ? '      ],' : '      ]');
    }
    lines.push(index < blocks.length - 1 ? '    },' : '    }');
  });
  lines.push('  ]', '}');
  return { text: lines.join('\n'), values };
}

/** A finding of the validator about one value of a third-party list. */
export interface ThirdPartyValueFinding {
  /** Told about the configuration's field (`parameters.<block>.actions`), led by the value. */
  diagnostic: Diagnostic;
  block: ThirdPartyParameter;
  field: 'actions' | 'resources';
  /** The value as the list holds it. */
  value: string;
}

/** The validator's findings about the values of the policy written for them. */
export function thirdPartyValueFindings(
  policy: ThirdPartyValuesPolicy,
  diagnostics: readonly Diagnostic[],
): ThirdPartyValueFinding[] {
  const out: ThirdPartyValueFinding[] = [];
  for (const diagnostic of diagnostics) {
    if (diagnostic.severity === 'info') continue;
    if (!VALUE_FAMILIES.some((family) => diagnostic.code.startsWith(family))) continue;
    const line = diagnostic.range?.start.line;
    const value = policy.values.find((v) => v.line === line);
    if (!value) continue;
    const { range: _range, path: _path, ...rest } = diagnostic;
    out.push({
      diagnostic: {
        ...rest,
        message: `${THIRD_PARTY_LISTS[value.field].item} ${value.value}: ${diagnostic.message}`,
        path: `parameters.${value.block}.${value.field}`,
      },
      block: value.block,
      field: value.field,
      value: value.value,
    });
  }
  return out;
}

/**
 * Both steps at once, for the lists whose statement is on, where the IAM index can be loaded (the
 * command-line tool): the index is loaded only when there are values to check.
 */
export async function checkThirdPartyValues(
  config: PerimeterConfig,
  options: { loadIamIndex: () => Promise<IamIndex>; catalog?: Catalog },
): Promise<Diagnostic[]> {
  const policy = thirdPartyValuesPolicy(config, thirdPartyBlocksInUse(config, options.catalog));
  if (!policy) return [];
  const regions = config.regions;
  const validation = validate(policy.text, {
    iamIndex: await options.loadIamIndex(),
    ...(options.catalog ? { catalog: options.catalog } : {}),
    ...(regions.length > 0 ? { regions } : {}),
  });
  return thirdPartyValueFindings(policy, validation.diagnostics).map((f) => f.diagnostic);
}
