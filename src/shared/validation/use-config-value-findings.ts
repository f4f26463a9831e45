/** Finding the problems of the third-party values where the engine is loaded (the policy pane). */
import { useEffect, useMemo } from 'react';
import type { Catalog } from '@/core/catalog/catalog';
import type { PerimeterConfig } from '@/core/config/schema';
import {
  thirdPartyBlocksInUse,
  thirdPartyValuesPolicy,
  type ThirdPartyValueFinding,
} from '@/core/validate/third-party-values';
import { NO_VALUE_FINDINGS, publishValueFindings } from './third-party-findings';
import { useThirdPartyValueFindings } from './use-third-party-values';

/**
 * Checks the values of the third-party lists whose statement is on for some selected service,
 * and shares the findings with the fields; returns them.
 */
export function useConfigValueFindings(
  config: PerimeterConfig,
  catalog: Catalog,
): readonly ThirdPartyValueFinding[] {
  const policy = useMemo(
    () => thirdPartyValuesPolicy(config, thirdPartyBlocksInUse(config, catalog)),
    [config, catalog],
  );
  const findings = useThirdPartyValueFindings(policy, config.regions);
  useEffect(() => publishValueFindings(findings), [findings]);
  useEffect(() => () => publishValueFindings(NO_VALUE_FINDINGS), []);
  return findings;
}
