/** The choices a first visit starts from, and the view a first visit sees. */
import { STARTING_REGION, STARTING_SERVICE } from '@/core/catalog/ids';
import type { PerimeterConfig } from '@/core/config/schema';

/**
 * S3 in one region: the endpoint most perimeters start with, so the page shows a policy at once
 * and the organization id is the only thing left to fill. `version: 1` is checked against the
 * schema's literal type by the compiler.
 */
export function defaultConfig(): PerimeterConfig {
  return {
    version: 1,
    organizationIds: [],
    regions: [STARTING_REGION],
    services: [STARTING_SERVICE],
  };
}

export const THEME_MODES = ['system', 'light', 'dark'] as const;
export type ThemeMode = (typeof THEME_MODES)[number];

/** Panels beside the policy that ship with the page; the app's panel registry may add more. */
export const SIDE_PANELS = ['explanations', 'simulator'] as const;
/** A panel of the app's registry (`src/app/side-panels.tsx`); an unknown id shows the first panel. */
export type SidePanelId = string;

/** How the preview shows a policy: the code editor, or plain text (also while the editor loads). */
export const POLICY_VIEWS = ['editor', 'text'] as const;
export type PolicyView = (typeof POLICY_VIEWS)[number];

/** How the user likes to look at the result; saved with the choices but not part of them. */
export interface ViewPreferences {
  /** The endpoint service whose policy the preview shows; the first selected one when unset. */
  previewService?: string;
  /** The region whose policy the preview shows in the one-policy-per-region shape. */
  previewRegion?: string;
  themeMode: ThemeMode;
  /** The panel shown beside the preview. */
  sidePanel: SidePanelId;
  policyView: PolicyView;
}

export function defaultView(): ViewPreferences {
  return { themeMode: 'system', sidePanel: 'explanations', policyView: 'editor' };
}
