/**
 * What the simulator remembers during a visit, beside the choices: which request the form shows
 * and what the user typed, and the verdicts of the last run of the saved requests (to flag those
 * a change of choices turns). Nothing here is saved: the suite itself lives in the configuration.
 * One session per builder store, so that switching panels keeps the form as it was.
 */
import { useStore } from 'zustand';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { useBuilderStoreApi, type BuilderStore } from '@/state/builder-store';
import type { RequestDraft } from './request-draft';
import type { SuiteMemory } from './simulation';

/** Where the request in the form comes from. */
export type RequestSource =
  | {
      kind: 'scenario';
      id: string;
      /** The region to build it for; by default the one the preview shows. */
      region?: string;
    }
  | { kind: 'saved'; index: number }
  | { kind: 'custom' };

export const FIRST_SCENARIO_ID = 'org-role-reads-org-bucket';

/** One request in the form, or every request in every region as a grid. */
export type SimulatorMode = 'single' | 'matrix';

export interface SimulatorSession {
  source: RequestSource;
  /**
   * The form's text once the user has edited it (or opened a saved request); while undefined the
   * form shows its ready-made source as the current choices build it.
   */
  draft?: RequestDraft;
  mode: SimulatorMode;
  actions: {
    setMode(mode: SimulatorMode): void;
    showScenario(id: string, region?: string): void;
    editSaved(index: number, draft: RequestDraft): void;
    editDraft(draft: RequestDraft): void;
    /** Leaves a saved request being edited: the form keeps its text as a new request. */
    detach(): void;
  };
}

export type SimulatorSessionStore = StoreApi<SimulatorSession>;

export function createSimulatorSession(): SimulatorSessionStore {
  return createStore<SimulatorSession>()((set) => ({
    source: { kind: 'scenario', id: FIRST_SCENARIO_ID },
    mode: 'single',
    actions: {
      setMode: (mode) => set({ mode }),
      showScenario: (id, region) =>
        set({
          source: { kind: 'scenario', id, ...(region !== undefined ? { region } : {}) },
          draft: undefined,
        }),
      editSaved: (index, draft) => set({ source: { kind: 'saved', index }, draft }),
      editDraft: (draft) => set({ draft }),
      detach: () => set({ source: { kind: 'custom' } }),
    },
  }));
}

const sessions = new WeakMap<BuilderStore, SimulatorSessionStore>();
const suiteMemories = new WeakMap<BuilderStore, SuiteMemory>();

/** The last run of the saved requests in this visit (plain memory: nothing renders from it directly). */
export function suiteMemoryOf(store: BuilderStore): SuiteMemory {
  let memory = suiteMemories.get(store);
  if (!memory) {
    memory = { outcomes: [], decisions: new Map() };
    suiteMemories.set(store, memory);
  }
  return memory;
}

export function simulatorSessionOf(store: BuilderStore): SimulatorSessionStore {
  let session = sessions.get(store);
  if (!session) {
    session = createSimulatorSession();
    sessions.set(store, session);
  }
  return session;
}

export function useSimulatorSessionStore(): SimulatorSessionStore {
  return simulatorSessionOf(useBuilderStoreApi());
}

export function useSimulatorSession<T>(selector: (session: SimulatorSession) => T): T {
  return useStore(useSimulatorSessionStore(), selector);
}
