/**
 * The endpoint services: searchable by name or title, grouped (services with an upstream sample
 * policy, with data-perimeter guidance, other PrivateLink services). Services whose endpoints do
 * not enforce a policy are marked and named under the field.
 */
import WarningAmber from '@mui/icons-material/WarningAmber';
import Autocomplete, { createFilterOptions } from '@mui/material/Autocomplete';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import TextField from '@mui/material/TextField';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { ServiceId } from '@/core/catalog/ids';
import { SELECTION_LISTS } from '@/core/config/list-fields';
import type { EndpointService } from '@/core/catalog/schema';
import { choicesCatalog, groupedServices, serviceGroup } from '@/shared/catalog/choices-catalog';
import { loadFullCatalog, useFullCatalog } from '@/shared/catalog/use-full-catalog';
import { previewedService } from '@/shared/catalog/preview-target';
import { useControlFocus } from '@/shared/focus/use-control-focus';
import { useDeferredAnchor } from '@/shared/react/deferred-anchor';
import { useHighlightWhenTyped } from './highlight-when-typed';
import { useBuilder, useBuilderActions, useBuilderStoreApi } from '@/state/builder-store';
import { PolicySupportNote } from './policy-support';

function listIds(services: readonly EndpointService[]): string {
  const ids = services.map((s) => s.id);
  return ids.length > 4
    ? `${ids.slice(0, 4).join(', ')} and ${ids.length - 4} more`
    : ids.join(', ');
}

/** The other names of each endpoint (email: ses, sesv2), so that searching for them finds it. */
const otherNames = new Map<ServiceId, ServiceId[]>();
for (const service of groupedServices)
  if (service.endpointOf)
    otherNames.set(service.endpointOf, [...(otherNames.get(service.endpointOf) ?? []), service.id]);

