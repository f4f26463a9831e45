/**
 * Every fact of the catalog that no primary source confirms yet, with what would confirm it: the
 * list `npm run catalog:report` prints, so that the open questions are visible in one place rather
 * than scattered through the data.
 */
import type { Catalog } from './catalog-index';
import type { Source } from './schema';

export type UnverifiedKind =
  | 'source'
  | 'account-table'
  | 'account'
  | 'endpoint-policy-support'
  | 'service-name'
  | 'partition'
  | 'region';

export interface UnverifiedFact {
  kind: UnverifiedKind;
  /** What the fact is about: a pattern, table, service, partition or region id. */
  subject: string;
  fact: string;
  /** What would confirm or refute it. */
  toVerify: string;
}

const describeSource = (source: Source) => `${source.label}${source.url ? ` (${source.url})` : ''}`;

/** The sources among `sources` that are marked unverified, one fact each. */
function unverifiedSources(
  subject: string,
  where: string,
  sources: readonly Source[],
): UnverifiedFact[] {
  return sources
    .filter((s) => s.verified === false)
    .map((source) => ({
      kind: 'source',
      subject,
      fact: `${where}: ${describeSource(source)}`,
      toVerify: 'An AWS documentation page that states the same fact; then cite it instead.',
    }));
}

/** Unverified sources of statements, patterns (with their region tables), services and regions. */
function unverifiedSourceFacts(catalog: Catalog): UnverifiedFact[] {
  const out: UnverifiedFact[] = [];
  for (const statement of catalog.statements)
    out.push(...unverifiedSources(statement.sid, 'statement source', statement.sources));
  for (const pattern of catalog.patterns) {
    out.push(...unverifiedSources(pattern.id, 'pattern source', pattern.sources));
    for (const quirk of pattern.regionQuirks ?? [])
      out.push(
        ...unverifiedSources(
          pattern.id,
          `region quirk of ${quirk.regions.join(', ')}`,
          quirk.sources,
        ),
      );
    for (const [name, table] of Object.entries(pattern.regionValues ?? {}))
      out.push(...unverifiedSources(pattern.id, `region values ${name}`, table.sources));
    if (pattern.globalNames)
      out.push(
        ...unverifiedSources(pattern.id, 'global bucket names', pattern.globalNames.sources),
      );
  }
  for (const [key, source] of Object.entries(catalog.serviceSources))
    out.push(...unverifiedSources(key, 'service source', [source]));
  out.push(...unverifiedSources('regions', 'region source', catalog.regionSources));
  return out;
}

/** Account tables seen only in third-party material, and single accounts still to confirm. */
function accountTableFacts(catalog: Catalog): UnverifiedFact[] {
  const out: UnverifiedFact[] = [];
  for (const table of catalog.accountTables) {
    out.push(...unverifiedSources(table.id, 'account table source', table.sources));
    if (!table.verified)
      out.push({
        kind: 'account-table',
        subject: table.id,
        fact: `${table.title}: accounts of ${Object.keys(table.accounts).length} regions seen only in third-party material`,
        toVerify:
          'An AWS documentation table of these accounts per region; until then pin the ones you confirmed under parameters.accountIds.',
      });
    for (const entry of table.unverified ?? [])
      out.push({
        kind: 'account',
        subject: table.id,
        fact: `${entry.account} for ${entry.region}: ${entry.reason}`,
        toVerify: entry.toVerify,
      });
  }
  return out;
}

/** Services whose PrivateLink name or endpoint policy support no source states. */
function serviceFacts(catalog: Catalog): UnverifiedFact[] {
  const out: UnverifiedFact[] = [];
  for (const service of catalog.services) {
    if (service.discontinued) continue;
    if (service.serviceName === null)
      out.push({
        kind: 'service-name',
        subject: service.id,
        fact: `${service.title}: no PrivateLink service name in our sources`,
        toVerify: `aws ec2 describe-vpc-endpoint-services --filters Name=service-name,Values='*${service.id}*'`,
      });
    if (service.endpointPolicy === 'unknown')
      out.push({
        kind: 'endpoint-policy-support',
        subject: service.id,
        fact: `${service.title}: whether its endpoints enforce a policy`,
        toVerify: `aws ec2 describe-vpc-endpoint-services --service-names ${(service.serviceName ?? service.id).replace('{region}', 'us-east-1')} (VpcEndpointPolicySupported)`,
      });
  }
  return out;
}

/** Partitions with a caveat and regions whose opt-in status is unknown. */
function partitionAndRegionFacts(catalog: Catalog): UnverifiedFact[] {
  const out: UnverifiedFact[] = [];
  for (const partition of catalog.partitions)
    if (partition.caveat)
      out.push({
        kind: 'partition',
        subject: partition.id,
        fact: `${partition.name}: ${partition.caveat}`,
        toVerify: `The documentation of each service in ${partition.name}, for the AWS-owned names the catalog emits there.`,
      });
  for (const region of catalog.regions)
    if (region.optIn === null)
      out.push({
        kind: 'region',
        subject: region.code,
        fact: `${region.name}: whether the region is opt-in`,
        toVerify:
          'The AWS Account Management list of regions (opt-in status), or aws account list-regions.',
      });
  return out;
}

export function unverifiedFacts(catalog: Catalog): UnverifiedFact[] {
  return [
    ...unverifiedSourceFacts(catalog),
    ...accountTableFacts(catalog),
    ...serviceFacts(catalog),
    ...partitionAndRegionFacts(catalog),
  ];
}
