/**
 * The catalog is data: these tests check every file against its schema and every cross-reference,
 * collecting all violations before failing so that one run shows every problem.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readReferenceJson } from '../testing/reference';
import { buildCatalog, catalogFiles, type CatalogFiles } from './catalog';
import { STATEMENT_SIDS, SLOT_NAMES } from './ids';
import { jsonSchemaFiles } from '../../../scripts/json-schemas';
import { catalogFileSchemas } from './schema';
import { testRegionCode, testServiceId } from './ids.testing';

const fileKeys = {
  statements: 'statements',
  patterns: 'patterns',
  services: 'services',
  regions: 'regions',
  'account-tables': 'accountTables',
} as const;

/** Every schema violation of every catalog file, as "file: path: message". */
function schemaViolations(files: CatalogFiles): string[] {
  const out: string[] = [];
  for (const [name, key] of Object.entries(fileKeys)) {
    const schema = catalogFileSchemas[name as keyof typeof catalogFileSchemas];
    const result = schema.safeParse(files[key]);
    if (!result.success) {
      for (const issue of result.error.issues)
        out.push(`${name}.json: ${issue.path.join('.')}: ${issue.message}`);
    }
  }
  return out;
}

/** Every broken cross-reference of the catalog. */
export function crossReferenceViolations(files: CatalogFiles): string[] {
  const out: string[] = [];
  const catalog = buildCatalog(files);
  const unique = (what: string, ids: string[]) => {
    const seen = new Set<string>();
    for (const id of ids) {
      if (seen.has(id)) out.push(`${what} id "${id}" is used twice`);
      seen.add(id);
    }
  };
  unique(
    'statement',
    catalog.statements.map((s) => s.sid),
  );
  unique(
    'pattern',
    catalog.patterns.map((p) => p.id),
  );
  unique(
    'service',
    catalog.services.map((s) => s.id),
  );
  unique(
    'template',
    catalog.templates.map((t) => t.id),
  );
  unique(
    'region',
    catalog.regions.map((r) => r.code),
  );
  unique(
    'account table',
    catalog.accountTables.map((t) => t.id),
  );

  // Statements: one per Sid, in Sid order, templates matching how they are fed.
  catalog.statements.forEach((s, i) => {
    if (s.sid !== STATEMENT_SIDS[i])
      out.push(`statement ${i + 1} should be ${STATEMENT_SIDS[i]}, found ${s.sid}`);
    const hasFixed = s.templates.fixed !== undefined;
    const hasFed = s.templates.arn !== undefined || s.templates.resourceAccount !== undefined;
    if (s.fedByPatterns && (hasFixed || !hasFed || s.templates.resourceOrg))
      out.push(
        `statement ${s.sid} is fed by patterns and needs arn/resourceAccount templates only`,
      );
    if (!s.fedByPatterns && (!hasFixed || hasFed))
      out.push(
        `statement ${s.sid} is not fed by patterns and needs a fixed template (and at most a resourceOrg one)`,
      );
    const text = JSON.stringify(s.templates);
    for (const [, slot] of text.matchAll(/\{\{(\w+)\}\}/g)) {
      if (!(SLOT_NAMES as readonly string[]).includes(slot!))
        out.push(`statement ${s.sid} uses unknown slot {{${slot}}}`);
    }
  });

  // Patterns.
  const groupKinds = new Map<string, string>();
  for (const p of catalog.patterns) {
    for (const service of p.services)
      if (!catalog.service(service)) out.push(`pattern ${p.id}: unknown service ${service}`);
    const statement = catalog.statements.find((s) => s.sid === p.statement);
    if (!statement) out.push(`pattern ${p.id}: unknown statement ${p.statement}`);
    else if (!statement.templates[p.grant])
      out.push(`pattern ${p.id}: statement ${p.statement} has no ${p.grant} template`);
    else if (!statement.fedByPatterns && !p.sidSuffix)
      out.push(
        `pattern ${p.id}: extends the fixed statement ${p.statement}, so it needs a sidSuffix`,
      );
    if (!p.defaultSelected && !p.offByDefaultBecause)
      out.push(`pattern ${p.id}: off by default without saying why`);
    if (p.defaultSelected && p.offByDefaultBecause)
      out.push(`pattern ${p.id}: on by default but says why it is off`);
    const usesAccount = (p.resources ?? []).some((r) => r.includes('{account}'));
    if (p.grant === 'resourceAccount') {
      if (!p.accounts)
        out.push(`pattern ${p.id}: grants by resource account but names no accounts`);
      if (p.resources) out.push(`pattern ${p.id}: grants by resource account but lists resources`);
    } else {
      if (!p.resources?.length) out.push(`pattern ${p.id}: grants by ARN but lists no resources`);
      if (usesAccount !== (p.accounts !== undefined))
        out.push(
          `pattern ${p.id}: {account} in resources and the accounts source must go together`,
        );
    }
    if (p.accounts && 'table' in p.accounts && !catalog.accountTable(p.accounts.table))
      out.push(`pattern ${p.id}: unknown account table ${p.accounts.table}`);
    const variables = ['partition', 'region', 'regionNoDashes', 'dnsSuffix', 'account'];
    if (p.bucketNames) variables.push('bucket');
    variables.push(...Object.keys(p.regionValues ?? {}));
    for (const r of p.resources ?? []) {
      for (const [, v] of r.matchAll(/\{(\w+)\}/g)) {
        if (!variables.includes(v!)) out.push(`pattern ${p.id}: unknown variable {${v}} in ${r}`);
      }
    }
    if (p.bucketNames && !(p.resources ?? []).some((r) => r.includes('{bucket}')))
      out.push(`pattern ${p.id}: takes bucket names but uses no {bucket}`);
    for (const shape of p.bucketNames?.shapes ?? [])
      if (!shape.includes('{id}')) out.push(`pattern ${p.id}: bucket shape ${shape} has no {id}`);
    for (const [name, table] of Object.entries(p.regionValues ?? {})) {
      for (const region of Object.keys(table.values))
        if (!catalog.region(testRegionCode(region)))
          out.push(`pattern ${p.id}: ${name} names unknown region ${region}`);
      if (!(p.resources ?? []).some((r) => r.includes(`{${name}}`)))
        out.push(`pattern ${p.id}: region values ${name} are used by no resource`);
    }
    // A region-independent bucket name is unique only within its partition: say where AWS owns it.
    const globalBuckets = (p.resources ?? []).filter(
      (r) => r.startsWith('arn:{partition}:s3:::') && !/\{(?!partition\})\w+\}/.test(r),
    );
    if (globalBuckets.length > 0 && !p.globalNames)
      out.push(`pattern ${p.id}: global bucket names ${globalBuckets.join(', ')} need globalNames`);
    if (p.globalNames && globalBuckets.length === 0)
      out.push(`pattern ${p.id}: globalNames without a global bucket name`);
    for (const q of p.regionQuirks ?? []) {
      for (const r of q.regions)
        if (!catalog.region(r)) out.push(`pattern ${p.id}: quirk names unknown region ${r}`);
      if (q.resource !== undefined && !(p.resources ?? []).includes(q.resource))
        out.push(`pattern ${p.id}: quirk replaces ${q.resource}, which the pattern does not list`);
      if ((q.resource === undefined) !== (q.replaceWith === undefined))
        out.push(`pattern ${p.id}: a quirk needs both resource and replaceWith, or neither`);
    }
    for (const service of p.services) {
      const key = `${service}/${p.statement}/${p.sidSuffix ?? ''}`;
      const kind = groupKinds.get(key);
      if (kind && kind !== p.grant)
        out.push(`pattern ${p.id}: mixes ${p.grant} with ${kind} in ${key}; give it a sidSuffix`);
      groupKinds.set(key, p.grant);
    }
  }

  // Services and templates.
  const usedTemplates = new Set<string>();
  for (const s of catalog.services) {
    if (!catalog.template(s.template)) out.push(`service ${s.id}: unknown template ${s.template}`);
    usedTemplates.add(s.template);
    if (s.nameSource && !catalog.serviceSources[s.nameSource])
      out.push(`service ${s.id}: unknown name source ${s.nameSource}`);
    if (s.discontinued && !catalog.serviceSources[s.discontinued.source])
      out.push(`service ${s.id}: unknown source ${s.discontinued.source}`);
    if (s.endpointPolicySource && !catalog.serviceSources[s.endpointPolicySource])
      out.push(`service ${s.id}: unknown source ${s.endpointPolicySource}`);
    if (s.guidance && !catalog.serviceSources[s.guidance.source])
      out.push(`service ${s.id}: unknown guidance source ${s.guidance.source}`);
    if (s.endpointPolicy !== 'unknown' && !s.endpointPolicySource)
      out.push(`service ${s.id}: endpoint policy support "${s.endpointPolicy}" without a source`);
  }
  for (const t of catalog.templates) {
    if (!usedTemplates.has(t.id)) out.push(`template ${t.id} is used by no service`);
    const order = t.statements.map((sid) => STATEMENT_SIDS.indexOf(sid));
    if (order.some((v, i) => i > 0 && v <= order[i - 1]!))
      out.push(`template ${t.id}: statements out of catalog order`);
  }
  if (!catalog.template('default')) out.push('the default template is missing');

  // Regions and account tables.
  for (const r of catalog.regions)
    if (!catalog.partitions.some((p) => p.id === r.partition))
      out.push(`region ${r.code}: unknown partition ${r.partition}`);
  for (const t of catalog.accountTables) {
    for (const entry of t.unverified ?? [])
      if (!t.accounts[entry.region]?.includes(entry.account))
        out.push(`account table ${t.id}: unverified ${entry.account} is not in ${entry.region}`);
    for (const region of Object.keys(t.accounts))
      if (!catalog.region(testRegionCode(region)))
        out.push(`account table ${t.id}: unknown region ${region}`);
    if (
      !catalog.patterns.some(
        (p) => p.accounts && 'table' in p.accounts && p.accounts.table === t.id,
      )
    )
      out.push(`account table ${t.id} is used by no pattern`);
  }
  return out;
}

