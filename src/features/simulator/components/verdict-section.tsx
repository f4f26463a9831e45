/**
 * The verdict on the request in the form, by kind: about a generated endpoint policy (named with
 * its regions), about the user's own text; no verdict because that policy has errors or because
 * the evaluation went over its budget, or none because the request has errors. While the preview
 * edits the user's text, a switch chooses which policy the verdict is about.
 */
import Box from '@mui/material/Box';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import { memo } from 'react';
import type { TextRange } from '@/core/diagnostics';
import { statementLabel } from '@/core/evaluate/evaluate';
import type { PolicyUnderTest } from '../hooks/use-simulation';
import {
  endpointLabel,
  type PolicyUnderVerdict,
  type SimulatorVerdict,
} from '../simulator-verdict';
import { PolicyErrorsView, WithheldView } from './no-verdict-view';
import { VerdictView } from './verdict-view';

export interface VerdictSectionProps {
  verdict: SimulatorVerdict;
  /** Selected regions, to name the regions a policy covers. */
  selectedRegions: readonly string[];
  shownInPreview: boolean;
  previewShowsOwnText: boolean;
  /** Set while the preview shows the user's own text: which policy the verdict is about. */
  policyUnderTest: PolicyUnderTest | undefined;
  onPolicyUnderTest(choice: PolicyUnderTest): void;
  onShowStatement(sid: string): void;
  /** Moves to the place of an error of the policy the verdict is about. */
  onRevealError(range: TextRange): void;
}

const OWN_TEXT_LABEL = 'your policy text in the editor';

function policyLabelOf(policy: PolicyUnderVerdict, selectedRegions: readonly string[]): string {
  return policy.kind === 'own-text'
    ? OWN_TEXT_LABEL
    : endpointLabel(policy.endpoint, selectedRegions);
}

function Caption({ children }: { children: React.ReactNode }) {
  return (
    <Typography variant="caption" color="text.secondary" component="p">
      {children}
    </Typography>
  );
}

export const VerdictSection = memo(function VerdictSection(props: VerdictSectionProps) {
  const { verdict, selectedRegions, shownInPreview, previewShowsOwnText, policyUnderTest } = props;
  return (
    <Box component="section" aria-labelledby="simulator-verdict-heading" sx={{ mt: 2 }}>
      <Typography variant="h3" id="simulator-verdict-heading">
        Verdict
      </Typography>
      {policyUnderTest && (
        <ToggleButtonGroup
          exclusive
          size="small"
          value={policyUnderTest}
          onChange={(_event, value: PolicyUnderTest | null) =>
            value && props.onPolicyUnderTest(value)
          }
          aria-label="Policy under test"
          sx={{ my: 0.5 }}
        >
          <ToggleButton value="own">Your text</ToggleButton>
          <ToggleButton value="generated">Generated</ToggleButton>
        </ToggleButtonGroup>
      )}
      {verdict.kind === 'request-errors' && (
        <Typography role="status" aria-label="Verdict" variant="body2" color="error.main">
          No verdict: the request has errors (see the fields below).
        </Typography>
      )}
      {verdict.kind === 'policy-errors' && (
        <PolicyErrorsView
          policyLabel={policyLabelOf(verdict.policy, selectedRegions)}
          errors={verdict.errors}
          unreadable={verdict.unreadable}
          onReveal={props.onRevealError}
        />
      )}
      {verdict.kind === 'withheld' && (
        <WithheldView
          policyLabel={policyLabelOf(verdict.policy, selectedRegions)}
          reason={verdict.reason}
        />
      )}
      {verdict.kind === 'own-text' && (
        <>
          <VerdictView
            result={verdict.result}
            policyLabel={OWN_TEXT_LABEL}
            onShowStatement={props.onShowStatement}
          />
          <Caption>
            Your text is the policy on the endpoint, whatever service and region the request names.
            The saved requests below still run against the generated policies.
          </Caption>
        </>
      )}
      {verdict.kind === 'generated' && (
        <>
          <VerdictView
            result={verdict.result}
            policyLabel={`${endpointLabel(verdict.endpoint, selectedRegions)}${shownInPreview ? ', the one the preview shows' : ''}`}
            onShowStatement={props.onShowStatement}
          />
          {verdict.result.deciding.length > 0 && !shownInPreview && !previewShowsOwnText && (
            <Caption>
              The preview shows another policy; Show in policy switches it to{' '}
              {endpointLabel(verdict.endpoint, selectedRegions)}, where{' '}
              {verdict.result.deciding.map((s) => statementLabel(s)).join(' and ')} decides.
            </Caption>
          )}
          {previewShowsOwnText && (
            <Caption>
              The preview shows your own policy text; this verdict is about the policy your choices
              generate.
            </Caption>
          )}
        </>
      )}
    </Box>
  );
});
