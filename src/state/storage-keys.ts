/**
 * The names under which the page keeps the user's work in localStorage. A leaf module: the build
 * reads it too, to tell a first visit (none of them present) from a returning one before the
 * page's scripts run (see `src/app/first-screen/start-mode.ts`).
 */

/** The saved choices and view. */
export const STATE_KEY = 'vpce-policy:state';
/** The last value that could not be used (corrupted save or damaged link), kept for the user. */
export const REJECTED_KEY = 'vpce-policy:rejected';
/** The saved choices that a shared link replaced, so that opening a link can be undone. */
export const BEFORE_LINK_KEY = 'vpce-policy:before-link';
/** The editor mode and the user's policy text. */
export const DRAFT_KEY = 'vpce-policy:policy-draft';

/** What the user typed into a choice field that the engine has not accepted yet. */
export const UNSAVED_FIELDS_KEY = 'vpce-policy:unsaved-fields';

/** Every key that holds work of the user: any of them present means this is not a first visit. */
export const WORK_KEYS = [
  STATE_KEY,
  REJECTED_KEY,
  BEFORE_LINK_KEY,
  DRAFT_KEY,
  UNSAVED_FIELDS_KEY,
] as const;
