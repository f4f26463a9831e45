/**
 * Sends policy texts to the validator and hands back the results, newest first: at most one text
 * is being checked at a time and only the latest waiting one is sent next, so a burst of
 * keystrokes on a huge text costs one check, not one per keystroke. The validator runs in a module
 * worker served by the app; where a worker cannot start, it runs in the page instead.
 */
import type {
  CheckedPolicy,
  PolicyCheckOptions,
  ValidationRequest,
  ValidationResponse,
} from './validation-protocol';

/** Where requests go: the worker, or the validator in the page. */
export interface ValidationPort {
  post(request: ValidationRequest): void;
  /** Called with every response, and with `undefined` when the port broke and must be replaced. */
  listen(listener: (response: ValidationResponse | undefined) => void): void;
  close(): void;
}

export function workerPort(): ValidationPort | undefined {
  if (typeof Worker === 'undefined') return undefined;
  let worker: Worker;
  try {
    worker = new Worker(new URL('./policy-validation.worker.ts', import.meta.url), {
      type: 'module',
      name: 'policy-validation',
    });
  } catch {
    return undefined;
  }
  return {
    post: (request) => worker.postMessage(request),
    listen(listener) {
      worker.addEventListener('message', (event: MessageEvent<ValidationResponse>) =>
        listener(event.data),
      );
      worker.addEventListener('error', () => listener(undefined));
      worker.addEventListener('messageerror', () => listener(undefined));
    },
    close: () => worker.terminate(),
  };
}

/** The validator on the page's thread, loaded on first use; answers asynchronously like a worker. */
export function inPagePort(): ValidationPort {
  let listener: (response: ValidationResponse | undefined) => void = () => undefined;
  let closed = false;
  const checker = import('./policy-checker').then(({ createPolicyChecker }) =>
    createPolicyChecker((response) => !closed && listener(response)),
  );
  return {
    post: (request) => void checker.then((c) => setTimeout(() => !closed && c.handle(request), 0)),
    listen: (l) => {
      listener = l;
    },
    close: () => {
      closed = true;
    },
  };
}

export interface ValidationOutcome {
  id: number;
  /** The text that was checked. */
  text: string;
  validation?: CheckedPolicy;
  /** Set when the validator itself failed (never for a bad policy, which gets diagnostics). */
  failure?: string;
}

export class PolicyValidationClient {
  private port: ValidationPort;
  private nextId = 1;
  private inFlight: { id: number; text: string; options: PolicyCheckOptions } | undefined;
  private waiting: { id: number; text: string; options: PolicyCheckOptions } | undefined;
  private lastSent: { id: number; text: string } | undefined;
  private iamWanted = false;
  private latestAnswered = 0;
  private closed = false;

  constructor(
    private readonly onOutcome: (outcome: ValidationOutcome) => void,
    makePort: () => ValidationPort = () => workerPort() ?? inPagePort(),
    private readonly fallbackPort: () => ValidationPort = inPagePort,
  ) {
    this.port = makePort();
    this.connect();
  }

  /** Asks for a check of `text`; returns the request's id, which its outcome carries. */
  request(text: string, options: PolicyCheckOptions): number {
    const request = { id: this.nextId++, text, options };
    if (this.inFlight) this.waiting = request;
    else this.send(request);
    return request.id;
  }

  /** Has the validator load the IAM reference index; the last text is then checked again with it. */
  useIamIndex(): void {
    if (this.iamWanted) return;
    this.iamWanted = true;
    this.port.post({ type: 'use-iam-index' });
  }

  close(): void {
    this.closed = true;
    this.port.close();
  }

  private connect(): void {
    this.port.listen((response) => {
      if (this.closed) return;
      if (!response) return this.replacePort();
      this.receive(response);
    });
  }

  private send(request: { id: number; text: string; options: PolicyCheckOptions }): void {
    this.inFlight = request;
    this.lastSent = { id: request.id, text: request.text };
    this.port.post({ type: 'validate', ...request });
  }

  private receive(response: ValidationResponse): void {
    const text =
      this.inFlight?.id === response.id
        ? this.inFlight.text
        : this.lastSent?.id === response.id
          ? this.lastSent.text
          : undefined;
    if (this.inFlight?.id === response.id) {
      this.inFlight = undefined;
      const next = this.waiting;
      this.waiting = undefined;
      if (next) this.send(next);
    }
    // An answer about an older text than one already shown is of no use.
    if (text === undefined || response.id < this.latestAnswered) return;
    this.latestAnswered = response.id;
    this.onOutcome(
      response.type === 'result'
        ? { id: response.id, text, validation: response.validation }
        : { id: response.id, text, failure: response.message },
    );
  }

  /** The worker could not start or broke: the validator runs in the page from now on. */
  private replacePort(): void {
    this.port.close();
    this.port = this.fallbackPort();
    this.connect();
    if (this.iamWanted) this.port.post({ type: 'use-iam-index' });
    const pending = this.waiting ?? this.inFlight;
    this.inFlight = undefined;
    this.waiting = undefined;
    if (pending) this.send(pending);
  }
}
