/**
 * The engine's validator as the page and the worker both run it: the same options, the IAM index
 * once loaded, and a result without the policy model. Answers the last request again once the
 * IAM index arrives, so that action names and condition keys get checked without a new keystroke.
 */
import { loadIamIndex, type IamIndex } from '@/core/iam/iam-index';
import { validate } from '@/core/validate/validate';
import type { CheckedPolicy, ValidationRequest, ValidationResponse } from './validation-protocol';

export interface PolicyChecker {
  handle(request: ValidationRequest): void;
}

export function createPolicyChecker(
  reply: (response: ValidationResponse) => void,
  loadIndex: () => Promise<IamIndex> = loadIamIndex,
): PolicyChecker {
  let iamIndex: IamIndex | undefined;
  let last: Extract<ValidationRequest, { type: 'validate' }> | undefined;
  let loading = false;

  const check = (request: Extract<ValidationRequest, { type: 'validate' }>) => {
    try {
      const { model: _model, ...validation } = validate(request.text, {
        ...request.options,
        ...(iamIndex ? { iamIndex } : {}),
      });
      reply({ type: 'result', id: request.id, validation: validation satisfies CheckedPolicy });
    } catch (error) {
      reply({
        type: 'failure',
        id: request.id,
        message: error instanceof Error ? error.message : String(error),
      });
    }
  };

  return {
    handle(request) {
      if (request.type === 'validate') {
        last = request;
        check(request);
        return;
      }
      if (loading || iamIndex) return;
      loading = true;
      loadIndex().then(
        (index) => {
          iamIndex = index;
          if (last) check(last);
        },
        () => {
          // Without the index, actions and condition keys are not looked up; everything else is checked.
          loading = false;
        },
      );
    },
  };
}
