/** The generator's findings about the policy shown: errors and warnings with their hints; notes folded. */
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import { memo, useState } from 'react';
import { sortDiagnostics, type Diagnostic } from '@/core/diagnostics';
import { SeverityIcon } from '@/shared/diagnostics/severity-icon';

const SHOWN = 5;

function DiagnosticItem({ diagnostic }: { diagnostic: Diagnostic }) {
  return (
    <Box component="li" sx={{ display: 'flex', gap: 1, py: 0.5, listStyle: 'none' }}>
      <SeverityIcon severity={diagnostic.severity} />
      <Box sx={{ minWidth: 0 }}>
        <Typography variant="body2" sx={{ overflowWrap: 'anywhere' }}>
          {diagnostic.message}
        </Typography>
        {diagnostic.hint && (
          <Typography
            variant="caption"
            color="text.secondary"
            component="p"
            sx={{ overflowWrap: 'anywhere' }}
          >
            {diagnostic.hint}
          </Typography>
        )}
      </Box>
    </Box>
  );
}

function DiagnosticGroup({
  title,
  diagnostics,
  initiallyOpen,
}: {
  title: string;
  diagnostics: Diagnostic[];
  initiallyOpen: boolean;
}) {
  const [open, setOpen] = useState(initiallyOpen);
  const [all, setAll] = useState(false);
  if (diagnostics.length === 0) return null;
  const shown = all ? diagnostics : diagnostics.slice(0, SHOWN);
  return (
    <Box>
      <Button size="small" aria-expanded={open} onClick={() => setOpen(!open)} sx={{ px: 0 }}>
        <Box component="span" aria-hidden sx={{ mr: 0.5 }}>
          {open ? '▾' : '▸'}
        </Box>
        {title}
      </Button>
      {open && (
        <>
          <Box component="ul" sx={{ m: 0, p: 0 }}>
            {shown.map((diagnostic, index) => (
              <DiagnosticItem key={`${diagnostic.code}-${index}`} diagnostic={diagnostic} />
            ))}
          </Box>
          {diagnostics.length > SHOWN && (
            <Button size="small" onClick={() => setAll(!all)}>
              {all ? 'Show fewer' : `Show all ${diagnostics.length}`}
            </Button>
          )}
        </>
      )}
    </Box>
  );
}

const sameDiagnostics = (
  a: { diagnostics: readonly Diagnostic[] },
  b: { diagnostics: readonly Diagnostic[] },
) =>
  a.diagnostics.length === b.diagnostics.length &&
  a.diagnostics.every(
    (d, i) => d.code === b.diagnostics[i]!.code && d.message === b.diagnostics[i]!.message,
  );

/** Re-rendered only when the findings change, not with every new policy. */
export const PolicyDiagnostics = memo(function PolicyDiagnostics({
  diagnostics,
}: {
  diagnostics: readonly Diagnostic[];
}) {
  const sorted = sortDiagnostics(diagnostics);
  const problems = sorted.filter((d) => d.severity !== 'info');
  const notes = sorted.filter((d) => d.severity === 'info');
  if (sorted.length === 0) {
    return (
      <Typography variant="body2" sx={{ color: 'success.main', my: 1 }}>
        No problems: every value of this policy is filled.
      </Typography>
    );
  }
  const errors = problems.filter((d) => d.severity === 'error').length;
  const warnings = problems.length - errors;
  return (
    <Box component="section" aria-label="Diagnostics" sx={{ my: 1 }}>
      <DiagnosticGroup
        title={
          [
            errors > 0 ? `${errors} error${errors > 1 ? 's' : ''}` : '',
            warnings > 0 ? `${warnings} warning${warnings > 1 ? 's' : ''}` : '',
          ]
            .filter(Boolean)
            .join(', ') || 'Problems'
        }
        diagnostics={problems}
        initiallyOpen
      />
      <DiagnosticGroup
        title={`Notes (${notes.length})`}
        diagnostics={notes}
        initiallyOpen={false}
      />
    </Box>
  );
}, sameDiagnostics);
