/**
 * Every export format from one configuration: the JSON policies (the shape the configuration
 * asks for), a Terraform module, CloudFormation templates or an AWS CLI script, each with the
 * policies as files and `manifest.json`. Shared by `vpce-policy build --format` and the browser's
 * "Export as"; pure, so the same choices always give the same bytes.
 */
import { catalog as bundledCatalog, type Catalog } from '../../catalog/catalog';
import type { OutputShape, PerimeterConfig, PolicyFormat } from '../../config/schema';
import { DEFAULT_FORMAT } from '../../generate/generate';
import { generatePolicies } from '../../generate/outputs';
import { canonicalRegions } from '../../generate/selection';
import { awsCliFiles } from './aws-cli';
import { cloudFormationFiles } from './cloudformation';
import {
  buildManifest,
  manifestPolicy,
  MANIFEST_FILE,
  type ExportManifest,
  type ManifestPolicy,
} from './manifest';
import { deploymentTargets } from './targets';
import { terraformFiles } from './terraform';
import type { ExportFile, ExportFormat, ExportNote } from './types';
import { version as packageVersion } from '../../../../package.json';

export const TOOL_VERSION: string = packageVersion;

export interface ExportOptions {
  catalog?: Catalog;
  /** Pretty or minified policies; defaults to the configuration's. */
  format?: PolicyFormat;
  /** For the JSON format only: one policy per service, or per service and region. */
  shape?: OutputShape;
}

export interface PolicyExport {
  format: ExportFormat;
  /** In writing order, `manifest.json` last. */
  files: ExportFile[];
  manifest: ExportManifest;
  /** Whether a policy has errors (its placeholders are then visible in the files). */
  hasErrors: boolean;
}

/** A policy file's text: the policy and a newline, as `build --out` has always written it. */
export const policyFileText = (text: string) => `${text}\n`;

/**
 * `policyFileText` kept by policy text: the policies of one shape in many regions often have the
 * same text, and their files then share one string.
 */
function policyFileTexts(): (text: string) => string {
  const texts = new Map<string, string>();
  return (text) => {
    let file = texts.get(text);
    if (file === undefined) texts.set(text, (file = policyFileText(text)));
    return file;
  };
}

export function exportPolicies(
  config: PerimeterConfig,
  format: ExportFormat,
  options: ExportOptions = {},
): PolicyExport {
  const catalog = options.catalog ?? bundledCatalog;
  const policyFormat = options.format ?? config.output?.format ?? DEFAULT_FORMAT;
  const notes: ExportNote[] = [];
  const policies = new Map<string, ManifestPolicy>();
  const fileText = policyFileTexts();
  let files: ExportFile[];
  if (format === 'json') {
    const outputs = generatePolicies(config, {
      catalog,
      format: policyFormat,
      shape: options.shape ?? config.output?.shape ?? 'all-regions',
    });
    files = outputs.map((o) => {
      policies.set(o.fileName, manifestPolicy(o, catalog));
      return { path: o.fileName, kind: 'policy' as const, text: fileText(o.result.text) };
    });
  } else {
    // Infrastructure code deploys per endpoint, and an endpoint lives in one region: one policy per region.
    const targets = deploymentTargets(config, catalog, policyFormat);
    const regions = canonicalRegions(config.regions, catalog);
    const policyFiles = targets.map((t) => {
      const path = `policies/${t.policyFile}`;
      policies.set(
        path,
        manifestPolicy(
          { service: t.service.id, result: t.policy },
          catalog,
          t.endpoints.map((e) => e.id),
        ),
      );
      return { path, kind: 'policy' as const, text: fileText(t.policy.text) };
    });
    const code =
      format === 'terraform'
        ? terraformFiles(targets, regions, TOOL_VERSION, notes)
        : format === 'cloudformation'
          ? cloudFormationFiles(targets, regions, TOOL_VERSION, notes)
          : awsCliFiles(targets, TOOL_VERSION, notes);
    files = [...code, ...policyFiles];
  }
  const manifest = buildManifest(format, files, policies, notes, catalog, TOOL_VERSION);
  files.push({
    path: MANIFEST_FILE,
    kind: 'manifest',
    text: `${JSON.stringify(manifest, null, 2)}\n`,
  });
  return { format, files, manifest, hasErrors: manifest.summary.errors > 0 };
}
