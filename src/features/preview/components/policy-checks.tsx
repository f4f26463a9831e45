/**
 * The checks of the policy shown, always above it: a status line (values to fill, errors,
 * warnings) and, open, a short checklist. A value still to give is an entry that names the page
 * control (not a configuration path) and moves the focus there; errors are kept for values that
 * are wrong; warnings and notes are folded.
 */
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import ButtonBase from '@mui/material/ButtonBase';
import Typography from '@mui/material/Typography';
import { memo, useMemo, useState, type ReactNode } from 'react';
import { VISUALLY_HIDDEN } from '@/shared/react/visually-hidden';
import { catalog } from '@/core/catalog/catalog';
import type { GeneratedPolicy } from '@/core/generate/generate';
import { thirdPartyParameterOf } from '@/core/catalog/statement-parameters';
import type { ThirdPartyValueFinding } from '@/core/validate/third-party-values';
import { NO_VALUE_FINDINGS } from '@/shared/validation/third-party-findings';
import { sortDiagnostics, type Diagnostic } from '@/core/diagnostics';
import {
  countFindings,
  describeCounts,
  findingKind,
  placeholdersNamed,
  suggestedAction,
} from '@/core/finding-kinds';
import { controlPlace, describeControlPlace } from '@/shared/catalog/control-places';
import { FindingText } from '@/shared/diagnostics/finding-entry';
import { SeverityIcon } from '@/shared/diagnostics/severity-icon';
import { useBuilder, useBuilderActions, useBuilderStoreApi } from '@/state/builder-store';

/** One value to fill: the control's name is the button; the placeholder it replaces follows. */
function ToFillItem({ diagnostic }: { diagnostic: Diagnostic }) {
  const { focusControl } = useBuilderActions();
  const place = diagnostic.path ? controlPlace(diagnostic.path, catalog) : undefined;
  const placeholders = placeholdersNamed(diagnostic);
  const shown = placeholders.length > 0 ? ` (${placeholders.join(', ')} in the policy)` : '';
  return (
    <Box component="li" sx={{ listStyle: 'none' }}>
      {place && diagnostic.path ? (
        <ButtonBase
          title={`${describeControlPlace(place)}${shown}`}
          onClick={() => focusControl(diagnostic.path!, place.statement)}
          sx={{
            display: 'flex',
            gap: 1,
            width: '100%',
            justifyContent: 'flex-start',
            textAlign: 'left',
            py: 0.25,
            px: 0.5,
            borderRadius: 1,
            '&:hover, &.Mui-focusVisible': { bgcolor: 'action.hover' },
          }}
        >
          <Box component="span" aria-hidden sx={{ color: 'warning.main' }}>
            ☐
          </Box>
          <Typography
            variant="body2"
            component="span"
            sx={{
              minWidth: 0,
              overflow: 'hidden',
              textOverflow: 'ellipsis',
              whiteSpace: { md: 'nowrap' },
            }}
          >
            <Box component="span" sx={{ color: 'primary.main', textDecoration: 'underline' }}>
              {describeControlPlace(place)}
            </Box>
            <Box component="span" sx={{ color: 'text.secondary' }}>
              {shown}
            </Box>
          </Typography>
        </ButtonBase>
      ) : (
        <Box sx={{ display: 'flex', gap: 1, px: 0.5 }}>
          <Box component="span" aria-hidden sx={{ color: 'warning.main' }}>
            ☐
          </Box>
          <FindingText diagnostic={diagnostic} />
        </Box>
      )}
    </Box>
  );
}

/**
 * A finding; when the page has a control for what it is about (a switch, a pattern's box, a
 * list), that control's name is a button that moves the focus there. `children`: its fix.
 */
