/**
 * What belongs to this visit only and is never saved: messages for the user, whether the saved
 * or linked choices have been checked yet, requests to reveal a statement in the preview or to
 * move the focus to a control, the pane shown on a narrow screen, and the work that the last
 * reset or import replaced, so that it can be brought back.
 */
import type { PerimeterConfig } from '@/core/config/schema';
import type { TextRange } from '@/core/diagnostics';
import type { ViewPreferences } from './defaults';
import type { SliceCreator } from './slice';
import { dropAllUnsavedFields } from './unsaved-fields';

export type NoticeSeverity = 'error' | 'warning' | 'info' | 'success';

/** Something the user can do from a notice; the app decides how each kind is carried out. */
export type NoticeAction =
  | { kind: 'undo-link'; label: string }
  | { kind: 'save-rejected'; label: string }
  | { kind: 'open-saved'; label: string }
  /** Puts back the choices that the last reset or import replaced. */
  | { kind: 'undo-discard'; label: string }
  /** Another tab saved its work: take it here, or keep this tab's and save it over the other's. */
  | { kind: 'take-other-tab'; label: string }
  | { kind: 'keep-this-tab'; label: string };

export interface Notice {
  id: string;
  severity: NoticeSeverity;
  title: string;
  /** Details, one per line (e.g. the diagnostics of a rejected configuration). */
  details: string[];
  actions: NoticeAction[];
  /**
   * A check under way (the choices of a shared link being validated): shown as a status, not
   * dismissable, and replaced in place by its outcome, so that the page does not move.
   */
  busy?: boolean;
}

/** The place of the message about a shared link: "being checked", then what came of it. */
export const LINK_NOTICE_ID = 'opened-link';

/** What a visit by a shared link shows until the engine has checked its choices. */
export const LINK_CHECK_NOTICE: Notice = {
  id: LINK_NOTICE_ID,
  severity: 'info',
  title: 'Checking the choices of the shared link…',
  details: [],
  actions: [],
  busy: true,
};

/** `checking` while saved or linked choices are shown but not yet validated by the engine. */
export type RestoreStatus = 'checking' | 'ready';

/** A statement (by Sid) or a place (a finding's range) to reveal in the policy shown. */
export type RevealRequest = (
  | {
      /** The Sid of the statement to reveal in the policy of the previewed service. */
      sid: string;
      range?: undefined;
    }
  | {
      /** A place in the text shown (the user's text while editing, else the previewed policy). */
      range: TextRange;
      sid?: undefined;
    }
) & {
  /** Changes on every request, so that asking twice for the same place reveals it again. */
  nonce: number;
};

/** A request to move the focus to the page control that edits a configuration path. */
export interface FocusRequest {
  /** The configuration path of the control, e.g. `organizationIds`. */
  path: string;
  /** The statement whose details hold the control, when it is a statement's parameter. */
  statement?: string;
  /** Changes on every request, so that asking twice moves the focus again. */
  nonce: number;
}

/** The parts of the page a narrow screen shows one at a time. */
export type WorkspacePane = 'choices' | 'policy' | 'tools';

/** Work replaced by a reset or an import, kept for the visit so that it can be put back. */
export interface DiscardedWork {
  /** What replaced it, e.g. "Reset" or "Import of perimeter.json". */
  by: string;
  config: PerimeterConfig;
  view: ViewPreferences;
}

export interface SessionState {
  /** Messages shown above the builder until dismissed. */
  notices: Notice[];
  restoreStatus: RestoreStatus;
  /** The statement the user asked to see in the preview (from the explanations panel). */
  reveal?: RevealRequest;
  focusRequest?: FocusRequest;
  /** The pane a narrow screen shows. */
  workspacePane: WorkspacePane;
  discarded?: DiscardedWork;
  /**
   * How many times the work was replaced as a whole (Reset, Import config, their undo): the text
   * fields then show the new value, even one the same as before, and drop what they held.
   */
  replacements: number;
  /** Set while another tab's saved work differs from this tab's and the user has not chosen; saving waits. */
  otherTabChanged: boolean;
}

export interface SessionActions {
  pushNotice(
    notice: Omit<Notice, 'id' | 'details' | 'actions'> &
      Partial<Pick<Notice, 'id' | 'details' | 'actions'>>,
  ): string;
  dismissNotice(id: string): void;
  setRestoreStatus(status: RestoreStatus): void;
  revealStatement(sid: string): void;
  /** Reveals a place in the policy shown, as a click on a finding of the problems list does. */
  revealPlace(range: TextRange): void;
  /** Removes the highlight of the last revealed statement (e.g. a verdict that no statement decides). */
  clearReveal(): void;
  /** Moves the focus to the control of a configuration path (opening what holds it). */
  focusControl(path: string, statement?: string): void;
  setWorkspacePane(pane: WorkspacePane): void;
  /** Replaces the choices (and the view) as a whole, keeping the replaced ones for `undoDiscard`. */
  discardWork(by: string, next: { config: PerimeterConfig; view: ViewPreferences }): void;
  /** Puts back the work the last `discardWork` replaced. */
  undoDiscard(): void;
  setOtherTabChanged(changed: boolean): void;
}

export type SessionSlice = SessionState & { actions: SessionActions };

let noticeCounter = 0;

export const createSessionSlice =
  (initial: { notices?: Notice[]; restoreStatus: RestoreStatus }): SliceCreator<SessionSlice> =>
  (set, get) => ({
    notices: initial.notices ?? [],
    restoreStatus: initial.restoreStatus,
    workspacePane: 'choices',
    otherTabChanged: false,
    replacements: 0,
    actions: {
      pushNotice: (notice) => {
        const id = notice.id ?? `notice-${++noticeCounter}`;
        const full: Notice = { details: [], actions: [], ...notice, id };
        // A notice with the same id replaces the earlier one instead of stacking.
        set((state) => ({ notices: [...state.notices.filter((n) => n.id !== id), full] }));
        return id;
      },
      dismissNotice: (id) =>
        set((state) => ({ notices: state.notices.filter((n) => n.id !== id) })),
      setRestoreStatus: (restoreStatus) => set({ restoreStatus }),
      revealStatement: (sid) =>
        set((state) => ({ reveal: { sid, nonce: (state.reveal?.nonce ?? 0) + 1 } })),
      revealPlace: (range) =>
        set((state) => ({ reveal: { range, nonce: (state.reveal?.nonce ?? 0) + 1 } })),
      clearReveal: () => set({ reveal: undefined }),
      focusControl: (path, statement) =>
        set((state) => ({
          focusRequest: {
            path,
            ...(statement !== undefined ? { statement } : {}),
            nonce: (state.focusRequest?.nonce ?? 0) + 1,
          },
          // On a narrow screen the control is in the choices pane.
          workspacePane: 'choices',
        })),
      setWorkspacePane: (workspacePane) => set({ workspacePane }),
      discardWork: (by, next) => {
        const { config, view, actions } = get();
        dropAllUnsavedFields();
        set((state) => ({
          discarded: { by, config, view },
          replacements: state.replacements + 1,
        }));
        actions.replaceConfig(next.config);
        actions.replaceView(next.view);
      },
      undoDiscard: () => {
        const { discarded, actions } = get();
        if (!discarded) return;
        actions.replaceConfig(discarded.config);
        actions.replaceView(discarded.view);
        set((state) => ({ discarded: undefined, replacements: state.replacements + 1 }));
      },
      setOtherTabChanged: (otherTabChanged) => set({ otherTabChanged }),
    },
  });
