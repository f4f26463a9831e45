/**
 * The ready-made requests that matter to a perimeter, each with its verdict under the current
 * choices beside the one a sound perimeter gives; choosing one opens it in the form.
 */
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import { memo, useId } from 'react';
import type { Decision } from '@/core/evaluate/request-schema';
import { DECISION_COLOR } from './verdict-view';

export interface ScenarioItem {
  id: string;
  name: string;
  why: string;
  expect: Decision;
  decision: Decision;
}

export interface ScenarioListProps {
  scenarios: readonly ScenarioItem[];
  /** The scenario open in the form, if any. */
  selectedId: string | undefined;
  onSelect(id: string): void;
}

export const ScenarioList = memo(function ScenarioList({
  scenarios,
  selectedId,
  onSelect,
}: ScenarioListProps) {
  const ids = useId();
  return (
    <Box component="section" aria-labelledby={`${ids}-heading`} sx={{ mt: 1.5 }}>
      <Typography variant="h3" id={`${ids}-heading`}>
        Ready-made requests
      </Typography>
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
                {scenario.name}
              </Button>
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
                    sound: {scenario.expect}
                  </Box>
                )}
              </Typography>
            </Box>
          );
        })}
      </Box>
    </Box>
  );
});
