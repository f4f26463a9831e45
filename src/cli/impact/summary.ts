/** The readable summary that `vpce-policy impact` prints. */
import {
  countOf,
  formatCount,
  type ImpactReport,
  type ShapeResult,
  type ImpactShape,
} from '../../core/index';

const MAX_LISTED = 20;

function who(shape: ImpactShape): string {
  return (
    shape.principalArn ??
    (shape.principalAccount
      ? `account ${shape.principalAccount}`
      : (shape.servicePrincipal ?? shape.principalKind))
  );
}

export function describeShape(shape: ImpactShape): string {
  const owner = shape.resourceAccount ? ` (account ${shape.resourceAccount})` : '';
  return `${shape.action}  ${who(shape)} -> ${shape.resource}${owner}`;
}

function resultLines(result: ShapeResult): string[] {
  const label =
    result.decision === 'allowed'
      ? 'allowed'
      : result.decision === 'undetermined'
        ? 'UNDETERMINED'
        : result.flag
          ? 'FLAGGED'
          : 'DENIED';
  const lines = [
    `  ${label.padEnd(12)} ${countOf(result.shape.count, 'event').padEnd(11)} ${describeShape(result.shape)}`,
  ];
  if (result.decision === 'allowed') return lines;
  lines.push(`               why: ${result.explanation}`);
  const fix = result.fixes[0];
  if (fix) {
    lines.push(`               fix: ${fix.summary}`);
    if (fix.caveat) lines.push(`                    (${fix.caveat})`);
  } else if (result.decision === 'denied' && !result.flag) {
    lines.push('               fix: none in the catalog; review the request');
  }
  if (result.replay) lines.push(`               seen: ${result.replay}`);
  return lines;
}

export function formatImpactSummary(
  report: ImpactReport,
  run: { files: number; megabytes: number; seconds: number },
): string {
  const t = report.totals;
  const out: string[] = [];
  out.push(
    `Read ${countOf(run.files, 'file')} (${run.megabytes.toFixed(1)} MB of JSON and CSV) in ${run.seconds.toFixed(1)} s: ${countOf(t.events, 'event')}, ${formatCount(t.analyzed)} through an endpoint in ${countOf(t.shapes, 'distinct request shape')}.`,
  );
  out.push(
    `Organization ${report.organizationId}, ${countOf(report.organizationAccounts, 'account')} known.`,
  );
  for (const note of report.notes) out.push(`note: ${note}`);
  for (const group of report.groups) {
    out.push('');
    out.push(
      `${group.service} in ${group.region}${group.outsideDesign ? ' (not in the design: evaluated as if added)' : ''}: ` +
        `${countOf(group.allowed.shapes, 'shape')} allowed (${countOf(group.allowed.events, 'event')}), ` +
        `${countOf(group.denied.shapes, 'shape')} denied (${countOf(group.denied.events, 'event')})` +
        (group.undetermined.shapes > 0
          ? `, ${countOf(group.undetermined.shapes, 'shape')} undetermined (${countOf(group.undetermined.events, 'event')})`
          : ''),
    );
    const notAllowed = group.results.filter((r) => r.decision !== 'allowed');
    const allowed = group.results.filter((r) => r.decision === 'allowed');
    for (const result of notAllowed.slice(0, MAX_LISTED)) out.push(...resultLines(result));
    if (notAllowed.length > MAX_LISTED)
      out.push(`  ... and ${notAllowed.length - MAX_LISTED} more (--json lists them all)`);
    for (const result of allowed.slice(0, 5)) out.push(...resultLines(result));
    if (allowed.length > 5) out.push(`  ... and ${allowed.length - 5} more allowed shapes`);
  }
  const observed = report.observedDenials;
  if (observed.events > 0) {
    out.push('');
    out.push(
      `Requests the endpoints denied (VpceAccessDenied): ${formatCount(observed.events)}; the design would still deny ${formatCount(observed.stillDenied)} and allow ${formatCount(observed.nowAllowed)}.`,
    );
  }
  if (report.foreignAccounts.length > 0) {
    out.push('');
    out.push('Accounts outside the organization:');
    for (const account of report.foreignAccounts.slice(0, MAX_LISTED))
      out.push(
        `  ${account.account}  as caller: ${countOf(account.asPrincipal, 'event')}, as resource owner: ${countOf(account.asResource, 'event')}`,
      );
    if (report.foreignAccounts.length > MAX_LISTED)
      out.push(`  ... and ${report.foreignAccounts.length - MAX_LISTED} more`);
  }
  if (t.withoutEndpoint > 0) {
    out.push('');
    out.push(
      `Not through a VPC endpoint (no vpcEndpointId), not evaluated: ${countOf(t.withoutEndpoint, 'event')} (${report.withoutEndpoint
        .slice(0, 5)
        .map((w) => `${w.eventSource} ${formatCount(w.events)}`)
        .join(', ')}${report.withoutEndpoint.length > 5 ? ', ...' : ''}).`,
    );
  }
  if (report.unmapped.length > 0) {
    out.push('');
    out.push(`Events that could not be read as a request: ${formatCount(t.unmapped)}`);
    for (const entry of report.unmapped.slice(0, MAX_LISTED))
      out.push(
        `  ${formatCount(entry.count).padStart(8)}  ${entry.reason}${entry.examples.length > 0 ? ` (e.g. ${entry.examples.join('; ')})` : ''}`,
      );
  }
  const edits = new Map<string, string>();
  for (const group of report.groups)
    for (const result of group.results)
      if (result.legitimate && result.fixes[0])
        edits.set(result.fixes[0].summary, result.fixes[0].summary);
  if (edits.size > 0) {
    out.push('');
    out.push('Configuration edits that would admit the legitimate-looking denied requests:');
    for (const summary of edits.keys()) out.push(`  - ${summary}`);
  }
  out.push('');
  out.push(
    t.legitimateDenied.shapes > 0
      ? `Result: ${countOf(t.legitimateDenied.shapes, 'legitimate-looking request shape')} (${countOf(t.legitimateDenied.events, 'event')}) would be denied; ${countOf(t.flagged.shapes, 'shape')} flagged (${countOf(t.flagged.events, 'event')}) would be denied as intended.`
      : `Result: no legitimate-looking request would be denied; ${countOf(t.flagged.shapes, 'shape')} flagged (${countOf(t.flagged.events, 'event')}) would be denied as intended.`,
  );
  return `${out.join('\n')}\n`;
}
