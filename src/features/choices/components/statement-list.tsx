/**
 * The seven statements as switches. Each shows whether the statement is in the policy of the
 * previewed service, says where that comes from (the service's template, a setting for every
 * service, or one for this service), and opens to its data access patterns and parameters.
 */
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Switch from '@mui/material/Switch';
import Typography from '@mui/material/Typography';
import { lazy, Suspense, useId, useState } from 'react';
import type { CatalogStatement } from '@/core/catalog/schema';
import { choicesCatalog } from '@/shared/catalog/choices-catalog';
import { previewedService } from '@/shared/catalog/preview-target';
import {
  statementSwitchState,
  statementToggleWrite,
  type StatementSettingScope,
} from '../statement-toggle';
import { useBuilder, useBuilderActions, useBuilderStoreApi } from '@/state/builder-store';

const StatementDetails = lazy(() => import('./statement-details'));

function scopeText(
  scope: StatementSettingScope,
  enabled: boolean,
  service: string | undefined,
): string {
  const state = enabled ? 'On' : 'Off';
  if (scope === 'this-service') return `${state} for ${service} only`;
  if (scope === 'every-service') return `${state} for every service`;
  return service ? `${state}: ${service} template default` : `${state}: default template`;
}

function StatementRow({
  statement,
  service,
}: {
  statement: CatalogStatement;
  service: string | undefined;
}) {
  const ids = useId();
  const titleId = `${ids}-title`;
  const sidId = `${ids}-sid`;
  const detailsId = `${ids}-details`;
  const store = useBuilderStoreApi();
  const { setStatementToggle } = useBuilderActions();
  const state = useBuilder((s) => {
    const { enabled, scope } = statementSwitchState(
      s.config,
      statement.sid,
      service,
      choicesCatalog,
    );
    return `${enabled}|${scope}`;
  });
  const [enabledText, scope] = state.split('|') as ['true' | 'false', StatementSettingScope];
  const enabled = enabledText === 'true';
  const [open, setOpen] = useState(false);

  const toggle = (next: boolean) => {
    const write = statementToggleWrite(
      store.getState().config,
      statement.sid,
      next,
      service,
      choicesCatalog,
    );
    setStatementToggle(write.sid, write.enabled, write.serviceId);
  };

  return (
    <Box component="li" sx={{ listStyle: 'none', borderTop: 1, borderColor: 'divider', py: 1 }}>
      <Box sx={{ display: 'flex', alignItems: 'flex-start', gap: 1 }}>
        <Switch
          checked={enabled}
          onChange={(_event, checked) => toggle(checked)}
          slotProps={{
            input: {
              'aria-labelledby': `${titleId} ${sidId}`,
              'aria-describedby': `${ids}-summary ${ids}-scope`,
            },
          }}
        />
        <Box sx={{ minWidth: 0, flex: 1, pt: 0.75 }}>
          <Typography id={titleId} variant="body2" sx={{ fontWeight: 600 }}>
            {statement.title}
          </Typography>
          <Typography
            id={sidId}
            component="code"
            variant="caption"
            sx={{ display: 'block', overflowWrap: 'anywhere', color: 'text.secondary' }}
          >
            {statement.sid}
          </Typography>
          <Typography id={`${ids}-summary`} variant="caption" component="p" sx={{ mt: 0.5 }}>
            {statement.summary}
          </Typography>
          <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>
            <Typography id={`${ids}-scope`} variant="caption" color="text.secondary">
              {scopeText(scope, enabled, service)}
            </Typography>
            <Button
              aria-expanded={open}
              aria-controls={detailsId}
              onClick={() => setOpen(!open)}
              aria-label={`${open ? 'Hide details' : 'Details'}: ${statement.title}`}
            >
              {open ? 'Hide details' : 'Details'}
            </Button>
          </Box>
        </Box>
      </Box>
      {open && (
        <Box id={detailsId} sx={{ pl: { xs: 0, sm: 6 }, pt: 1 }}>
          <Suspense fallback={<Typography variant="caption">Loading the details…</Typography>}>
            <StatementDetails sid={statement.sid} service={service} />
          </Suspense>
        </Box>
      )}
    </Box>
  );
}

export function StatementList() {
  const service = useBuilder((state) => previewedService(state.config, state.view, choicesCatalog));
  return (
    <Box component="section" aria-labelledby="statements-heading">
      <Typography id="statements-heading" variant="h2" sx={{ mb: 0.5 }}>
        Statements{service ? ` of the ${service} policy` : ''}
      </Typography>
      <Typography variant="caption" color="text.secondary" component="p" sx={{ mb: 1 }}>
        Each switch adds or removes a statement. Settings apply to every selected service unless a
        statement has a setting for one service (see its details).
      </Typography>
      <Box component="ul" sx={{ m: 0, p: 0 }}>
        {choicesCatalog.statements.map((statement) => (
          <StatementRow key={statement.sid} statement={statement} service={service} />
        ))}
      </Box>
    </Box>
  );
}
