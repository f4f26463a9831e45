import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildCatalog, catalog, catalogFiles } from './catalog';
import { unverifiedFacts } from './unverified';

const root = fileURLToPath(new URL('../../../', import.meta.url));

describe('unverified facts of the catalog', () => {
  const facts = unverifiedFacts(catalog);

  it('lists the Lambda Insights arm64 account of ca-west-1, with why and what would verify it', () => {
    const entry = facts.find((f) => f.kind === 'account' && f.fact.startsWith('761377655185'));
    expect(entry?.subject).toBe('lambda-insights-layers');
    expect(entry?.fact).toContain('ca-west-1');
    expect(entry?.toVerify).toContain('Lambda Insights extension');
  });

  it('lists third-party account tables and sources', () => {
    expect(
      facts.some((f) => f.kind === 'account-table' && f.subject === 'glue-studio-transforms'),
    ).toBe(true);
    expect(facts.some((f) => f.kind === 'source' && f.subject === 'glue-studio-transforms')).toBe(
      true,
    );
  });

  it('lists every service of unknown endpoint-policy support with the command that settles it', () => {
    const unknown = catalog.services.filter(
      (s) => s.endpointPolicy === 'unknown' && !s.discontinued,
    );
    const listed = facts.filter((f) => f.kind === 'endpoint-policy-support');
    expect(listed.map((f) => f.subject)).toEqual(unknown.map((s) => s.id));
    expect(listed.find((f) => f.subject === 'networkmanager')?.toVerify).toBe(
      'aws ec2 describe-vpc-endpoint-services --service-names com.amazonaws.us-east-1.networkmanager (VpcEndpointPolicySupported)',
    );
  });

  it('gives every fact something that would verify it', () => {
    for (const fact of facts) expect(fact.toVerify.length, fact.fact).toBeGreaterThan(20);
  });

  it('drops a fact once it is verified', () => {
    const files = structuredClone(catalogFiles);
    const table = files.accountTables.tables.find((t) => t.id === 'lambda-insights-layers')!;
    delete table.unverified;
    const after = unverifiedFacts(buildCatalog(files));
    expect(after.some((f) => f.kind === 'account' && f.subject === 'lambda-insights-layers')).toBe(
      false,
    );
    expect(after).toHaveLength(facts.length - 1);
  });
});

describe('npm run catalog:report', () => {
  const run = (...args: string[]) =>
    execFileSync(process.execPath, ['--import', 'tsx', 'scripts/catalog-report.ts', ...args], {
      cwd: root,
      encoding: 'utf8',
    });

  it('prints every unverified fact, grouped, with what would verify it', () => {
    const text = run();
    const facts = unverifiedFacts(catalog);
    expect(text).toMatch(new RegExp(`^${facts.length} facts of the catalog are not verified\\.`));
    expect(text).toContain('Accounts no primary source confirms (1)');
    expect(text).toContain('- lambda-insights-layers: 761377655185 for ca-west-1');
    expect(text.match(/^ {2}verify: /gm)).toHaveLength(facts.length);
  });

  it('prints JSON with --json, and refuses an unknown option with exit code 2', () => {
    expect(JSON.parse(run('--json'))).toEqual(unverifiedFacts(catalog));
    expect(() => run('--nope')).toThrow(/unknown option --nope/);
  });
});
