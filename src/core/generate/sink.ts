import type { ServiceId } from '../catalog/ids';
import type { EngineDiagnostic } from '../diagnostics';

/** A recorded diagnostic; one that names the endpoint service is made when replayed for it. */
export type RecordedDiagnostic = EngineDiagnostic | ((serviceId: ServiceId) => EngineDiagnostic);

/** Collects diagnostics, keeping one per code and subject. */
export class DiagnosticSink {
  readonly list: EngineDiagnostic[] = [];
  private readonly seen = new Set<string>();
  /** Every call, kept when the work is recorded to be replayed (cached expansions, shared policies). */
  readonly calls: Array<[string, RecordedDiagnostic]> = [];

  constructor(private readonly record = false) {}

  add(key: string, diagnostic: EngineDiagnostic): void {
    if (this.record) this.calls.push([key, diagnostic]);
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.list.push(diagnostic);
  }

  /** Records a diagnostic that names the service, for a recording sink to replay per service. */
  addForService(key: string, make: (serviceId: ServiceId) => EngineDiagnostic): void {
    if (this.record) this.calls.push([key, make]);
  }

  /** Replays recorded calls; those that name the service only when replayed for one. */
  replay(calls: ReadonlyArray<readonly [string, RecordedDiagnostic]>, serviceId?: ServiceId): void {
    for (const [key, diagnostic] of calls) {
      if (typeof diagnostic !== 'function') this.add(key, diagnostic);
      else if (serviceId !== undefined) this.add(key, diagnostic(serviceId));
    }
  }
}
