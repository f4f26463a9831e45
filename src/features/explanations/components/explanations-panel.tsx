/**
 * The statements of the policy shown, in order: what each allows, why the perimeter needs it,
 * its risks, the data access patterns it carries and its sources. "Show in policy" reveals the
 * statement in the editor (or the plain text).
 */
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { memo, useId, useMemo, useState } from 'react';
import { catalog } from '@/core/catalog/catalog';
import { patternNamed, type StatementSid } from '@/core/catalog/ids';
import { SourceLinks } from '@/shared/catalog/source-links';
import { previewTarget } from '@/shared/catalog/preview-target';
import { REACHED_BY_TEXT } from '@/shared/catalog/reached-by';
import { useBuilder, useBuilderActions } from '@/state/builder-store';
import { previewPolicy } from '@/state/preview-policy';

interface StatementExplanationProps {
  sid: string;
  statement: StatementSid;
  /** Ids of the data access patterns in the statement, joined by spaces (a string, so that memo compares it). */
  patternIds: string;
  position: number;
}

/** One statement; re-rendered only when it changes, not with every new policy. */
const StatementExplanation = memo(function StatementExplanation({
  sid,
  statement,
  patternIds,
  position,
}: StatementExplanationProps) {
  const ids = useId();
  const [open, setOpen] = useState(false);
  const { revealStatement, setWorkspacePane } = useBuilderActions();
  const entry = catalog.statement(statement);
  const patterns = patternIds
    .split(' ')
    .filter(Boolean)
    .map((id) => patternNamed(id, catalog))
    .filter((p) => p !== undefined);
  return (
    <Box component="li" sx={{ listStyle: 'none', borderTop: 1, borderColor: 'divider', py: 1 }}>
      <Typography variant="h3" component="h3" id={`${ids}-title`}>
        {position}. {entry.title}
      </Typography>
      <Typography
        component="code"
        variant="caption"
        sx={{ display: 'block', overflowWrap: 'anywhere', color: 'text.secondary' }}
      >
        {sid}
      </Typography>
      <Typography variant="body2" sx={{ mt: 0.5 }}>
        {entry.allows}
      </Typography>
      <Box sx={{ display: 'flex', gap: 1, mt: 0.5 }}>
        <Button
          variant="outlined"
          onClick={() => {
            revealStatement(sid);
            // On a narrow screen the policy is a pane of its own: show it.
            setWorkspacePane('policy');
          }}
          aria-describedby={`${ids}-title`}
        >
          Show in policy
        </Button>
        <Button
          aria-expanded={open}
          aria-controls={`${ids}-more`}
          onClick={() => setOpen(!open)}
          aria-describedby={`${ids}-title`}
        >
          {open ? 'Less' : 'Why, risks and sources'}
        </Button>
      </Box>
      {open && (
        <Box id={`${ids}-more`} sx={{ mt: 1 }}>
          <Typography variant="body2">
            <strong>Why:</strong> {entry.why}
          </Typography>
          <Box component="ul" sx={{ m: 0, mt: 0.5, pl: 2.5, fontSize: '0.8rem' }}>
            {entry.risks.map((risk) => (
              <li key={risk}>Risk: {risk}</li>
            ))}
          </Box>
          {patterns.length > 0 && (
            <>
              <Typography variant="body2" sx={{ mt: 1, fontWeight: 600 }}>
                Data access patterns in this statement
              </Typography>
              <Box component="ul" sx={{ m: 0, pl: 2.5, fontSize: '0.8rem' }}>
                {patterns.map((pattern) => (
                  <li key={pattern.id}>
                    <strong>{pattern.title}</strong>: {pattern.summary}{' '}
                    <em>Reached by: {REACHED_BY_TEXT[pattern.reachedBy].toLowerCase()}.</em>
                    {pattern.risks.map((risk) => (
                      <Box component="span" key={risk} sx={{ display: 'block' }}>
                        Risk: {risk}
                      </Box>
                    ))}
                  </li>
                ))}
              </Box>
            </>
          )}
          <Typography variant="caption" color="text.secondary" component="p" sx={{ mt: 1 }}>
            Sources
          </Typography>
          <SourceLinks
            sources={[...entry.sources, ...patterns.flatMap((p) => p.sources)].filter(
              (s, i, all) => all.findIndex((o) => o.label === s.label) === i,
            )}
          />
        </Box>
      )}
    </Box>
  );
});

export default function ExplanationsPanel() {
  const config = useBuilder((state) => state.config);
  const view = useBuilder((state) => state.view);
  const editing = useBuilder((state) => state.policyEditor.mode === 'edit');
  const target = useMemo(() => previewTarget(config, view, catalog), [config, view]);
  const generated = target.service
    ? previewPolicy(config, target.service, target.region, target.format)
    : undefined;
  return (
    <Paper component="section" aria-labelledby="explanations-heading" sx={{ p: 2, minWidth: 0 }}>
      <Typography id="explanations-heading" variant="h2">
        Explanations{target.service ? ` of the ${target.service} policy` : ''}
      </Typography>
      {generated && editing && (
        <Typography variant="caption" color="text.secondary" component="p" sx={{ mt: 0.5 }}>
          These are the statements of the generated policy. Show in policy selects the statement
          with the same Sid in your text, when it has one.
        </Typography>
      )}
      {!generated ? (
        <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
          The statements of the policy are explained here once a service is chosen.
        </Typography>
      ) : (
        <Box component="ol" sx={{ m: 0, p: 0, mt: 1 }}>
          {generated.statements.map((statement, index) => (
            <StatementExplanation
              key={statement.sid}
              sid={statement.sid}
              statement={statement.statement}
              patternIds={statement.patterns.join(' ')}
              position={index + 1}
            />
          ))}
        </Box>
      )}
    </Paper>
  );
}
