/**
 * The request shapes of the report: filtered by verdict, service and text, sorted by count or by
 * last seen, each with its reason and, for a denied one, the confirmed change that admits it, to
 * apply in one click. Only the first rows are drawn; more on request.
 */
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import { memo, useDeferredValue, useMemo, useState } from 'react';
import type { ConfigEdit } from '@/core/config/config-edits';
import { formatCount } from '@/core/text/format-count';
import type { ImpactReport, ShapeResult } from '@/core/impact/report';

export const VERDICT_FILTERS = [
  'breaking',
  'flagged',
  'denied',
  'undetermined',
  'allowed',
  'all',
] as const;
export type VerdictFilter = (typeof VERDICT_FILTERS)[number];

const FILTER_LABELS: Record<VerdictFilter, string> = {
  breaking: 'Would break',
  flagged: 'Flagged',
  denied: 'Denied',
  undetermined: 'Undetermined',
  allowed: 'Allowed',
  all: 'All',
};

type SortOrder = 'count-desc' | 'count-asc' | 'last-seen';
const PAGE = 100;

function matchesVerdict(result: ShapeResult, filter: VerdictFilter): boolean {
  switch (filter) {
    case 'breaking':
      return result.legitimate;
    case 'flagged':
      return result.flag !== undefined;
    case 'denied':
      return result.decision === 'denied';
    case 'undetermined':
      return result.decision === 'undetermined';
    case 'allowed':
      return result.decision === 'allowed';
    case 'all':
      return true;
  }
}

function principalOf(result: ShapeResult): string {
  const s = result.shape;
  return (
    s.principalArn ??
    s.servicePrincipal ??
    (s.principalAccount ? `account ${s.principalAccount}` : s.principalKind)
  );
}

function verdictChip(result: ShapeResult) {
  if (result.decision === 'allowed') return <Chip size="small" color="success" label="Allowed" />;
  if (result.decision === 'undetermined')
    return <Chip size="small" color="warning" label="Undetermined" />;
  if (result.flag === 'exfiltration')
    return <Chip size="small" color="secondary" label="Flagged: exfiltration" />;
  if (result.flag === 'foreign-credentials')
    return <Chip size="small" color="secondary" label="Flagged: foreign credentials" />;
  return <Chip size="small" color="error" label="Would be denied" />;
}

const ShapeRow = memo(function ShapeRow({
  result,
  onApply,
}: {
  result: ShapeResult;
  onApply(edits: ConfigEdit[]): void;
}) {
  const s = result.shape;
  return (
    <Box
      component="li"
      // Sids, ARNs and principals are long words: they wrap rather than widen the panel.
      sx={{
        py: 1,
        borderBottom: 1,
        borderColor: 'divider',
        listStyle: 'none',
        overflowWrap: 'anywhere',
      }}
      aria-label={`${s.action} by ${principalOf(result)} on ${s.resource}`}
    >
      <Box sx={{ display: 'flex', gap: 1, alignItems: 'center', flexWrap: 'wrap' }}>
        {verdictChip(result)}
        <Typography variant="body2" component="span" sx={{ fontWeight: 600 }}>
          {formatCount(s.count)} {s.count === 1 ? 'event' : 'events'}
        </Typography>
        <Typography variant="body2" component="span" sx={{ fontFamily: 'monospace' }}>
          {s.action}
        </Typography>
        <Typography variant="caption" color="text.secondary" component="span">
          {s.service} · {s.region}
        </Typography>
      </Box>
      <Typography variant="body2" sx={{ wordBreak: 'break-all', mt: 0.5 }}>
        {principalOf(result)} → {s.resource}
        {s.resourceAccount ? ` (account ${s.resourceAccount})` : ''}
      </Typography>
      <Typography variant="caption" color="text.secondary" component="p">
        {result.decision === 'allowed'
          ? 'Allowed by ' + result.deciding.join(', ')
          : result.explanation}
        {' · '}seen {s.first.slice(0, 10)}
        {s.last.slice(0, 10) !== s.first.slice(0, 10) ? ` to ${s.last.slice(0, 10)}` : ''}
      </Typography>
      {result.replay && (
        <Typography variant="caption" component="p">
          Denied at the time: {result.replay}
        </Typography>
      )}
      {result.fixes.map((fix, i) => (
        <Box key={i} sx={{ mt: 0.5, display: 'flex', gap: 1, alignItems: 'flex-start' }}>
          <Box sx={{ flex: 1, minWidth: 0 }}>
            <Typography variant="body2">
              {i === 0 ? 'Fix' : 'Or'}: {fix.summary}
            </Typography>
            {fix.caveat && (
              <Typography variant="caption" color="text.secondary" component="p">
                {fix.caveat}
              </Typography>
            )}
          </Box>
          {fix.edits.length > 0 && (
            <Button
              size="small"
              variant={i === 0 ? 'contained' : 'outlined'}
              onClick={() => onApply(fix.edits)}
              aria-label={`Apply: ${fix.summary}`}
            >
              Apply
            </Button>
          )}
        </Box>
      ))}
    </Box>
  );
});