describe('catalog', () => {
  it('matches its schemas (all violations reported at once)', () => {
    expect(schemaViolations(catalogFiles)).toEqual([]);
  });

  it('has no broken cross-reference (all violations reported at once)', () => {
    expect(crossReferenceViolations(catalogFiles)).toEqual([]);
  });

  it('reports every violation of a broken catalog, not only the first', () => {
    const broken = structuredClone(catalogFiles);
    const [first, second] = broken.patterns.patterns;
    first!.services = [testServiceId('no-such-service')];
    second!.id = first!.id;
    (broken.regions.regions[0] as { partition: string }).partition = 'aws-mars';
    const found = crossReferenceViolations(broken);
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringContaining('unknown service no-such-service'),
        expect.stringContaining('is used twice'),
        expect.stringContaining('unknown partition aws-mars'),
      ]),
    );
    const invalid = structuredClone(catalogFiles) as unknown as {
      patterns: { patterns: Record<string, unknown>[] };
    };
    invalid.patterns.patterns[0]!.id = 'Not Kebab';
    invalid.patterns.patterns[1]!.actions = [];
    expect(schemaViolations(invalid as unknown as CatalogFiles).length).toBeGreaterThanOrEqual(2);
  });

  it('ships JSON Schema files that match the zod schemas (run npm run schemas after a change)', () => {
    const root = fileURLToPath(new URL('../../../', import.meta.url));
    for (const file of jsonSchemaFiles()) {
      expect(readFileSync(root + file.path, 'utf8'), file.path).toBe(file.content);
    }
  });

  it('covers every row of the service-owned resources table that names an endpoint policy', () => {
    const rows = readReferenceJson<
      Array<{ owner: string; resourceType: string; endpointPolicies: string[] }>
    >('service-owned-resources.json');
    const covered = new Set(catalogFiles.patterns.patterns.flatMap((p) => p.tableRows ?? []));
    const missing = rows
      .filter((r) => r.endpointPolicies.length > 0)
      .map((r) => `${r.owner} / ${r.resourceType}`)
      .filter((key) => !covered.has(key));
    expect(missing).toEqual([]);
  });

  it('lists every service of the upstream guidance, with its endpoint policy support', () => {
    const guidance =
      readReferenceJson<Array<{ service: string; endpointPolicySupported: boolean }>>(
        'service-guidance.json',
      );
    const catalog = buildCatalog(catalogFiles);
    const withGuidance = catalog.services.filter((s) => s.guidance);
    const covered = new Set(withGuidance.map((s) => s.guidance!.source.replace(/^guidance-/, '')));
    expect(guidance.map((g) => g.service).filter((id) => !covered.has(id))).toEqual([]);
    for (const g of guidance.filter((x) => !x.endpointPolicySupported)) {
      const services = withGuidance.filter((s) => s.guidance!.source === `guidance-${g.service}`);
      expect(
        services.map((s) => s.endpointPolicy),
        g.service,
      ).not.toContain('supported');
    }
  });

  it('knows every public region of the aws, aws-cn and aws-us-gov partitions in the reference', () => {
    const reference = readReferenceJson<{ regions: Array<{ region: string; partition: string }> }>(
      'regions.json',
    );
    const catalog = buildCatalog(catalogFiles);
    const wanted = reference.regions.filter((r) =>
      ['aws', 'aws-cn', 'aws-us-gov'].includes(r.partition),
    );
    expect(wanted.length).toBeGreaterThan(35);
    for (const r of wanted)
      expect(catalog.region(testRegionCode(r.region))?.partition, r.region).toBe(r.partition);
    expect(catalog.region(testRegionCode('us-west-2'))?.noDashes).toBe('uswest2');
    expect(catalog.region(testRegionCode('cn-north-1'))?.dnsSuffix).toBe('amazonaws.com.cn');
  });

  it('never says that an Allow statement denies or blocks: an Allow only fails to match', () => {
    // Every statement and pattern is an Allow; what it does not admit, it leaves to the others.
    const texts = [
      ...catalogFiles.statements.statements.flatMap((s) => [
        s.summary,
        s.allows,
        s.why,
        ...s.risks,
      ]),
      ...catalogFiles.patterns.patterns.flatMap((p) => [
        p.summary,
        p.explanation,
        p.offByDefaultBecause ?? '',
        ...p.risks,
      ]),
    ];
    const denying = texts.filter((t) =>
      /\b(deny|denies|denied|denying|blocks?|blocked)\b/i.test(t),
    );
    expect(denying).toEqual([]);
  });

  it('carries the per-region EKS add-on registry accounts of the reference', () => {
    const reference = readReferenceJson<{ eks_addons: Record<string, string> }>(
      'service-account-ids.json',
    );
    const table = buildCatalog(catalogFiles).accountTable('eks-add-ons')!;
    for (const [region, account] of Object.entries(reference.eks_addons))
      expect(table.accounts[testRegionCode(region)], region).toEqual([account]);
  });
});
