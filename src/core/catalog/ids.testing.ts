/**
 * Ids and configurations written in tests. They are taken as they are, unchecked: tests also hand
 * the engine what its boundaries would refuse (an unknown service, a region of no partition) to
 * test its defences. Product code turns text into ids through `toServiceId` and the like.
 */
import type { PerimeterConfig, PerimeterConfigDocument } from '../config/schema';
import type { PatternId, RegionCode, ServiceId } from './ids';

export const testServiceId = (text: string): ServiceId => text as ServiceId;
export const testRegionCode = (text: string): RegionCode => text as RegionCode;
export const testPatternId = (text: string): PatternId => text as PatternId;
export const testRegionCodes = (texts: readonly string[]): RegionCode[] => texts as RegionCode[];
export const testServiceIds = (texts: readonly string[]): ServiceId[] => texts as ServiceId[];

/** A configuration as a test writes it, given to the engine as if it had passed its checks. */
export const testConfig = (document: PerimeterConfigDocument): PerimeterConfig =>
  document as PerimeterConfig;
