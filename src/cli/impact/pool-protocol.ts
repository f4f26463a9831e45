/** Messages between `vpce-policy impact` and its worker threads. */
import { type ImpactCollection } from '../../core/index';
import type { TrailFileRead } from './read-trail-file';

export type ToWorker = { type: 'read'; path: string } | { type: 'finish' };

export type FromWorker =
  | { type: 'ready' }
  | { type: 'progress'; bytes: number }
  | { type: 'file'; result: TrailFileRead; shapes: number }
  | { type: 'collection'; collection: ImpactCollection };
