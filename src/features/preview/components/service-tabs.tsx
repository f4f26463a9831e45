/**
 * One tab per selected service, each with a badge counting the errors and values to fill of its
 * policy. The counts follow the choices in idle time, a service at a time, so that a change of
 * choices is never held up by generating every service's policy. With every service selected
 * there are hundreds of tabs: they render when the list, the selected tab or a tab's counts
 * change, never merely because a choice changed.
 */
import WarningAmber from '@mui/icons-material/WarningAmber';
import Box from '@mui/material/Box';
import Tab, { type TabProps } from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import { memo, useCallback, type SyntheticEvent } from 'react';
import { catalog } from '@/core/catalog/catalog';
import type { ServiceId } from '@/core/catalog/ids';
import type { FindingCounts } from '@/core/finding-kinds';
import { FindingsBadge } from '@/shared/diagnostics/findings-badge';
import { useBuilderActions, useChoicesInput } from '@/state/builder-store';
import { useIdleJob } from '@/shared/react/use-idle-job';
import { choicesFindingsJob } from '@/state/policy-findings';

export const POLICY_TABPANEL_ID = 'policy-tabpanel';
export const policyTabId = (service: string) =>
  `policy-tab-${service.replace(/[^a-z0-9-]/gi, '_')}`;

interface ServiceTabProps extends TabProps {
  service: ServiceId;
  counts: FindingCounts | undefined;
}

const sameCounts = (a: FindingCounts | undefined, b: FindingCounts | undefined) =>
  a === b ||
  (a !== undefined &&
    b !== undefined &&
    a.errors === b.errors &&
    a.toFill === b.toFill &&
    a.warnings === b.warnings &&
    a.notes === b.notes);

/** Equal props, with counts compared by value: a new findings result keeps unchanged tabs as they are. */
function sameTabProps(a: ServiceTabProps, b: ServiceTabProps): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]) as Set<keyof ServiceTabProps>;
  for (const key of keys) {
    if (key === 'counts' ? !sameCounts(a.counts, b.counts) : !Object.is(a[key], b[key]))
      return false;
  }
  return true;
}

/** One tab; `Tabs` adds the props of its selection state, which the comparison includes. */
const ServiceTab = memo(function ServiceTab({ service, counts, ...tabProps }: ServiceTabProps) {
  const unsupported = catalog.service(service)?.endpointPolicy === 'unsupported';
  return (
    <Tab
      {...tabProps}
      id={policyTabId(service)}
      aria-controls={POLICY_TABPANEL_ID}
      label={
        <Box component="span" sx={{ display: 'inline-flex', alignItems: 'center' }}>
          {service}
          {unsupported && (
            <WarningAmber
              fontSize="small"
              titleAccess="endpoint policies not enforced"
              sx={{ ml: 0.5 }}
            />
          )}
          <FindingsBadge counts={counts} name={service} />
        </Box>
      }
    />
  );
}, sameTabProps);

const sameList = (a: readonly string[], b: readonly string[]) =>
  a === b || (a.length === b.length && a.every((item, i) => item === b[i]));

export const ServiceTabs = memo(
  function ServiceTabs({
    services,
    selected,
  }: {
    services: readonly ServiceId[];
    selected: string;
  }) {
    const { setPreviewService } = useBuilderActions();
    const findings = useIdleJob(useChoicesInput(), choicesFindingsJob);
    const onChange = useCallback(
      (_event: SyntheticEvent, service: string) => setPreviewService(service),
      [setPreviewService],
    );
    return (
      <Tabs
        value={selected}
        onChange={onChange}
        variant="scrollable"
        scrollButtons="auto"
        allowScrollButtonsMobile
        aria-label="Policy of each endpoint service"
        sx={{ borderBottom: 1, borderColor: 'divider', flex: '0 0 auto' }}
      >
        {services.map((service) => (
          <ServiceTab
            key={service}
            value={service}
            service={service}
            counts={findings?.byService.get(service)}
          />
        ))}
      </Tabs>
    );
  },
  (a, b) => a.selected === b.selected && sameList(a.services, b.services),
);