function FindingItem({ diagnostic, children }: { diagnostic: Diagnostic; children?: ReactNode }) {
  const { focusControl } = useBuilderActions();
  const path = diagnostic.path;
  const place = path ? controlPlace(path, catalog) : undefined;
  return (
    <Box component="li" sx={{ display: 'flex', gap: 1, py: 0.25, px: 0.5, listStyle: 'none' }}>
      <SeverityIcon severity={diagnostic.severity} />
      <Box sx={{ minWidth: 0 }}>
        {place && path && (
          <Button
            size="small"
            onClick={() => focusControl(path, place.statement)}
            sx={{ p: 0, minWidth: 0, textAlign: 'left', textTransform: 'none' }}
          >
            {describeControlPlace(place)}
          </Button>
        )}
        <FindingText diagnostic={diagnostic} />
        {children}
      </Box>
    </Box>
  );
}

/** A problem of a value typed in a third-party list; a misspelled action gets the one suggested. */
function ValueFindingItem({ finding }: { finding: ThirdPartyValueFinding }) {
  const { setThirdPartyList } = useBuilderActions();
  const store = useBuilderStoreApi();
  const suggestion = suggestedAction(finding.diagnostic);
  const replace = (to: string) => {
    const list = store.getState().config.parameters?.[finding.block]?.[finding.field] ?? [];
    setThirdPartyList(
      finding.block,
      finding.field,
      list.map((value) => (value === finding.value ? to : value)),
    );
  };
  return (
    <FindingItem diagnostic={finding.diagnostic}>
      {suggestion && (
        <Button
          size="small"
          variant="outlined"
          onClick={() => replace(suggestion)}
          sx={{ mt: 0.5 }}
        >
          Use {suggestion}
        </Button>
      )}
    </FindingItem>
  );
}

const sameDiagnostics = (a: readonly Diagnostic[], b: readonly Diagnostic[]) =>
  a.length === b.length && a.every((d, i) => d.code === b[i]!.code && d.message === b[i]!.message);

const sameFindings = (
  a: { diagnostics: readonly Diagnostic[]; valueFindings?: readonly ThirdPartyValueFinding[] },
  b: { diagnostics: readonly Diagnostic[]; valueFindings?: readonly ThirdPartyValueFinding[] },
) =>
  sameDiagnostics(a.diagnostics, b.diagnostics) &&
  sameDiagnostics(
    (a.valueFindings ?? NO_VALUE_FINDINGS).map((f) => f.diagnostic),
    (b.valueFindings ?? NO_VALUE_FINDINGS).map((f) => f.diagnostic),
  );

