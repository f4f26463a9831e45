/** How the user looks at the result: which policy the preview shows, the theme, the side panel. */
import {
  defaultView,
  type PolicyView,
  type SidePanelId,
  type ThemeMode,
  type ViewPreferences,
} from './defaults';
import type { SliceCreator } from './slice';

export interface ViewState {
  /** Saved with the choices; see `ViewPreferences`. */
  view: ViewPreferences;
}

export interface ViewActions {
  setPreviewService(serviceId: string): void;
  setPreviewRegion(region: string): void;
  setThemeMode(mode: ThemeMode): void;
  setSidePanel(panel: SidePanelId): void;
  setPolicyView(policyView: PolicyView): void;
  replaceView(view: ViewPreferences): void;
  resetView(): void;
}

export type ViewSlice = ViewState & { actions: ViewActions };

export const createViewSlice =
  (initial: ViewPreferences): SliceCreator<ViewSlice> =>
  (set) => ({
    view: initial,
    actions: {
      setPreviewService: (previewService) =>
        set((state) => ({ view: { ...state.view, previewService } })),
      setPreviewRegion: (previewRegion) =>
        set((state) => ({ view: { ...state.view, previewRegion } })),
      setThemeMode: (themeMode) => set((state) => ({ view: { ...state.view, themeMode } })),
      setSidePanel: (sidePanel) => set((state) => ({ view: { ...state.view, sidePanel } })),
      setPolicyView: (policyView) => set((state) => ({ view: { ...state.view, policyView } })),
      replaceView: (view) => set({ view }),
      // The theme is the reader's, not part of the work being discarded.
      resetView: () =>
        set((state) => ({ view: { ...defaultView(), themeMode: state.view.themeMode } })),
    },
  });
