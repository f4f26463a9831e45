/**
 * Prints every fact of the catalog still marked unverified, with what would verify it
 * (run: npm run catalog:report, or with --json for machines).
 */
import { catalog } from '../src/core/catalog/catalog';
import { unverifiedFacts, type UnverifiedKind } from '../src/core/catalog/unverified';

const HEADINGS: Record<UnverifiedKind, string> = {
  source: 'Facts from third-party sources',
  'account-table': 'Account tables seen only in third-party material',
  account: 'Accounts no primary source confirms',
  'endpoint-policy-support': 'Endpoint policy support that no source states',
  'service-name': 'Services without a PrivateLink name in our sources',
  partition: 'Partitions whose AWS-owned names are mostly undocumented',
  region: 'Regions with an unknown opt-in status',
};

const args = process.argv.slice(2);
const unknown = args.filter((a) => a !== '--json');
if (unknown.length > 0) {
  process.stderr.write(`catalog-report: unknown option ${unknown[0]}; the only option is --json\n`);
  process.exit(2);
}
const facts = unverifiedFacts(catalog);
if (args.includes('--json')) {
  process.stdout.write(`${JSON.stringify(facts, null, 2)}\n`);
} else {
  const lines: string[] = [`${facts.length} facts of the catalog are not verified.`];
  for (const kind of Object.keys(HEADINGS) as UnverifiedKind[]) {
    const group = facts.filter((f) => f.kind === kind);
    if (group.length === 0) continue;
    lines.push('', `${HEADINGS[kind]} (${group.length})`);
    for (const fact of group)
      lines.push(`- ${fact.subject}: ${fact.fact}`, `  verify: ${fact.toVerify}`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}
