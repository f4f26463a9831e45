/**
 * Messages between the page and the validation worker. The worker runs the engine's `validate`
 * so that a large text never holds up typing; what it sends back is the validation without the
 * policy model (the page needs the diagnostics, the size and the recognition, not the tree).
 */
import type { EndpointType, PolicyValidation } from '@/core/validate/validate';

/** The options of `validate` that the page chooses; the catalog and IAM index live in the worker. */
export interface PolicyCheckOptions {
  service?: string;
  regions?: string[];
  endpointType?: EndpointType;
}

export type CheckedPolicy = Omit<PolicyValidation, 'model'>;

export type ValidationRequest =
  | { type: 'validate'; id: number; text: string; options: PolicyCheckOptions }
  /** Loads the IAM reference index, then checks the last text again with it. */
  | { type: 'use-iam-index' };

export type ValidationResponse =
  | { type: 'result'; id: number; validation: CheckedPolicy }
  | { type: 'failure'; id: number; message: string };
