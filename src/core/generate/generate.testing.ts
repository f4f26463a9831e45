/**
 * The generator for tests that write their configuration as a document: ids are taken as written
 * (see `catalog/ids.testing.ts`).
 */
import { testConfig, testRegionCodes, testServiceId } from '../catalog/ids.testing';
import type { PerimeterConfigDocument } from '../config/schema';
import { generate, type GenerateOptions } from './generate';
import { generatePolicies, type PolicyOutputOptions } from './outputs';

export const generateFromDocument = (
  config: PerimeterConfigDocument,
  service: string,
  { regions, ...options }: Omit<GenerateOptions, 'regions'> & { regions?: readonly string[] } = {},
) =>
  generate(testConfig(config), testServiceId(service), {
    ...options,
    ...(regions ? { regions: testRegionCodes(regions) } : {}),
  });

export const generatePoliciesFromDocument = (
  config: PerimeterConfigDocument,
  options?: PolicyOutputOptions,
) => generatePolicies(testConfig(config), options);
