/**
 * The builder's store: the user's choices (config slice), how they look at the result (view
 * slice), what belongs to this visit (session slice) and the policy text the user edits or
 * imports (policy editor slice). Policies are derived from the choices by
 * the preview, never stored. Components read through narrow selectors and take the actions once:
 * `const { setRegions } = useBuilderActions()`.
 */
import { createContext, createElement, useContext, useMemo, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { PerimeterConfig } from '@/core/config/schema';
import { createConfigSlice, type ConfigActions, type ConfigState } from './config-slice';
import { defaultConfig, defaultView, type ViewPreferences } from './defaults';
import {
  createPolicyEditorSlice,
  defaultPolicyEditor,
  type PolicyDraft,
  type PolicyEditorActions,
  type PolicyEditorPreferences,
  type PolicyEditorState,
} from './policy-editor-slice';
import {
  createSessionSlice,
  type Notice,
  type RestoreStatus,
  type SessionActions,
  type SessionState,
} from './session-slice';
import { createViewSlice, type ViewActions, type ViewState } from './view-slice';

export type BuilderActions = ConfigActions & ViewActions & SessionActions & PolicyEditorActions;
export type BuilderState = ConfigState &
  ViewState &
  SessionState &
  PolicyEditorState & { actions: BuilderActions };
export type BuilderStore = StoreApi<BuilderState>;

export interface BuilderStoreInit {
  config?: PerimeterConfig;
  view?: ViewPreferences;
  notices?: Notice[];
  restoreStatus?: RestoreStatus;
  policyEditor?: PolicyEditorPreferences;
  /** The text the last import or restart replaced, restored from the browser. */
  replacedDraft?: PolicyDraft;
}

export function createBuilderStore(init: BuilderStoreInit = {}): BuilderStore {
  return createStore<BuilderState>()((set, get) => {
    const config = createConfigSlice(init.config ?? defaultConfig())(set, get);
    const view = createViewSlice(init.view ?? defaultView())(set, get);
    const session = createSessionSlice({
      notices: init.notices ?? [],
      restoreStatus: init.restoreStatus ?? 'ready',
    })(set, get);
    const policyEditor = createPolicyEditorSlice(
      init.policyEditor ?? defaultPolicyEditor(),
      init.replacedDraft,
    )(set, get);
    return {
      ...config,
      ...view,
      ...session,
      ...policyEditor,
      actions: { ...config.actions, ...view.actions, ...session.actions, ...policyEditor.actions },
    };
  });
}

const BuilderStoreContext = createContext<BuilderStore | null>(null);

export function BuilderStoreProvider({
  store,
  children,
}: {
  store: BuilderStore;
  children: ReactNode;
}) {
  return createElement(BuilderStoreContext.Provider, { value: store }, children);
}

export function useBuilderStoreApi(): BuilderStore {
  const store = useContext(BuilderStoreContext);
  if (!store) throw new Error('useBuilderStoreApi must be used inside <BuilderStoreProvider>');
  return store;
}

/** Reads one part of the state; the component re-renders only when that part changes. */
export function useBuilder<T>(selector: (state: BuilderState) => T): T {
  return useStore(useBuilderStoreApi(), selector);
}

/** The actions never change, so reading them causes no re-render. */
export function useBuilderActions(): BuilderActions {
  return useStore(useBuilderStoreApi(), (state) => state.actions);
}

/**
 * The choices as a value to read and follow without re-rendering: for work that follows them in
 * idle time (the badges), whose components should render when that work is done, not per change.
 */
export function useChoicesInput(): {
  read(): PerimeterConfig;
  subscribe(onChange: () => void): () => void;
} {
  const store = useBuilderStoreApi();
  return useMemo(
    () => ({
      read: () => store.getState().config,
      subscribe: (onChange) => store.subscribe(onChange),
    }),
    [store],
  );
}