export function ImpactShapeList({
  report,
  onApply,
}: {
  report: ImpactReport;
  onApply(edits: ConfigEdit[]): void;
}) {
  const [verdict, setVerdict] = useState<VerdictFilter>(
    report.totals.legitimateDenied.shapes > 0 ? 'breaking' : 'all',
  );
  const [service, setService] = useState('');
  const [search, setSearch] = useState('');
  const [sort, setSort] = useState<SortOrder>('count-desc');
  const [shown, setShown] = useState(PAGE);
  const deferredSearch = useDeferredValue(search.trim().toLowerCase());
  const services = useMemo(
    () => [...new Set(report.groups.map((g) => g.service))],
    [report.groups],
  );
  const results = useMemo(() => {
    const all = report.groups
      .filter((g) => !service || g.service === service)
      .flatMap((g) => g.results)
      .filter((r) => matchesVerdict(r, verdict))
      .filter(
        (r) =>
          !deferredSearch ||
          `${r.shape.action} ${principalOf(r)} ${r.shape.resource} ${r.shape.resourceAccount ?? ''} ${r.explanation}`
            .toLowerCase()
            .includes(deferredSearch),
      );
    return all.sort((a, b) =>
      sort === 'count-desc'
        ? b.shape.count - a.shape.count
        : sort === 'count-asc'
          ? a.shape.count - b.shape.count
          : a.shape.last < b.shape.last
            ? 1
            : -1,
    );
  }, [report.groups, service, verdict, deferredSearch, sort]);

  return (
    <Box component="section" aria-labelledby="impact-shapes-heading" sx={{ mt: 2 }}>
      <Typography variant="h3" id="impact-shapes-heading">
        Request shapes
      </Typography>
      <ToggleButtonGroup
        size="small"
        exclusive
        value={verdict}
        onChange={(_e, value: VerdictFilter | null) => {
          if (value) {
            setVerdict(value);
            setShown(PAGE);
          }
        }}
        aria-label="Show shapes"
        sx={{ mt: 1, flexWrap: 'wrap' }}
      >
        {VERDICT_FILTERS.map((f) => (
          <ToggleButton key={f} value={f}>
            {FILTER_LABELS[f]}
          </ToggleButton>
        ))}
      </ToggleButtonGroup>
      <Box sx={{ display: 'flex', gap: 1, mt: 1, flexWrap: 'wrap' }}>
        <TextField
          select
          size="small"
          label="Service"
          value={service}
          onChange={(e) => setService(e.target.value)}
          sx={{ minWidth: 120 }}
        >
          <MenuItem value="">All services</MenuItem>
          {services.map((s) => (
            <MenuItem key={s} value={s}>
              {s}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          select
          size="small"
          label="Sort"
          value={sort}
          onChange={(e) => setSort(e.target.value as SortOrder)}
          sx={{ minWidth: 150 }}
        >
          <MenuItem value="count-desc">Most events first</MenuItem>
          <MenuItem value="count-asc">Fewest events first</MenuItem>
          <MenuItem value="last-seen">Last seen first</MenuItem>
        </TextField>
        <TextField
          size="small"
          label="Filter"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          sx={{ flex: 1, minWidth: 120 }}
        />
      </Box>
      <Typography
        variant="caption"
        color="text.secondary"
        component="p"
        sx={{ mt: 1 }}
        role="status"
      >
        {formatCount(results.length)} {results.length === 1 ? 'shape' : 'shapes'} (
        {formatCount(results.reduce((sum, r) => sum + r.shape.count, 0))} events)
      </Typography>
      <Box component="ul" sx={{ p: 0, m: 0 }} aria-label="Request shapes">
        {results.slice(0, shown).map((result) => (
          <ShapeRow key={result.shape.key} result={result} onApply={onApply} />
        ))}
      </Box>
      {results.length > shown && (
        <Button size="small" onClick={() => setShown(shown + PAGE)} sx={{ mt: 1 }}>
          Show {formatCount(Math.min(PAGE, results.length - shown))} more
        </Button>
      )}
    </Box>
  );
}
