/** Value checks, actions: the shape of an action name and whether the IAM index knows it. */

import { suggest } from '../text/suggest';
import { hasWildcard } from '../policy/arn';
import type { PolicyValue } from '../policy/policy-model';
import { reportPlaceholders, shortValue, type ValueCheckContext } from './value-checks';

export function checkAction(value: PolicyValue, element: string, context: ValueCheckContext): void {
  const { findings, iam } = context;
  if (reportPlaceholders(value, context, element)) return;
  const text = value.value;
  if (text === '*') return;
  const match = /^([A-Za-z0-9*?-]+):([A-Za-z0-9*?]+)$/.exec(text);
  if (!match) {
    findings.error(
      'action/malformed',
      `"${shortValue(text)}" is not an action: an action is "service:Name", e.g. "s3:GetObject", or "*".`,
      { ...value },
      {
        hint: text.includes(' ')
          ? 'Remove the spaces.'
          : 'Write the service prefix, a colon and the action name.',
      },
    );
    return;
  }
  const [, prefix, name] = match as unknown as [string, string, string];
  if (!iam || hasWildcard(prefix)) return;
  if (!iam.hasServicePrefix(prefix)) {
    const guess = suggest(prefix, iam.servicePrefixes);
    findings.warning(
      'action/unknown-service',
      `No AWS service has the action prefix "${prefix}".`,
      { ...value },
      {
        hint: guess
          ? `Did you mean "${guess}:${name}"?`
          : 'Check the prefix in the AWS Service Authorization Reference.',
      },
    );
    return;
  }
  if (hasWildcard(name)) {
    if (iam.countMatchingActions(prefix, name) === 0) {
      findings.warning(
        'action/matches-nothing',
        `"${text}" matches no action of ${prefix.toLowerCase()}.`,
        { ...value },
        { hint: 'Check the spelling of the part before the wildcard.' },
      );
    }
    return;
  }
  if (!iam.findAction(prefix, name)) {
    const names = iam.actionsOf(prefix) ?? [];
    const guess = suggest(
      name,
      names.map((n) => n.toLowerCase()),
    );
    const proper = guess ? names.find((n) => n.toLowerCase() === guess) : undefined;
    findings.warning(
      'action/unknown',
      `${prefix.toLowerCase()} has no action "${name}".`,
      { ...value },
      {
        hint: proper
          ? `Did you mean "${prefix.toLowerCase()}:${proper}"?`
          : `See the actions of ${prefix.toLowerCase()} in the AWS Service Authorization Reference.`,
      },
    );
  }
}
