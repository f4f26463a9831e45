/**
 * The verdict on one request: the decision and the statements that made it, for every statement
 * that did not apply the first element that failed (in words), and the context keys the
 * evaluation read, each with where its value comes from (derived from the request's description,
 * or given).
 */
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import { memo, useId, useState } from 'react';
import {
  statementLabel,
  type EvaluationResult,
  type StatementOutcome,
} from '@/core/evaluate/evaluate';
import type { ContextKeyUse, ContextValue } from '@/core/evaluate/evaluate';
import type { Decision } from '@/core/config/request-schema';

export const DECISION_COLOR: Record<Decision, string> = {
  Allowed: 'success.main',
  ImplicitDeny: 'warning.main',
  ExplicitDeny: 'error.main',
};

/** "Allowed by AllowRequestsByOrgsIdentitiesToOrgsResources", "ImplicitDeny". */
export function decisionLine(result: EvaluationResult): string {
  if (result.deciding.length === 0) return result.decision;
  return `${result.decision} by ${result.deciding.map((s) => statementLabel(s)).join(' and ')}`;
}

const valueText = (value: ContextValue | undefined) =>
  Array.isArray(value) ? `[${value.join(', ')}]` : (value ?? '');

function failureText(outcome: StatementOutcome): string {
  const failure = outcome.failure;
  if (!failure) return 'does not apply';
  const element =
    failure.element === 'Condition'
      ? `Condition ${failure.operator ?? ''} ${failure.key ?? ''}`.trim()
      : failure.element;
  return `does not apply. ${element}: ${failure.message}`;
}

function ContextKeyLine({ use }: { use: ContextKeyUse }) {
  return (
    <Box component="li" sx={{ overflowWrap: 'anywhere' }}>
      <code>{use.key}</code>{' '}
      {use.present ? (
        <>
          = <code>{valueText(use.value)}</code>{' '}
          <Typography component="span" variant="caption" color="text.secondary">
            ({use.origin === 'given' ? 'given' : 'derived'}: {use.from})
          </Typography>
        </>
      ) : (
        <Typography component="span" variant="caption" color="text.secondary">
          absent{use.absentBecause ? ` (${use.absentBecause})` : ''}
        </Typography>
      )}
    </Box>
  );
}

export interface VerdictViewProps {
  result: EvaluationResult;
  /** Which policy decided, in words: "the s3 policy (us-east-1)". */
  policyLabel: string;
  /** Reveals a statement of the policy in the preview, when it can. */
  onShowStatement?: (sid: string) => void;
}

export const VerdictView = memo(function VerdictView({
  result,
  policyLabel,
  onShowStatement,
}: VerdictViewProps) {
  const ids = useId();
  const [showContext, setShowContext] = useState(false);
  return (
    <Box>
      <Box
        role="status"
        aria-label="Verdict"
        sx={{ borderLeft: 4, borderColor: DECISION_COLOR[result.decision], pl: 1, py: 0.5 }}
      >
        <Typography
          component="p"
          sx={{ fontWeight: 600, color: DECISION_COLOR[result.decision], overflowWrap: 'anywhere' }}
        >
          {decisionLine(result)}
        </Typography>
        <Typography variant="body2" sx={{ overflowWrap: 'anywhere' }}>
          {result.summary}
        </Typography>
      </Box>
      <Typography variant="caption" color="text.secondary" component="p" sx={{ mt: 0.5 }}>
        Evaluated against {policyLabel}. An endpoint policy only filters: an allowed request still
        needs the caller&apos;s and the resource&apos;s own policies.
      </Typography>
      <Typography variant="h3" component="h4" id={`${ids}-statements`} sx={{ mt: 1.5 }}>
        Statements
      </Typography>
      <Box
        component="ol"
        aria-labelledby={`${ids}-statements`}
        sx={{ m: 0, pl: 2.5, fontSize: '0.8rem' }}
      >
        {result.statements.map((outcome) => {
          const deciding = result.deciding.some((d) => d.index === outcome.index);
          const label = statementLabel(outcome);
          return (
            <Box component="li" key={outcome.index} sx={{ mb: 0.5, overflowWrap: 'anywhere' }}>
              <Box
                component="span"
                id={`${ids}-s${outcome.index}`}
                sx={{ fontWeight: deciding ? 600 : undefined }}
              >
                {label}
              </Box>
              {outcome.effect ? ` (${outcome.effect})` : ''}:{' '}
              {deciding
                ? 'decides the verdict'
                : outcome.applies
                  ? 'applies'
                  : failureText(outcome)}
              {onShowStatement && outcome.sid && (
                <Button
                  onClick={() => onShowStatement(outcome.sid!)}
                  aria-describedby={`${ids}-s${outcome.index}`}
                  sx={{ ml: 0.5, py: 0, minWidth: 0 }}
                >
                  Show in policy
                </Button>
              )}
            </Box>
          );
        })}
        {result.statements.length === 0 && <li>The policy has no statement.</li>}
      </Box>
      <Typography variant="h3" component="h4" id={`${ids}-used`} sx={{ mt: 1.5 }}>
        Context keys used
      </Typography>
      {result.contextUsed.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          None: no statement got as far as its conditions.
        </Typography>
      ) : (
        <Box
          component="ul"
          aria-labelledby={`${ids}-used`}
          sx={{ m: 0, pl: 2.5, fontSize: '0.8rem' }}
        >
          {result.contextUsed.map((use) => (
            <ContextKeyLine key={use.key} use={use} />
          ))}
        </Box>
      )}
      <Button
        aria-expanded={showContext}
        aria-controls={`${ids}-context`}
        onClick={() => setShowContext(!showContext)}
        sx={{ mt: 0.5 }}
      >
        {showContext ? 'Hide the request context' : 'The whole request context'}
      </Button>
      {showContext && (
        <Box
          component="ul"
          id={`${ids}-context`}
          aria-label="Request context"
          sx={{ m: 0, pl: 2.5, fontSize: '0.8rem' }}
        >
          {result.context.map((entry) => (
            <Box component="li" key={entry.key} sx={{ overflowWrap: 'anywhere' }}>
              <code>{entry.key}</code> = <code>{valueText(entry.value)}</code>{' '}
              <Typography component="span" variant="caption" color="text.secondary">
                ({entry.origin}: {entry.from}
                {entry.replaced !== undefined
                  ? `, replacing the derived ${valueText(entry.replaced)}`
                  : ''}
                )
              </Typography>
            </Box>
          ))}
          {result.context.length === 0 && <li>The request carries no context key.</li>}
        </Box>
      )}
    </Box>
  );
});
