/// <reference lib="webworker" />
/** The export worker: building and zipping thousands of files off the page's main thread. */
import type { PerimeterConfig } from '@/core/config/schema';
import type { ExportFormat } from '@/core/deploy/export/types';
import { buildExportZip } from './export-zip-builder';

const scope = self as unknown as DedicatedWorkerGlobalScope;
scope.addEventListener(
  'message',
  (event: MessageEvent<{ config: PerimeterConfig; format: ExportFormat }>) => {
    try {
      const zip = buildExportZip(event.data.config, event.data.format);
      scope.postMessage({ zip }, [zip.bytes.buffer]);
    } catch (error) {
      scope.postMessage({ failure: error instanceof Error ? error.message : String(error) });
    }
  },
);
