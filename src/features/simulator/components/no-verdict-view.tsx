/**
 * Why there is no verdict on the request: the policy has errors (the validator's, each with its
 * place, a click moving there as in the problems list), or the evaluation went over its budget.
 * Neither ever reads as Allowed or Denied.
 */
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { memo, useId, type ReactNode } from 'react';
import type { Diagnostic, TextRange } from '@/core/diagnostics';
import { countFindings } from '@/core/finding-kinds';
import { formatCount } from '@/shared/format/format-count';
import { FindingText, RevealableFinding } from '@/shared/diagnostics/finding-entry';
import { SeverityIcon } from '@/shared/diagnostics/severity-icon';

/** Errors listed at once: the first ones say what to fix; the problems list has them all. */
const SHOWN_ERRORS = 20;

/** "2 errors and 3 values to fill", as the badges count them. */
function errorsInWords(errors: readonly Diagnostic[]): string {
  const counts = countFindings(errors);
  const parts = [
    counts.errors > 0 ? `${formatCount(counts.errors)} error${counts.errors === 1 ? '' : 's'}` : '',
    counts.toFill > 0
      ? `${formatCount(counts.toFill)} value${counts.toFill === 1 ? '' : 's'} still to fill`
      : '',
  ].filter(Boolean);
  return parts.join(' and ');
}

/** The sentence of a refusal, for the verdict and its tests. */
export function refusalText(
  policyLabel: string,
  errors: readonly Diagnostic[],
  unreadable: Diagnostic | undefined,
): string {
  if (unreadable) return `No verdict: ${policyLabel} is not a readable endpoint policy.`;
  return `No verdict: ${policyLabel} has ${errorsInWords(errors)}; no verdict is given on a policy that cannot be deployed as it is.`;
}

/** The verdict's place when there is none: the reason, marked by the colour of its cause. */
function NoVerdictBanner({
  color,
  title,
  children,
}: {
  color: string;
  title: string;
  children?: ReactNode;
}) {
  return (
    <Box
      role="status"
      aria-label="Verdict"
      sx={{ borderLeft: 4, borderColor: color, pl: 1, py: 0.5 }}
    >
      <Typography component="p" sx={{ fontWeight: 600, overflowWrap: 'anywhere' }}>
        {title}
      </Typography>
      {children}
    </Box>
  );
}

export interface PolicyErrorsViewProps {
  /** Which policy, in words: "your policy text", "the s3 policy for us-east-1". */
  policyLabel: string;
  errors: readonly Diagnostic[];
  unreadable?: Diagnostic | undefined;
  /** Moves to the place of an error in the policy shown. */
  onReveal(range: TextRange): void;
}

export const PolicyErrorsView = memo(function PolicyErrorsView({
  policyLabel,
  errors,
  unreadable,
  onReveal,
}: PolicyErrorsViewProps) {
  const ids = useId();
  const shown = errors.slice(0, SHOWN_ERRORS);
  return (
    <Box>
      <NoVerdictBanner color="error.main" title={refusalText(policyLabel, errors, unreadable)}>
        <Typography variant="body2" sx={{ overflowWrap: 'anywhere' }}>
          A statement the engine cannot read, or a value left to fill, would not apply, and the
          verdict could say a request passes that the deployed policy denies. Fix the errors below,
          then the verdict is given.
        </Typography>
      </NoVerdictBanner>
      <Typography variant="h3" component="h4" id={`${ids}-errors`} sx={{ mt: 1.5 }}>
        Errors in the policy
      </Typography>
      <Box component="ul" aria-labelledby={`${ids}-errors`} sx={{ m: 0, p: 0 }}>
        {shown.map((error, index) => (
          <Box component="li" key={`${index}-${error.code}`} sx={{ listStyle: 'none' }}>
            <RevealableFinding
              range={error.range}
              onReveal={onReveal}
              sx={{ width: '100%', py: 0.5 }}
            >
              <SeverityIcon severity={error.severity} />
              <FindingText diagnostic={error} place hint={false} />
            </RevealableFinding>
          </Box>
        ))}
      </Box>
      {errors.length > SHOWN_ERRORS && (
        <Typography variant="caption" color="text.secondary" component="p">
          And {formatCount(errors.length - SHOWN_ERRORS)} more.
        </Typography>
      )}
    </Box>
  );
});

/** No verdict because the evaluation went over its budget: the budget's own message. */
export const WithheldView = memo(function WithheldView({
  policyLabel,
  reason,
}: {
  policyLabel: string;
  reason: string;
}) {
  return (
    <Box>
      <NoVerdictBanner color="warning.main" title={`No verdict: ${reason}`} />
      <Typography variant="caption" color="text.secondary" component="p" sx={{ mt: 0.5 }}>
        Evaluated against {policyLabel}. The evaluation stopped at its budget, so it says neither
        Allowed nor Denied.
      </Typography>
    </Box>
  );
});
