/**
 * The user's own policy text: whether the preview shows the generated policy or the text the user
 * edits, and that text (started from a generated policy, or imported from a file or a paste). The
 * text is the user's work, so it is kept here and saved; its diagnostics are derived from it.
 */
import type { SliceCreator } from './slice';

/** `preview`: the generated policy; `edit`: the user's draft, with its diagnostics. */
export type PolicyMode = 'preview' | 'edit';

/** Where a draft's text came from, for the heading and for the options of its validation. */
export type DraftOrigin =
  | {
      kind: 'generated';
      /** The endpoint service whose generated policy the text started from. */
      service: string;
      /** The regions of the configuration (or the one region) the policy was generated for. */
      regions: string[];
    }
  | { kind: 'file'; name: string }
  | { kind: 'pasted' };

export interface PolicyDraft {
  /** The policy text exactly as the user left it, possibly broken JSON. */
  text: string;
  origin: DraftOrigin;
}

/** A draft too large to be worth the browser's storage, or a storage that refused it. */
export type DraftNotSaved = { reason: 'too-large'; characters: number } | { reason: 'refused' };

export interface PolicyEditorPreferences {
  mode: PolicyMode;
  /** Undefined until the user edits or imports a policy. */
  draft?: PolicyDraft;
}

export interface PolicyEditorState {
  /** Saved in the browser (see `policy-draft-persistence.ts`). */
  policyEditor: PolicyEditorPreferences;
  /** The draft that the last import or restart replaced, so that it can be brought back; saved with the draft. */
  replacedDraft?: PolicyDraft;
  /** Whether the import area is open in edit mode; not saved. */
  importOpen: boolean;
  /** Why the draft could not be saved in the browser the last time, if it could not; not saved. */
  draftNotSaved?: DraftNotSaved;
}

export interface PolicyEditorActions {
  /** Shows the draft; starts one from `start` when there is none yet. */
  editPolicy(start: PolicyDraft): void;
  /** Shows the generated policy; the draft stays for later. */
  showGeneratedPolicy(): void;
  setDraftText(text: string): void;
  /** Puts a new text in place of the draft (import, start again); the old one can be restored once. */
  replaceDraft(draft: PolicyDraft): void;
  restoreReplacedDraft(): void;
  setImportOpen(open: boolean): void;
  setDraftNotSaved(reason: DraftNotSaved | undefined): void;
}

export type PolicyEditorSlice = PolicyEditorState & { actions: PolicyEditorActions };

export function defaultPolicyEditor(): PolicyEditorPreferences {
  return { mode: 'preview' };
}

export const createPolicyEditorSlice =
  (initial: PolicyEditorPreferences, replaced?: PolicyDraft): SliceCreator<PolicyEditorSlice> =>
  (set) => ({
    policyEditor: initial,
    ...(replaced ? { replacedDraft: replaced } : {}),
    importOpen: false,
    actions: {
      editPolicy: (start) =>
        set((state) => ({
          policyEditor: { mode: 'edit', draft: state.policyEditor.draft ?? start },
        })),
      showGeneratedPolicy: () =>
        set((state) => ({
          policyEditor: { ...state.policyEditor, mode: 'preview' },
          importOpen: false,
        })),
      setDraftText: (text) =>
        set((state) => {
          const draft = state.policyEditor.draft;
          if (draft?.text === text) return {};
          // Typing into nothing (the import area's editor before any draft) starts a pasted draft.
          return {
            policyEditor: {
              ...state.policyEditor,
              draft: { origin: draft?.origin ?? { kind: 'pasted' }, text },
            },
          };
        }),
      replaceDraft: (draft) =>
        set((state) => {
          const previous = state.policyEditor.draft;
          // Replacing a text by the same text would lose the undo of the real replacement.
          const keep = previous && previous.text !== draft.text ? previous : state.replacedDraft;
          return { policyEditor: { mode: 'edit', draft }, replacedDraft: keep };
        }),
      restoreReplacedDraft: () =>
        set((state) =>
          state.replacedDraft
            ? {
                policyEditor: { mode: 'edit', draft: state.replacedDraft },
                replacedDraft: undefined,
              }
            : {},
        ),
      setImportOpen: (importOpen) => set({ importOpen }),
      setDraftNotSaved: (draftNotSaved) => set({ draftNotSaved }),
    },
  });
