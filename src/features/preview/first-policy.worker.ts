/// <reference lib="webworker" />
/** Generates the first policy text off the page's thread (see first-policy-generation.ts). */
import { answerFirstPolicyRequest, type FirstPolicyRequest } from './first-policy-generation';

const scope = self as unknown as DedicatedWorkerGlobalScope;
scope.addEventListener('message', (event: MessageEvent<FirstPolicyRequest>) =>
  scope.postMessage(answerFirstPolicyRequest(event.data)),
);
