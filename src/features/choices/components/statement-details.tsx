/**
 * What opens under a statement switch: what the statement allows and why, its risks, its data
 * access patterns and its parameters. Loaded on demand with the full catalog.
 */
import Box from '@mui/material/Box';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useId, useRef } from 'react';
import { catalog } from '@/core/catalog/catalog';
import type { StatementSid } from '@/core/catalog/ids';
import type { DataAccessPattern } from '@/core/catalog/schema';
import { canonicalServices } from '@/core/generate/selection';
import { useBuilder, useBuilderActions } from '@/state/builder-store';
import { REACHED_BY_TEXT } from '@/shared/catalog/reached-by';
import { SourceLinks } from '@/shared/catalog/source-links';
import { useControlFocus } from '@/shared/focus/use-control-focus';
import { StatementParameters } from './statement-parameters';

function PatternItem({ pattern, services }: { pattern: DataAccessPattern; services: string[] }) {
  const ids = useId();
  const enabled = useBuilder(
    (state) => state.config.dataAccessPatterns?.[pattern.id] ?? pattern.defaultSelected,
  );
  const { setPatternToggle } = useBuilderActions();
  // A finding about the pattern being off (in the checks) moves the focus to its box.
  const input = useRef<HTMLInputElement>(null);
  useControlFocus(`dataAccessPatterns.${pattern.id}`, input);
  return (
    <Box component="li" sx={{ listStyle: 'none', py: 0.75, borderTop: 1, borderColor: 'divider' }}>
      <FormControlLabel
        sx={{ alignItems: 'flex-start', mr: 0 }}
        control={
          <Checkbox
            size="small"
            checked={enabled}
            onChange={(_event, checked) =>
              setPatternToggle(
                pattern.id,
                checked === pattern.defaultSelected ? undefined : checked,
              )
            }
            slotProps={{ input: { ref: input, 'aria-describedby': `${ids}-summary` } }}
          />
        }
        label={
          <Box sx={{ pt: 0.75 }}>
            <Typography variant="body2" sx={{ fontWeight: 600 }}>
              {pattern.title}
            </Typography>
          </Box>
        }
      />
      <Box sx={{ pl: 4 }}>
        <Typography id={`${ids}-summary`} variant="caption" component="p">
          {pattern.summary}
        </Typography>
        <Typography variant="caption" component="p" color="text.secondary">
          {services.join(', ')} · reached by: {REACHED_BY_TEXT[pattern.reachedBy]} ·{' '}
          <code>{pattern.id}</code>
        </Typography>
        {!pattern.defaultSelected && (
          <Typography variant="caption" component="p" sx={{ color: 'warning.main' }}>
            Off by default: {pattern.offByDefaultBecause}
          </Typography>
        )}
        {pattern.risks.length > 0 && (
          <Box component="ul" sx={{ m: 0, pl: 2.5, fontSize: '0.75rem' }}>
            {pattern.risks.map((risk) => (
              <li key={risk}>Risk: {risk}</li>
            ))}
          </Box>
        )}
      </Box>
    </Box>
  );
}

function PatternList({ sid }: { sid: StatementSid }) {
  const services = useBuilder((state) => state.config.services);
  const byPattern = new Map<string, { pattern: DataAccessPattern; services: string[] }>();
  for (const service of canonicalServices(services, catalog)) {
    for (const pattern of catalog.patternsForService(service)) {
      if (pattern.statement !== sid) continue;
      const entry = byPattern.get(pattern.id) ?? { pattern, services: [] };
      entry.services.push(service);
      byPattern.set(pattern.id, entry);
    }
  }
  const entries = [...byPattern.values()].sort(
    (a, b) => catalog.patternIndex(a.pattern.id) - catalog.patternIndex(b.pattern.id),
  );
  return (
    <Box component="section" aria-label="Data access patterns">
      <Typography variant="h3" component="h4" sx={{ mb: 0.5 }}>
        Data access patterns
      </Typography>
      {entries.length === 0 ? (
        <Typography variant="caption" color="text.secondary">
          No data access pattern of the selected services feeds this statement, so it stays out of
          their policies.
        </Typography>
      ) : (
        <Box component="ul" sx={{ m: 0, p: 0 }}>
          {entries.map(({ pattern, services: of }) => (
            <PatternItem key={pattern.id} pattern={pattern} services={of} />
          ))}
        </Box>
      )}
    </Box>
  );
}

export default function StatementDetails({ sid }: { sid: StatementSid }) {
  const statement = catalog.statement(sid);
  // A fixed statement shows patterns only when a selected service extends it (STS federation).
  const extended = useBuilder((state) =>
    state.config.services.some((id) =>
      catalog.patternsForService(id).some((pattern) => pattern.statement === sid),
    ),
  );
  return (
    <Stack spacing={1.5}>
      <Box>
        <Typography variant="body2">
          <strong>Allows:</strong> {statement.allows}
        </Typography>
        <Typography variant="body2" sx={{ mt: 0.5 }}>
          <strong>Why:</strong> {statement.why}
        </Typography>
        <Box component="ul" sx={{ m: 0, mt: 0.5, pl: 2.5, fontSize: '0.8rem' }}>
          {statement.risks.map((risk) => (
            <li key={risk}>Risk: {risk}</li>
          ))}
        </Box>
      </Box>
      {(statement.fedByPatterns || extended) && <PatternList sid={sid} />}
      <StatementParameters sid={sid} parameters={statement.parameters} />
      <Box>
        <Typography variant="caption" color="text.secondary">
          Sources
        </Typography>
        <SourceLinks sources={statement.sources} />
      </Box>
    </Stack>
  );
}
