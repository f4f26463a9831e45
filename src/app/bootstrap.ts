/**
 * Starting the app: choose the choices to show (link, saved or defaults), create the store, and
 * once the first screen is up, load the validator to confirm them and start saving changes.
 */
import { createBuilderStore, type BuilderStore } from '@/state/builder-store';
import { loadConfigValidator } from '@/state/config-validator';
import {
  connectPersistence,
  memoryStorage,
  readStorage,
  saveState,
  type StorageLike,
} from '@/state/persistence';
import { defaultConfig, defaultView } from '@/state/defaults';
import { readPolicyEditor, readReplacedDraft } from '@/state/policy-draft-storage';
import { LINK_NOTICE_ID } from '@/state/session-slice';
import { planStartup, type StartupPlan } from '@/state/startup';
import { WORK_KEYS } from '@/state/storage-keys';
import { carriesConfiguration } from '@/core/config/share-fragment';
import { startUnsavedFields } from '@/state/unsaved-fields';

/** localStorage when the browser allows it, else a memory that lasts for the visit. */
export function browserStorage(): StorageLike {
  try {
    const storage = window.localStorage;
    const probe = 'vpce-policy:probe';
    storage.setItem(probe, probe);
    storage.removeItem(probe);
    return storage;
  } catch {
    return memoryStorage();
  }
}

export interface AppStart {
  store: BuilderStore;
  storage: StorageLike;
  /** Confirms the shown choices with the engine and starts saving; called after the first screen. */
  finishStartup(): Promise<void>;
  /**
   * True when the page opens with the defaults and nothing saved or linked: the first screen is
   * then the one the page was built with (see `first-screen/`), and the app takes it over.
   */
  firstVisit: boolean;
  /** Called once, after the first screen is committed (the app's handlers are then attached). */
  afterFirstCommit?: () => void;
}

/** Reading the URL and storage is written not to throw; if it does anyway, the page still opens. */
async function safePlan(storage: StorageLike): Promise<StartupPlan> {
  try {
    return await planStartup(window.location.hash, storage);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      init: {
        config: defaultConfig(),
        view: defaultView(),
        notices: [
          {
            id: 'startup-failed',
            severity: 'error',
            title:
              'The saved or linked choices could not be read, so the page starts from the defaults.',
            details: [message],
            actions: [],
          },
        ],
        restoreStatus: 'ready',
      },
      fromLink: false,
      hasSaved: false,
    };
  }
}

export async function startApp(): Promise<AppStart> {
  const storage = browserStorage();
  const plan = await safePlan(storage);
  // A share link pasted into the address bar of this tab changes only the fragment, and the page
  // would go on as if nothing had happened: open it as a new visit does. The work of this visit is
  // saved as it changes (the policy text when the page goes), and opening a link keeps the
  // choices it replaces for "Back to my choices".
  window.addEventListener('hashchange', () => {
    if (carriesConfiguration(window.location.hash)) window.location.reload();
  });
  if (plan.fromLink) {
    // The link has been read; a reload should show the saved work, not re-open the link.
    window.history.replaceState(
      window.history.state,
      '',
      window.location.pathname + window.location.search,
    );
  }
  // The user's policy text is not part of the choices a link carries: it is restored in every case,
  // as is the text of a field the engine has not accepted yet (given back only where the value it
  // was typed over is still the field's).
  startUnsavedFields(storage);
  const policyEditor = readPolicyEditor(storage);
  const replacedDraft = readReplacedDraft(storage);
  const store = createBuilderStore({
    ...plan.init,
    policyEditor,
    ...(replacedDraft ? { replacedDraft } : {}),
  });
  const needsChecks = plan.pending !== undefined || plan.unreadable !== undefined;
  // Nothing to check: save every change from the start. Otherwise saving waits for the checks.
  if (!needsChecks) connectPersistence(store, storage);
  let finishing: Promise<void> | undefined;
  const finishStartup = () => {
    finishing ??= (async () => {
      // The policy text changes only in the editor, opened after the first screen; a change made before this connects is saved when it does.
      void import('@/state/policy-draft-persistence').then(({ connectDraftPersistence }) =>
        connectDraftPersistence(store, storage, { saved: policyEditor }),
      );
      // Another tab of the page saving its own work is told to the user, never silently overwritten.
      void import('@/state/tab-sync').then(({ connectTabSync }) => connectTabSync(store));
      if (!needsChecks) return;
      const [validate, { completeStartup }] = await Promise.all([
        loadConfigValidator(),
        import('@/state/startup-checks'),
      ]).catch((error: unknown) => {
        // A link's "being checked" message must not stay up for ever: say what happened instead.
        if (plan.fromLink)
          store.getState().actions.pushNotice({
            id: LINK_NOTICE_ID,
            severity: 'error',
            title:
              'The choices of the shared link could not be checked, so they are shown but not saved. Open the link again to try again.',
            details: [error instanceof Error ? error.message : String(error)],
          });
        throw error;
      });
      const { rejected } = completeStartup(store, plan, validate, storage);
      connectPersistence(store, storage);
      // Choices the user changed while the checks loaded are saved now.
      if (!rejected && store.getState().config !== plan.init.config)
        saveState(storage, store.getState());
    })();
    return finishing;
  };
  // Saved choices to check are under one of the work keys, linked ones come with the link.
  const firstVisit =
    !plan.fromLink &&
    plan.init.notices.length === 0 &&
    WORK_KEYS.every((key) => readStorage(storage, key) === null);
  return { store, storage, finishStartup, firstVisit };
}
