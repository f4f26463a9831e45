/**
 * The seven statements as switches. Each switch shows whether the statement is in the policy of
 * the service whose tab is shown, says which policies flipping it changes, and lets the user
 * choose that scope: every service (a setting for all of them) or the shown service only (a
 * setting of its own). It opens to the statement's data access patterns and parameters.
 */
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Switch from '@mui/material/Switch';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import { useId, useRef, useState } from 'react';
import type { ServiceId } from '@/core/catalog/ids';
import type { CatalogStatement } from '@/core/catalog/schema';
import type { PerimeterConfig } from '@/core/config/schema';
import { canonicalServices } from '@/core/generate/selection';
import { choicesCatalog } from '@/shared/catalog/choices-catalog';
import { previewedService } from '@/shared/catalog/preview-target';
import { useControlFocus } from '@/shared/focus/use-control-focus';
import { lazyComponent } from '@/shared/react/lazy-component';
import { useBuilder, useBuilderActions, useBuilderStoreApi } from '@/state/builder-store';
import {
  statementScopeWrite,
  statementSwitchState,
  statementToggleWrite,
  type StatementSettingScope,
} from '../statement-toggle';

/** A statement's details, drawn as soon as their code is there (see \`lazyComponent\`). */
const StatementDetails = lazyComponent(
  () => import('./statement-details'),
  <Typography variant="caption">Loading the details…</Typography>,
);

/** Services named in a sentence: the first four, then how many more. */
function serviceList(services: readonly string[]): string {
  return services.length > 4
    ? `${services.slice(0, 4).join(', ')} and ${services.length - 4} more`
    : services.join(', ');
}

/** Which policies flipping the switch changes, in words. */
export function switchEffect(
  config: PerimeterConfig,
  sid: CatalogStatement['sid'],
  scope: StatementSettingScope,
  service: ServiceId | undefined,
): string {
  if (scope === 'this-service' && service) return `Changes the ${service} policy only.`;
  const services = canonicalServices(config.services, choicesCatalog);
  const own = services.filter((s) => config.serviceStatements?.[s]?.[sid] !== undefined);
  const changed = services.filter((s) => !own.includes(s));
  if (changed.length === 0) return 'Changes the policies of services you add.';
  const except = own.length > 0 ? ` (not ${serviceList(own)}: a setting of its own)` : '';
  return changed.length === 1
    ? `Changes the ${changed[0]} policy and those of services you add${except}.`
    : `Changes every service's policy: ${serviceList(changed)}${except}.`;
}

function stateText(scope: StatementSettingScope, enabled: boolean, service: ServiceId | undefined) {
  const state = enabled ? 'On' : 'Off';
  if (scope === 'template') return `${state} in the ${service ?? 'default'} template.`;
  return `${state} by your setting.`;
}

function StatementRow({
  statement,
  service,
}: {
  statement: CatalogStatement;
  service: ServiceId | undefined;
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
    return `${enabled}|${scope}|${switchEffect(s.config, statement.sid, scope, service)}`;
  });
  const [enabledText, scope, effect] = state.split('|') as [
    'true' | 'false',
    StatementSettingScope,
    string,
  ];
  const enabled = enabledText === 'true';
  const [open, setOpen] = useState(false);
  // A request to focus one of this statement's parameters opens its details (once per request).
  const focusNonce = useBuilder((s) =>
    s.focusRequest?.statement === statement.sid ? s.focusRequest.nonce : undefined,
  );
  const [openedFor, setOpenedFor] = useState<number>();
  if (focusNonce !== undefined && focusNonce !== openedFor) {
    setOpenedFor(focusNonce);
    if (!open) setOpen(true);
  }

  // A finding about the statement being off (in the checks) moves the focus to its switch.
  const switchInput = useRef<HTMLInputElement>(null);
  useControlFocus(`statements.${statement.sid}`, switchInput);

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
  const chooseScope = (own: boolean) => {
    if (!service) return;
    const write = statementScopeWrite(
      store.getState().config,
      statement.sid,
      service,
      own,
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
              ref: switchInput,
              'aria-labelledby': `${titleId} ${sidId}`,
              'aria-describedby': `${ids}-effect ${ids}-summary`,
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
          <Typography
            id={`${ids}-effect`}
            variant="caption"
            component="p"
            color="text.secondary"
            sx={{ mt: 0.5 }}
          >
            {stateText(scope, enabled, service)} {effect}
          </Typography>
          <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap', mt: 0.5 }}>
            {service && (
              <ToggleButtonGroup
                exclusive
                size="small"
                value={scope === 'this-service' ? 'this-service' : 'every-service'}
                onChange={(_event, next: string | null) =>
                  next && chooseScope(next === 'this-service')
                }
                aria-label={`Which policies the switch changes: ${statement.title}`}
                sx={{ '& .MuiToggleButton-root': { py: 0.25, px: 1, fontSize: '0.75rem' } }}
              >
                <ToggleButton value="every-service">Every service</ToggleButton>
                <ToggleButton value="this-service">{service} only</ToggleButton>
              </ToggleButtonGroup>
            )}
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
          <StatementDetails sid={statement.sid} />
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
        Statements
      </Typography>
      <Typography variant="caption" color="text.secondary" component="p" sx={{ mb: 1 }}>
        Each switch adds or removes a statement and says which policies it changes: every
        service&apos;s, or {service ? `the ${service} policy` : "the shown service's"} only. The
        switches show the {service ? `${service} policy (the tab shown)` : 'shown policy'}.
      </Typography>
      <Box component="ul" sx={{ m: 0, p: 0 }}>
        {choicesCatalog.statements.map((statement) => (
          <StatementRow key={statement.sid} statement={statement} service={service} />
        ))}
      </Box>
    </Box>
  );
}
