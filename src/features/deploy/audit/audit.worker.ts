/// <reference lib="webworker" />
/** The audit worker: reading and comparing thousands of endpoints off the page's main thread. */
import type { AuditRequest } from './audit-protocol';
import { runAudit } from './audit-runner';

const scope = self as unknown as DedicatedWorkerGlobalScope;
scope.addEventListener('message', (event: MessageEvent<AuditRequest>) => {
  void runAudit(event.data, (response) => scope.postMessage(response));
});
