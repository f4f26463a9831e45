/** One tab per selected service; re-rendered only when the services or the selected tab change. */
import WarningAmber from '@mui/icons-material/WarningAmber';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import { memo } from 'react';
import { catalog } from '@/core/catalog/catalog';
import { useBuilderActions } from '@/state/builder-store';

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
  return (
    <Tabs
      value={selected}
      onChange={(_event, service: string) => setPreviewService(service)}
      variant="scrollable"
      scrollButtons="auto"
      allowScrollButtonsMobile
      aria-label="Policy of each endpoint service"
      sx={{ borderBottom: 1, borderColor: 'divider' }}
    >
      {services.map((service) => {
        const unsupported = catalog.service(service)?.endpointPolicy === 'unsupported';
        return (
          <Tab
            key={service}
            value={service}
            id={policyTabId(service)}
            aria-controls={POLICY_TABPANEL_ID}
            label={service}
            icon={
              unsupported ? (
                <WarningAmber fontSize="small" titleAccess="endpoint policies not enforced" />
              ) : undefined
            }
            iconPosition="end"
          />
        );
      })}
    </Tabs>
  );
});
