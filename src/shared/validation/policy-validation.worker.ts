/// <reference lib="webworker" />
/** The validation worker: the engine's validator off the page's main thread. */
import { createPolicyChecker } from './policy-checker';
import type { ValidationRequest, ValidationResponse } from './validation-protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const checker = createPolicyChecker((response: ValidationResponse) => scope.postMessage(response));
scope.addEventListener('message', (event: MessageEvent<ValidationRequest>) =>
  checker.handle(event.data),
);