/** Re-rendered only when the findings change, not with every new policy. */
export const PolicyChecks = memo(function PolicyChecks({
  diagnostics: generated,
  valueFindings = NO_VALUE_FINDINGS,
}: {
  diagnostics: readonly Diagnostic[];
  /** Problems of the values typed in the third-party lists the policy holds. */
  valueFindings?: readonly ThirdPartyValueFinding[];
}) {
  const byDiagnostic = new Map(valueFindings.map((f) => [f.diagnostic, f]));
  const findingItem = (diagnostic: Diagnostic, index: number) => {
    const finding = byDiagnostic.get(diagnostic);
    const key = `${diagnostic.code}-${index}`;
    return finding ? (
      <ValueFindingItem key={key} finding={finding} />
    ) : (
      <FindingItem key={key} diagnostic={diagnostic} />
    );
  };
  const diagnostics = [...generated, ...valueFindings.map((f) => f.diagnostic)];
  // Open beside the policy on a wide screen; on a phone the status line comes first, the list on request.
  const [open, setOpen] = useState(
    () => typeof window === 'undefined' || window.matchMedia('(min-width: 900px)').matches,
  );
  const [othersOpen, setOthersOpen] = useState(false);
  // Saved choices being checked are told here; a shared link's check has its own message at the
  // top of the page (a busy notice), which its outcome replaces.
  const restoring = useBuilder(
    (state) => state.restoreStatus === 'checking' && !state.notices.some((notice) => notice.busy),
  );
  const sorted = sortDiagnostics(diagnostics);
  const toFill = sorted.filter((d) => findingKind(d) === 'to-fill');
  const errors = sorted.filter((d) => findingKind(d) === 'error');
  const others = sorted.filter((d) => d.severity !== 'error');
  const counts = countFindings(diagnostics);
  // Each row of the list is a field; the count is of values (one can stand in several fields).
  const summary = describeCounts(counts, { fields: toFill.length });
  const pressing = toFill.length + errors.length;
  return (
    <Box
      component="section"
      aria-label="Checks"
      sx={{ flex: '0 0 auto', display: 'flex', flexDirection: 'column' }}
    >
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>
        <Typography
          role="status"
          aria-label="Policy status"
          aria-busy={restoring || undefined}
          variant="body2"
          sx={{
            fontWeight: 600,
            // Green only for a policy with nothing to fill, no error and no warning.
            color:
              counts.errors > 0
                ? 'error.main'
                : pressing > 0 || counts.warnings > 0
                  ? 'warning.main'
                  : 'success.main',
          }}
        >
          {pressing === 0 && counts.warnings === 0
            ? 'Ready: every value of this policy is filled.'
            : summary}
          {/* Told to screen readers only: as visible text it lengthened the line, which wrapped
              its buttons at laptop widths and unwrapped them half a second later, moving the
              policy below it (a layout shift of 0.05 on return visits at 1280x720). */}
          {restoring && (
            <Box component="span" sx={VISUALLY_HIDDEN}>
              {' '}
              (checking the saved choices…)
            </Box>
          )}
        </Typography>
        {pressing > 0 && (
          <Button size="small" aria-expanded={open} onClick={() => setOpen(!open)} sx={{ py: 0 }}>
            {open ? 'Hide the fields' : pressing === 1 ? 'Show the field' : 'Show the fields'}
          </Button>
        )}
        {others.length > 0 && (
          <Button
            size="small"
            aria-expanded={othersOpen}
            onClick={() => setOthersOpen(!othersOpen)}
            sx={{ py: 0 }}
          >
            {othersOpen ? 'Hide' : 'Show'} warnings and notes ({others.length})
          </Button>
        )}
      </Box>
      <Box sx={{ overflowY: 'auto', maxHeight: { md: '15vh' } }}>
        {open && toFill.length > 0 && (
          <Box component="ul" aria-label="To fill" sx={{ m: 0, p: 0 }}>
            {toFill.map((diagnostic, index) => (
              <ToFillItem
                key={`${diagnostic.path ?? diagnostic.code}-${index}`}
                diagnostic={diagnostic}
              />
            ))}
          </Box>
        )}
        {open && errors.length > 0 && (
          <Box component="ul" aria-label="Errors" sx={{ m: 0, p: 0 }}>
            {errors.map(findingItem)}
          </Box>
        )}
        {othersOpen && (
          <Box component="ul" aria-label="Warnings and notes" sx={{ m: 0, p: 0 }}>
            {others.map(findingItem)}
          </Box>
        )}
      </Box>
    </Box>
  );
}, sameFindings);

/**
 * The checks of a generated policy: the generator's findings, and the validator's about the
 * values of the third-party lists that the policy holds (`valueFindings`, of every list in use).
 */
export function GeneratedPolicyChecks({
  generated,
  valueFindings,
}: {
  generated: GeneratedPolicy;
  valueFindings: readonly ThirdPartyValueFinding[];
}) {
  const statements = generated.statements;
  const held = useMemo(() => {
    const blocks = new Set(
      statements.map((s) => thirdPartyParameterOf(catalog.statement(s.statement))),
    );
    return valueFindings.filter((f) => blocks.has(f.block));
  }, [statements, valueFindings]);
  return (
    <PolicyChecks
      diagnostics={generated.diagnostics.filter((d) => d.code !== 'size/over-limit')}
      valueFindings={held}
    />
  );
}
