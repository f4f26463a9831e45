/**
 * The zip of an export: every file of the engine's export (policies, infrastructure code,
 * manifest.json) under the paths `vpce-policy build --out` writes, plus the configuration.
 */
import { strToU8, zipSync } from 'fflate';
import type { PerimeterConfig } from '@/core/config/schema';
import { exportPolicies } from '@/core/deploy/export/export';
import type { ExportFormat } from '@/core/deploy/export/types';

export interface ExportZip {
  fileName: string;
  bytes: Uint8Array;
  files: number;
  policies: number;
  hasErrors: boolean;
}

/** Unix permissions in a zip entry's external attributes: rwxr-xr-x for scripts, rw-r--r-- else. */
const EXECUTABLE = (0o100755 << 16) >>> 0;
const REGULAR = (0o100644 << 16) >>> 0;

export function buildExportZip(config: PerimeterConfig, format: ExportFormat): ExportZip {
  const exported = exportPolicies(config, format);
  const entries: Record<string, [Uint8Array, { os: number; attrs: number }]> = {};
  for (const file of exported.files)
    entries[file.path] = [
      strToU8(file.text),
      { os: 3, attrs: file.executable ? EXECUTABLE : REGULAR },
    ];
  entries['perimeter.json'] = [
    strToU8(`${JSON.stringify(config, null, 2)}\n`),
    { os: 3, attrs: REGULAR },
  ];
  return {
    fileName:
      format === 'json' ? 'vpc-endpoint-policies.zip' : `vpc-endpoint-policies-${format}.zip`,
    bytes: zipSync(entries, { level: 6 }),
    files: exported.files.length + 1,
    policies: exported.manifest.summary.policies,
    hasErrors: exported.hasErrors,
  };
}