export function ServicesField() {
  const serviceIds = useBuilder((state) => state.config.services);
  const { setServices, setPreviewService } = useBuilderActions();
  const store = useBuilderStoreApi();
  const input = useRef<HTMLInputElement>(null);
  useControlFocus('services', input);
  const anchor = useDeferredAnchor();
  const highlight = useHighlightWhenTyped();
  const changeServices = (next: ServiceId[]) => {
    // The policy shown stays the one shown: a service added before it in the list would
    // otherwise become the first tab, and so the shown one.
    const { config, view } = store.getState();
    const shown = previewedService(config, view, choicesCatalog);
    if (shown !== undefined && next.includes(shown) && view.previewService !== shown)
      setPreviewService(shown);
    setServices(next);
  };
  const value = useMemo(
    () =>
      serviceIds
        .map((id) => choicesCatalog.service(id))
        .filter((s): s is EndpointService => s !== undefined),
    [serviceIds],
  );
  // Discontinued services stay in the catalog for old configurations, out of the list unless asked
  // for. Other names of an endpoint (ses, docdb) are found through the endpoint's own entry.
  const [showDiscontinued, setShowDiscontinued] = useState(false);
  const options = useMemo(
    () => groupedServices.filter((s) => !s.endpointOf && (showDiscontinued || !s.discontinued)),
    [showDiscontinued],
  );
  const discontinued = value.filter((s) => s.discontinued);
  const unsupported = value.filter((s) => s.endpointPolicy === 'unsupported');
  const unknown = value.filter((s) => s.endpointPolicy === 'unknown');
  // Titles come with the full catalog, moments after the first screen; ids work before that.
  // They show in the open list only (options and search), so the field follows the catalog's
  // arrival only while its list is open: drawn again as it arrives, the field would compete with
  // the first interaction for nothing.
  const [listOpen, setListOpen] = useState(false);
  useEffect(() => void loadFullCatalog().catch(() => undefined), []);
  const fullCatalog = useFullCatalog(listOpen);
  const titleOf = (service: EndpointService) => fullCatalog?.service(service.id)?.title ?? '';
  const filterServices = useMemo(
    () =>
      createFilterOptions<EndpointService>({
        stringify: (service) =>
          [service.id, ...(otherNames.get(service.id) ?? [])]
            .map((id) => `${id} ${fullCatalog?.service(id)?.title ?? ''}`)
            .join(' '),
      }),
    [fullCatalog],
  );

  return (
    <Box>
      <Autocomplete
        {...anchor.rootProps}
        {...highlight}
        multiple
        disableCloseOnSelect
        limitTags={12}
        open={listOpen}
        onOpen={() => setListOpen(true)}
        onClose={() => setListOpen(false)}
        options={options}
        value={value}
        onChange={(_event, next) => changeServices(next.map((s) => s.id))}
        groupBy={serviceGroup}
        filterOptions={filterServices}
        getOptionLabel={(service) => service.id}
        isOptionEqualToValue={(option, selected) => option.id === selected.id}
        renderOption={(props, service) => {
          const { key, ...optionProps } = props;
          return (
            <li key={key} {...optionProps}>
              <Box sx={{ display: 'flex', flexDirection: 'column', minWidth: 0 }}>
                <Box component="span" sx={{ fontFamily: 'monospace' }}>
                  {service.id}
                </Box>
                <Box component="span" sx={{ fontSize: '0.8rem', color: 'text.secondary' }}>
                  {titleOf(service)}
                </Box>
                {otherNames.has(service.id) && (
                  <Box component="span" sx={{ fontSize: '0.75rem', color: 'text.secondary' }}>
                    also for {otherNames.get(service.id)!.join(', ')}
                  </Box>
                )}
                <PolicySupportNote support={service.endpointPolicy} />
                {service.discontinued && (
                  <Box component="span" sx={{ fontSize: '0.75rem', color: 'warning.main' }}>
                    discontinued
                  </Box>
                )}
              </Box>
            </li>
          );
        }}
        renderValue={(selected, getItemProps) =>
          selected.map((service, index) => {
            const { key, ...itemProps } = getItemProps({ index });
            const warn = service.endpointPolicy === 'unsupported';
            return (
              <Chip
                key={key}
                label={service.id}
                size="small"
                color={warn ? 'warning' : 'default'}
                variant={warn ? 'outlined' : 'filled'}
                icon={
                  warn ? <WarningAmber titleAccess="endpoint policies not enforced" /> : undefined
                }
                {...itemProps}
              />
            );
          })
        }
        renderInput={(params) => (
          <TextField
            {...anchor.hold(params)}
            inputRef={input}
            label={SELECTION_LISTS.services.label}
            placeholder={
              value.length === 0 ? 'Search by name, e.g. s3 or Systems Manager' : undefined
            }
            helperText={
              unsupported.length > 0 || unknown.length > 0 || discontinued.length > 0 ? (
                <Box component="span" sx={{ display: 'flex', flexDirection: 'column', gap: 0.25 }}>
                  {discontinued.length > 0 && (
                    <Box component="span" sx={{ color: 'warning.main' }}>
                      {listIds(discontinued)} {discontinued.length > 1 ? 'are' : 'is'} discontinued:
                      AWS no longer lists {discontinued.length > 1 ? 'them' : 'it'} among the
                      PrivateLink services.
                    </Box>
                  )}
                  {unsupported.length > 0 && (
                    <Box component="span" sx={{ color: 'warning.main' }}>
                      {listIds(unsupported)} {unsupported.length > 1 ? 'do' : 'does'} not enforce
                      endpoint policies: every request through{' '}
                      {unsupported.length > 1 ? 'their endpoints' : 'its endpoint'} is allowed,
                      whatever the policy says.
                    </Box>
                  )}
                  {unknown.length > 0 && (
                    <span>
                      No source says whether {listIds(unknown)}{' '}
                      {unknown.length > 1 ? 'enforce' : 'enforces'} endpoint policies; check with
                      aws ec2 describe-vpc-endpoint-services.
                    </span>
                  )}
                </Box>
              ) : (
                `${options.length} PrivateLink services; the first group has sample policies of its own.`
              )
            }
          />
        )}
      />
      <FormControlLabel
        control={
          <Checkbox
            size="small"
            checked={showDiscontinued}
            onChange={(event) => setShowDiscontinued(event.target.checked)}
          />
        }
        label="Show discontinued services"
      />
    </Box>
  );
}
