/** Messages between the impact panel and its worker. */
import type { PerimeterConfig } from '@/core/config/schema';
import type { EndpointEntry } from '@/core/impact/endpoints';
import type { ImpactReport } from '@/core/impact/report';
import type { TrailFileResult } from '@/core/impact/trail-reader';

export type ToImpactWorker =
  | { type: 'read'; files: File[]; endpoints: [string, EndpointEntry][] }
  | { type: 'evaluate'; id: number; config: PerimeterConfig; accounts: string[] };

export interface ReadProgress {
  files: number;
  totalFiles: number;
  /** Bytes of the files read so far (as stored, compressed or not). */
  bytes: number;
  totalBytes: number;
  events: number;
  shapes: number;
}

export interface FileOutcome extends TrailFileResult {
  name: string;
}

export type FromImpactWorker =
  | { type: 'progress'; progress: ReadProgress }
  | { type: 'file'; outcome: FileOutcome }
  | { type: 'read-done'; progress: ReadProgress; seconds: number }
  | { type: 'failed'; error: string }
  | { type: 'report'; id: number; report?: ImpactReport; error?: string };
