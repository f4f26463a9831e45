/**
 * The validator's findings about the third-party actions and resource ARNs of the choices, from
 * the validation worker (which has the IAM index), once the page has been idle: the policy of
 * their values (`thirdPartyValuesPolicy`) is checked a moment after the last change. No worker
 * starts while there is no such value.
 */
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import {
  thirdPartyValueFindings,
  type ThirdPartyValueFinding,
  type ThirdPartyValuesPolicy,
} from '@/core/validate/third-party-values';
import { useAfterFirstIdle } from '@/shared/react/idle';
import { PolicyValidationClient } from './policy-validation-client';
import { NO_VALUE_FINDINGS } from './third-party-findings';

/** Typing pauses shorter than this are not checked. */
const CHECK_DELAY_MS = 150;

export function useThirdPartyValueFindings(
  policy: ThirdPartyValuesPolicy | undefined,
  regions: readonly string[],
): readonly ThirdPartyValueFinding[] {
  const [answer, setAnswer] = useState<{ text: string; findings: ThirdPartyValueFinding[] }>();
  const client = useRef<PolicyValidationClient | undefined>(undefined);
  const latest = useRef(policy);
  useLayoutEffect(() => {
    latest.current = policy;
  });
  useEffect(
    () => () => {
      client.current?.close();
      client.current = undefined;
    },
    [],
  );
  const idle = useAfterFirstIdle();
  const text = policy?.text;
  const regionsKey = regions.join(',');
  useEffect(() => {
    if (text === undefined || !idle) return;
    const timer = setTimeout(() => {
      if (!client.current) {
        client.current = new PolicyValidationClient((outcome) => {
          // Only an answer about the values shown now: their lines are this policy's.
          const current = latest.current;
          if (!current || outcome.text !== current.text || !outcome.validation) return;
          setAnswer({
            text: outcome.text,
            findings: thirdPartyValueFindings(current, outcome.validation.diagnostics),
          });
        });
        client.current.useIamIndex();
      }
      client.current.request(text, regionsKey ? { regions: regionsKey.split(',') } : {});
    }, CHECK_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text, regionsKey, idle]);
  return useMemo(() => {
    if (!policy || !answer) return NO_VALUE_FINDINGS;
    if (answer.text === policy.text) return answer.findings;
    // While the changed values are checked, what was found about the values still there stays
    // (no flicker of the count as one types); a value removed takes its finding with it.
    const kept = answer.findings.filter((f) =>
      policy.values.some((v) => v.block === f.block && v.field === f.field && v.value === f.value),
    );
    return kept.length > 0 ? kept : NO_VALUE_FINDINGS;
  }, [policy, answer]);
}
