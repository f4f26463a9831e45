/**
 * The validation of the text being edited, derived as the user types: checked a moment after the
 * last keystroke (at once the first time), off the main thread, with the IAM index once the
 * editor is up. While the JSON is broken the last recognition of a valid version is kept, so the
 * summary and the hovers do not vanish on every unfinished edit.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { PolicyRecognition } from '@/core/validate/validate';
import { useStableValue } from '@/shared/react/use-stable-value';
import { PolicyValidationClient, type ValidationOutcome } from './policy-validation-client';
import type { PolicyCheckOptions } from './validation-protocol';

const sameRegions = (a: readonly string[] | undefined, b: readonly string[] | undefined) =>
  a === b || (a !== undefined && b !== undefined && a.join(',') === b.join(','));

/** Options that check a text the same way. */
export const sameCheckOptions = (a: PolicyCheckOptions, b: PolicyCheckOptions): boolean =>
  a.service === b.service && a.endpointType === b.endpointType && sameRegions(a.regions, b.regions);

/** Typing pauses shorter than this are not checked; longer for large texts, whose copy to the worker costs more. */
export function validationDelay(characters: number): number {
  return characters > 200_000 ? 400 : 150;
}

export interface PolicyValidationState {
  /** The latest answer; its `text` may be older than the text shown while a check runs. */
  outcome?: ValidationOutcome;
  /** The latest recognition, with the text it was made from. */
  recognized?: { text: string; recognition: PolicyRecognition };
  /** True while the text shown has not been checked yet. */
  checking: boolean;
}

/**
 * `source` identifies where the text came from (it changes when an import replaces the text): a
 * recognition of another source's text is not kept, since it is about another policy.
 */
export function usePolicyValidation(
  text: string,
  options: PolicyCheckOptions,
  iamWanted: boolean,
  source: unknown,
): PolicyValidationState {
  const [outcome, setOutcome] = useState<ValidationOutcome>();
  const [recognized, setRecognized] = useState<
    PolicyValidationState['recognized'] & { source: unknown }
  >();
  const client = useRef<PolicyValidationClient | undefined>(undefined);
  const sources = useRef(new Map<number, unknown>());
  const currentSource = useRef(source);
  useLayoutEffect(() => {
    currentSource.current = source;
  });
  const checkedOnce = useRef(false);
  const stableOptions = useStableValue(options, sameCheckOptions);

  useEffect(() => {
    const created = new PolicyValidationClient((answer) => {
      setOutcome(answer);
      const recognition = answer.validation?.recognition;
      const from = sources.current.get(answer.id);
      for (const id of sources.current.keys()) if (id < answer.id) sources.current.delete(id);
      if (recognition) setRecognized({ text: answer.text, recognition, source: from });
    });
    client.current = created;
    return () => {
      created.close();
      if (client.current === created) client.current = undefined;
      checkedOnce.current = false;
    };
  }, []);

  const requestedSource = useRef<unknown>(undefined);
  useEffect(() => {
    // Typing is checked after a pause; a new text (the first, an import) at once.
    const delay =
      checkedOnce.current && requestedSource.current === currentSource.current
        ? validationDelay(text.length)
        : 0;
    requestedSource.current = currentSource.current;
    const timer = setTimeout(() => {
      checkedOnce.current = true;
      const id = client.current?.request(text, stableOptions);
      if (id !== undefined) sources.current.set(id, currentSource.current);
    }, delay);
    return () => clearTimeout(timer);
  }, [text, stableOptions]);

  useEffect(() => {
    if (iamWanted) client.current?.useIamIndex();
  }, [iamWanted]);

  return {
    outcome,
    recognized:
      recognized && recognized.source === source
        ? { text: recognized.text, recognition: recognized.recognition }
        : undefined,
    checking: outcome?.text !== text,
  };
}
