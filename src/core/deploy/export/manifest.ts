/**
 * `manifest.json`: what an export holds. Every file with its kind; for each policy its service,
 * its regions, the endpoint service name per region (a global service in its global form), its
 * size and the generator's findings; the versions of the tool, the catalog and the format.
 */
import type { Catalog } from '../../catalog/catalog';
import type { Diagnostic } from '../../diagnostics';
import type { PolicyOutput } from '../../generate/outputs';
import { endpointServiceName } from '../service-names';
import type { ExportFile, ExportFileKind, ExportFormat, ExportNote } from './types';

export const MANIFEST_VERSION = 1;
export const MANIFEST_FILE = 'manifest.json';

export interface ManifestPolicy {
  service: string;
  regions: string[];
  /** Region → endpoint service name; null where no source names it. */
  endpointServiceNames: Record<string, string | null>;
  characters: number;
  /** Endpoints of the inventory that receive the policy. */
  endpoints?: string[];
  diagnostics: Pick<Diagnostic, 'severity' | 'code' | 'message' | 'hint' | 'path' | 'sid'>[];
}

export interface ManifestFile {
  path: string;
  kind: ExportFileKind;
  policy?: ManifestPolicy;
}

export interface ExportManifest {
  manifestVersion: typeof MANIFEST_VERSION;
  format: ExportFormat;
  tool: { name: 'vpce-policy'; version: string };
  catalog: { fingerprint: string; services: number; regions: number; patterns: number };
  files: ManifestFile[];
  notes: ExportNote[];
  summary: { policies: number; errors: number; warnings: number };
}

/** 53-bit string hash (cyrb53): a short fingerprint that changes whenever the catalog data does. */
function fingerprint(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, '0');
}

const fingerprints = new WeakMap<Catalog, string>();

export function catalogFingerprint(catalog: Catalog): string {
  let value = fingerprints.get(catalog);
  if (!value) {
    value = fingerprint(
      JSON.stringify([
        catalog.statements,
        catalog.patterns,
        catalog.services,
        catalog.regions,
        catalog.accountTables,
      ]),
    );
    fingerprints.set(catalog, value);
  }
  return value;
}

export function manifestPolicy(
  output: Pick<PolicyOutput, 'service' | 'result'>,
  catalog: Catalog,
  endpoints?: readonly string[],
): ManifestPolicy {
  const service = catalog.service(output.service);
  const names: Record<string, string | null> = {};
  for (const region of output.result.regions)
    names[region] = (service && endpointServiceName(service, region)) ?? null;
  const policy: ManifestPolicy = {
    service: output.service,
    regions: output.result.regions,
    endpointServiceNames: names,
    characters: output.result.size,
    diagnostics: output.result.diagnostics.map(({ severity, code, message, hint, path, sid }) => ({
      severity,
      code,
      message,
      ...(hint !== undefined ? { hint } : {}),
      ...(path !== undefined ? { path } : {}),
      ...(sid !== undefined ? { sid } : {}),
    })),
  };
  if (endpoints) policy.endpoints = [...endpoints];
  return policy;
}

export function buildManifest(
  format: ExportFormat,
  files: readonly ExportFile[],
  policies: ReadonlyMap<string, ManifestPolicy>,
  notes: readonly ExportNote[],
  catalog: Catalog,
  toolVersion: string,
): ExportManifest {
  const all = [...policies.values()].flatMap((p) => p.diagnostics);
  return {
    manifestVersion: MANIFEST_VERSION,
    format,
    tool: { name: 'vpce-policy', version: toolVersion },
    catalog: {
      fingerprint: catalogFingerprint(catalog),
      services: catalog.services.length,
      regions: catalog.regions.length,
      patterns: catalog.patterns.length,
    },
    files: files.map((f) => {
      const policy = policies.get(f.path);
      return policy ? { path: f.path, kind: f.kind, policy } : { path: f.path, kind: f.kind };
    }),
    notes: [...notes],
    summary: {
      policies: policies.size,
      errors: all.filter((d) => d.severity === 'error').length,
      warnings: all.filter((d) => d.severity === 'warning').length,
    },
  };
}
