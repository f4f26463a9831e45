/**
 * What belongs to this visit only and is never saved: messages for the user, whether the saved
 * or linked choices have been checked yet, and requests to reveal a statement in the preview.
 */
import type { SliceCreator } from './slice';

export type NoticeSeverity = 'error' | 'warning' | 'info' | 'success';

/** Something the user can do from a notice; the app decides how each kind is carried out. */
export type NoticeAction =
  | { kind: 'undo-link'; label: string }
  | { kind: 'save-rejected'; label: string }
  | { kind: 'open-saved'; label: string };

export interface Notice {
  id: string;
  severity: NoticeSeverity;
  title: string;
  /** Details, one per line (e.g. the diagnostics of a rejected configuration). */
  details: string[];
  actions: NoticeAction[];
}

/** `checking` while saved or linked choices are shown but not yet validated by the engine. */
export type RestoreStatus = 'checking' | 'ready';

export interface RevealRequest {
  /** The Sid of the statement to reveal in the policy of the previewed service. */
  sid: string;
  /** Changes on every request, so that asking twice for the same Sid reveals it again. */
  nonce: number;
}

export interface SessionState {
  /** Messages shown above the builder until dismissed. */
  notices: Notice[];
  restoreStatus: RestoreStatus;
  /** The statement the user asked to see in the preview (from the explanations panel). */
  reveal?: RevealRequest;
}

export interface SessionActions {
  pushNotice(
    notice: Omit<Notice, 'id' | 'details' | 'actions'> &
      Partial<Pick<Notice, 'id' | 'details' | 'actions'>>,
  ): string;
  dismissNotice(id: string): void;
  setRestoreStatus(status: RestoreStatus): void;
  revealStatement(sid: string): void;
  /** Removes the highlight of the last revealed statement (e.g. a verdict that no statement decides). */
  clearReveal(): void;
}

export type SessionSlice = SessionState & { actions: SessionActions };

let noticeCounter = 0;

export const createSessionSlice =
  (initial: { notices?: Notice[]; restoreStatus: RestoreStatus }): SliceCreator<SessionSlice> =>
  (set) => ({
    notices: initial.notices ?? [],
    restoreStatus: initial.restoreStatus,
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
      clearReveal: () => set({ reveal: undefined }),
    },
  });
