/**
 * The validator's findings about the user's policy, errors first, then warnings and notes, each in
 * text order: each with its severity, place,
 * message, hint and stable code. A finding with a place is a button that puts the cursor there.
 * Where a fix is certain it is offered beside the finding: the action the validator suggests for
 * a misspelled one, and for a placeholder a field to type its value into (focused at once),
 * which replaces the placeholder everywhere in the text.
 */
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import TextField from '@mui/material/TextField';
import { memo, useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { placeholdersNamed, suggestedActionFix, type TextFix } from '@/core/finding-kinds';
import type { Diagnostic, TextRange } from '@/core/diagnostics';
import { formatCount } from '@/shared/format/format-count';
import { FindingText, RevealableFinding } from '@/shared/diagnostics/finding-entry';
import { placeOf } from '@/shared/diagnostics/place-of';
import { SeverityIcon } from '@/shared/diagnostics/severity-icon';
import { focusIfLost } from '@/shared/react/focus-if-lost';

export interface RevealRequest {
  range: TextRange;
  /** Changes on every request, so that the same range can be revealed again. */
  nonce: number;
}

/** Findings shown before "Show all": enough to work through, few enough to render at once. */
const SHOWN = 100;

function ProblemContent({ diagnostic }: { diagnostic: Diagnostic }) {
  return (
    <>
      <SeverityIcon severity={diagnostic.severity} />
      <FindingText diagnostic={diagnostic} place>
        <Typography
          variant="caption"
          color="text.secondary"
          component="code"
          sx={{ display: 'block' }}
        >
          {diagnostic.code}
        </Typography>
      </FindingText>
    </>
  );
}

/** The fixes of the list: a replacement at a place, or a placeholder's value everywhere. */
export interface ProblemFixes {
  /** The text the findings were made on; a fix is offered only while it is the text shown. */
  text: string;
  applyFix(fix: TextFix): void;
  fillPlaceholder(placeholder: string, value: string): void;
}

function PlaceholderFill({
  placeholder,
  where,
  onFill,
}: {
  placeholder: string;
  /** Where the finding is ("Line 3, column 7"): each row's button is told apart by it. */
  where: string;
  onFill(value: string): void;
}) {
  const [open, setOpen] = useState(false);
  const [value, setValue] = useState('');
  const opener = useRef<HTMLButtonElement>(null);
  // Escape closes the field it had the focus in: the focus goes back to the button that opened it.
  const backToOpener = useRef(false);
  useEffect(() => {
    if (open || !backToOpener.current) return;
    backToOpener.current = false;
    opener.current?.focus();
  }, [open]);
  if (!open)
    return (
      <Button
        ref={opener}
        size="small"
        onClick={() => setOpen(true)}
        aria-label={`Fill ${placeholder}… (${where.toLowerCase()})`}
        sx={{ flexShrink: 0 }}
      >
        Fill {placeholder}…
      </Button>
    );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (value.trim() === '') return;
    onFill(value.trim());
    setOpen(false);
  };
  return (
    <Box
      component="form"
      onSubmit={submit}
      sx={{ display: 'flex', gap: 0.5, alignItems: 'center', flexShrink: 0 }}
    >
      <TextField
        autoFocus
        size="small"
        label={`Value for ${placeholder}`}
        value={value}
        onChange={(event) => setValue(event.target.value)}
        onKeyDown={(event) => {
          if (event.key !== 'Escape') return;
          backToOpener.current = true;
          setOpen(false);
        }}
        sx={{ width: 200 }}
        slotProps={{ htmlInput: { spellCheck: false } }}
      />
      <Button type="submit" size="small" variant="outlined" disabled={value.trim() === ''}>
        Replace everywhere
      </Button>
    </Box>
  );
}

function ProblemFixButtons({ diagnostic, fixes }: { diagnostic: Diagnostic; fixes: ProblemFixes }) {
  const actionFix = suggestedActionFix(diagnostic, fixes.text);
  if (actionFix)
    return (
      <Button
        size="small"
        variant="outlined"
        onClick={() => fixes.applyFix(actionFix)}
        sx={{ flexShrink: 0, alignSelf: 'center' }}
      >
        {actionFix.title}
      </Button>
    );
  const placeholder =
    diagnostic.code === 'placeholder/unfilled' ? placeholdersNamed(diagnostic)[0] : undefined;
  if (placeholder)
    return (
      <PlaceholderFill
        placeholder={placeholder}
        where={placeOf(diagnostic.range)}
        onFill={(value) => fixes.fillPlaceholder(placeholder, value)}
      />
    );
  return null;
}

const SEVERITY_RANK: Record<Diagnostic['severity'], number> = { error: 0, warning: 1, info: 2 };

export const ProblemsList = memo(function ProblemsList({
  diagnostics,
  onReveal,
  fixes,
}: {
  diagnostics: readonly Diagnostic[];
  onReveal(range: TextRange): void;
  fixes?: ProblemFixes;
}) {
  const [all, setAll] = useState(false);
  // A fix removes its own row once the text is checked again, and the focus would fall to the
  // page: it goes to the list instead (or to its "No problems" line).
  const landing = useRef<HTMLElement>(null);
  const focusAfterFix = useRef(false);
  const withLanding = useMemo(
    () =>
      fixes && {
        ...fixes,
        applyFix: (fix: TextFix) => {
          focusAfterFix.current = true;
          fixes.applyFix(fix);
        },
        fillPlaceholder: (placeholder: string, value: string) => {
          focusAfterFix.current = true;
          fixes.fillPlaceholder(placeholder, value);
        },
      },
    [fixes],
  );
  useEffect(() => {
    if (focusAfterFix.current && focusIfLost(landing.current)) focusAfterFix.current = false;
  }, [diagnostics]);
  // Errors first, then warnings, then notes, each in text order: a note about the whole policy
  // must not push the errors down.
  const ordered = [...diagnostics].sort(
    (a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity],
  );
  const shown = all ? ordered : ordered.slice(0, SHOWN);
  if (diagnostics.length === 0) {
    return (
      <Typography ref={landing} tabIndex={-1} variant="body2" sx={{ color: 'success.main', my: 1 }}>
        No problems found in this policy.
      </Typography>
    );
  }
  return (
    <Box>
      <Box
        ref={landing}
        component="ul"
        aria-label="Problems"
        tabIndex={-1}
        sx={{ m: 0, p: 0, maxHeight: 360, overflow: 'auto' }}
      >
        {shown.map((diagnostic, index) => {
          const range = diagnostic.range;
          return (
            <Box
              component="li"
              key={`${index}-${diagnostic.code}`}
              sx={{
                listStyle: 'none',
                borderTop: index > 0 ? 1 : 0,
                borderColor: 'divider',
                display: 'flex',
                flexWrap: 'wrap',
                alignItems: 'flex-start',
                columnGap: 1,
              }}
            >
              <RevealableFinding
                range={range}
                onReveal={onReveal}
                sx={{ flex: '1 1 240px', minWidth: 0, py: 0.75 }}
              >
                <ProblemContent diagnostic={diagnostic} />
              </RevealableFinding>
              {withLanding && <ProblemFixButtons diagnostic={diagnostic} fixes={withLanding} />}
            </Box>
          );
        })}
      </Box>
      {diagnostics.length > SHOWN && (
        <Button size="small" onClick={() => setAll(!all)}>
          {all ? 'Show fewer' : `Show all ${formatCount(diagnostics.length)}`}
        </Button>
      )}
    </Box>
  );
});
