/**
 * The ready-made requests that matter to a perimeter, each with the verdict of the policy; when it
 * differs from the verdict the choices call for, that one is named too. Choosing one opens it in
 * the form.
 */
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import { memo, useId } from 'react';
import type { Decision } from '@/core/config/request-schema';
import { DECISION_COLOR } from './verdict-view';

export interface ScenarioItem {
  id: string;
  name: string;
  why: string;
  /** The endpoint service it goes through. */
  service: string;
  /** The verdict the choices call for. */
  expect: Decision;
  /** The verdict of the policy, when it gives one. */
  decision?: Decision;
  /** Why there is no verdict (the policy has errors, the evaluation went over its budget). */
  noVerdict?: string;
}

export interface ScenarioListProps {
  scenarios: readonly ScenarioItem[];
  /** The scenario open in the form, if any. */
  selectedId: string | undefined;
  onSelect(id: string): void;
  /** Said above the list, e.g. when the requests are not the shown service's own. */
  note?: string | undefined;
}

export const ScenarioList = memo(function ScenarioList({
  scenarios,
  selectedId,
  onSelect,
  note,
}: ScenarioListProps) {
  const ids = useId();
  const services = new Set(scenarios.map((s) => s.service));
  return (
    <Box component="section" aria-labelledby={`${ids}-heading`} sx={{ mt: 1.5 }}>
      <Typography variant="h3" id={`${ids}-heading`}>
        Ready-made requests
      </Typography>
      {note && (
        <Typography variant="caption" color="text.secondary" component="p">
          {note}
        </Typography>
      )}
      <Box component="ul" aria-labelledby={`${ids}-heading`} sx={{ m: 0, mt: 0.5, p: 0 }}>
        {scenarios.map((scenario) => {
          const selected = scenario.id === selectedId;
          return (
            <Box
              component="li"
              key={scenario.id}
              sx={{ listStyle: 'none', display: 'flex', alignItems: 'baseline', gap: 1, py: 0.25 }}
            >
              <Button
                onClick={() => onSelect(scenario.id)}
                aria-pressed={selected}
                variant={selected ? 'contained' : 'text'}
                title={scenario.why}
                sx={{ flex: 1, justifyContent: 'flex-start', textAlign: 'left', py: 0.25 }}
              >
                {services.size > 1 ? `${scenario.service}: ${scenario.name}` : scenario.name}
              </Button>
              {scenario.decision === undefined ? (
                <Typography variant="caption" sx={{ maxWidth: 140, color: 'text.secondary' }}>
                  No verdict: {scenario.noVerdict}
                </Typography>
              ) : (
                <Typography
                  variant="caption"
                  sx={{
                    whiteSpace: 'nowrap',
                    color: DECISION_COLOR[scenario.decision],
                    fontWeight: 600,
                  }}
                >
                  {scenario.decision}
                  {scenario.decision !== scenario.expect && (
                    <Box
                      component="span"
                      sx={{ display: 'block', fontWeight: 400, color: 'text.secondary' }}
                    >
                      expected {scenario.expect}
                    </Box>
                  )}
                </Typography>
              )}
            </Box>
          );
        })}
      </Box>
    </Box>
  );
});
