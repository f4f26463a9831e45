/**
 * One tab per selected service, each with a badge counting the errors and values to fill of its
 * policy. The counts follow the choices in idle time, a service at a time, so that a change of
 * choices is never held up by generating every service's policy.
 */
import WarningAmber from '@mui/icons-material/WarningAmber';
import Box from '@mui/material/Box';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import { memo } from 'react';
import { catalog } from '@/core/catalog/catalog';
import { FindingsBadge } from '@/shared/diagnostics/findings-badge';
import { useBuilder, useBuilderActions } from '@/state/builder-store';
import { useIdleJob } from '@/shared/react/use-idle-job';
import { choicesFindingsJob } from '@/state/policy-findings';

export const POLICY_TABPANEL_ID = 'policy-tabpanel';
export const policyTabId = (service: string) =>
  `policy-tab-${service.replace(/[^a-z0-9-]/gi, '_')}`;

export const ServiceTabs = memo(function ServiceTabs({
  services,
  selected,
}: {
  services: readonly string[];
  selected: string;
}) {
  const { setPreviewService } = useBuilderActions();
  const config = useBuilder((state) => state.config);
  const findings = useIdleJob(config, choicesFindingsJob);
  return (
    <Tabs
      value={selected}
      onChange={(_event, service: string) => setPreviewService(service)}
      variant="scrollable"
      scrollButtons="auto"
      allowScrollButtonsMobile
      aria-label="Policy of each endpoint service"
      sx={{ borderBottom: 1, borderColor: 'divider', flex: '0 0 auto' }}
    >
      {services.map((service) => {
        const unsupported = catalog.service(service)?.endpointPolicy === 'unsupported';
        return (
          <Tab
            key={service}
            value={service}
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
                <FindingsBadge counts={findings?.byService.get(service)} name={service} />
              </Box>
            }
          />
        );
      })}
    </Tabs>
  );
});
