/** The regions where the endpoints live, grouped by partition, with a shortcut for the commercial ones. */
import Autocomplete, { createFilterOptions } from '@mui/material/Autocomplete';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import TextField from '@mui/material/TextField';
import { createContext, useContext, useMemo, useRef, type ReactNode } from 'react';
import { FindingsBadge, hasFindings } from '@/shared/diagnostics/findings-badge';
import { useControlFocus } from '@/shared/focus/use-control-focus';
import { useDeferredAnchor } from '@/shared/react/deferred-anchor';
import { useHighlightWhenTyped } from './highlight-when-typed';
import { lazyModule, useLazyModule } from '@/shared/react/lazy-module';
import { useAfterFirstIdle } from '@/shared/react/idle';
import { useIdleJob } from '@/shared/react/use-idle-job';
import type * as PolicyFindings from '@/state/policy-findings';
import type { Region } from '@/core/catalog/catalog';
import { SELECTION_LISTS } from '@/core/config/list-fields';
import {
  choicesCatalog,
  commercialRegions,
  groupedRegions,
} from '@/shared/catalog/choices-catalog';
import { useBuilder, useBuilderActions, useChoicesInput } from '@/state/builder-store';

/** The findings of the choices' policies, with the engine: loaded after the first screen. */
const policyFindings = lazyModule<typeof PolicyFindings>(() => import('@/state/policy-findings'));

const filterRegions = createFilterOptions<Region>({
  stringify: (region) => `${region.code} ${region.name}`,
});

const FindingsContext = createContext<PolicyFindings.ChoicesFindings | undefined>(undefined);

/**
 * The findings of each region's policies. Each region's badge follows the choices in idle time,
 * so that a change is never held up; the engine they need loads after the first screen, never in
 * competition with it. The findings reach the badges through a context: their arrival redraws the
 * badges, not the field around them.
 */
function RegionFindings({ children }: { children: ReactNode }) {
  const engine = useLazyModule(policyFindings, useAfterFirstIdle()).module;
  const findings = useIdleJob(useChoicesInput(), engine?.choicesFindingsJob);
  return <FindingsContext.Provider value={findings}>{children}</FindingsContext.Provider>;
}

function RegionBadge({ code }: { code: string }) {
  const counts = useContext(FindingsContext)?.byRegion.get(code);
  if (!hasFindings(counts)) return null;
  // The space keeps the chip's accessible name two words: "sa-east-1 2 to fill".
  return (
    <>
      {' '}
      <FindingsBadge counts={counts} name={code} />
    </>
  );
}

export function RegionsField() {
  return (
    <RegionFindings>
      <RegionsChoice />
    </RegionFindings>
  );
}

function RegionsChoice() {
  const regionCodes = useBuilder((state) => state.config.regions);
  const { setRegions } = useBuilderActions();
  const value = useMemo(
    () =>
      regionCodes
        .map((code) => choicesCatalog.region(code))
        .filter((r): r is Region => r !== undefined),
    [regionCodes],
  );
  const allCommercialChosen = commercialRegions.every((code) => regionCodes.includes(code));
  const partitions = new Set(value.map((r) => r.partition));
  const input = useRef<HTMLInputElement>(null);
  useControlFocus('regions', input);
  const anchor = useDeferredAnchor();
  const highlight = useHighlightWhenTyped();

  return (
    <Box>
      <Autocomplete
        {...anchor.rootProps}
        {...highlight}
        multiple
        disableCloseOnSelect
        limitTags={10}
        options={groupedRegions}
        value={value}
        onChange={(_event, next) => setRegions(next.map((r) => r.code))}
        groupBy={(region) => region.partitionName}
        filterOptions={filterRegions}
        getOptionLabel={(region) => region.code}
        isOptionEqualToValue={(option, selected) => option.code === selected.code}
        renderOption={(props, region) => {
          const { key, ...optionProps } = props;
          return (
            <li key={key} {...optionProps}>
              <Box sx={{ display: 'flex', flexDirection: 'column' }}>
                <Box component="span" sx={{ fontFamily: 'monospace' }}>
                  {region.code}
                </Box>
                <Box component="span" sx={{ fontSize: '0.8rem', color: 'text.secondary' }}>
                  {region.name}
                  {region.optIn ? ' · opt-in region' : ''}
                </Box>
              </Box>
            </li>
          );
        }}
        renderValue={(selected, getItemProps) =>
          selected.map((region, index) => {
            const { key, ...itemProps } = getItemProps({ index });
            return (
              <Chip
                key={key}
                label={
                  <>
                    {region.code}
                    <RegionBadge code={region.code} />
                  </>
                }
                size="small"
                {...itemProps}
              />
            );
          })
        }
        renderInput={(params) => (
          <TextField
            {...anchor.hold(params)}
            inputRef={input}
            label={SELECTION_LISTS.regions.label}
            placeholder={value.length === 0 ? 'Search, e.g. eu-west-1 or Frankfurt' : undefined}
            helperText={
              partitions.size > 1
                ? `These regions span ${partitions.size} partitions; each partition has its own accounts and organization.`
                : value.length === 0
                  ? 'Without a region, region-specific resources show <region>.'
                  : 'An endpoint lives in one region; the preview can show one policy per region.'
            }
          />
        )}
      />
      <Button
        sx={{ mt: 0.5 }}
        disabled={allCommercialChosen}
        onClick={() => setRegions([...new Set([...regionCodes, ...commercialRegions])])}
      >
        All commercial regions
      </Button>
    </Box>
  );
}
