/**
 * A first visit (no link, nothing saved) opens on a first screen built into the page (see
 * `prerender.tsx`), usable before any of the app's scripts have run; the app then takes it over.
 * Any other visit must not show it, not even for a moment, since it would show the default
 * choices instead of the user's. So a small script in the page's head, run before the first
 * screen is parsed, marks the visit: `data-start="restore"` on <html> when the URL carries a
 * fragment or the browser holds work of the user, which hides the built screen until the app
 * draws the user's own. On a first visit it sets the colour scheme's class, as the app would,
 * so that a dark system theme does not flash light. The page's Content-Security-Policy allows
 * this one inline script by its SHA-256 hash (vite.config.ts).
 *
 * Read by the build (vite.config.ts) and by the page: no imports beyond a leaf module.
 */
import { WORK_KEYS } from '../../state/storage-keys.ts';

/** The attribute on <html> the head script sets, and its value for a visit that restores work. */
export const START_ATTRIBUTE = 'data-start';
export const RESTORE = 'restore';
/** The attribute on #root that says it holds the first screen built into the page. */
export const PRERENDERED_ATTRIBUTE = 'data-prerendered';

/** Hides the built first screen on a visit that restores work, until the app draws its own. */
export const HIDE_PRERENDERED_CSS = `html[${START_ATTRIBUTE}="${RESTORE}"] #root[${PRERENDERED_ATTRIBUTE}]{display:none}`;

/** The head script's text: plain ES5 with no dependencies, since it runs before everything. */
export function startModeScript(): string {
  return [
    '(function(){',
    'var root=document.documentElement,restore=location.hash.length>1;',
    `try{var keys=${JSON.stringify(WORK_KEYS)};`,
    'for(var i=0;i<keys.length;i++)if(localStorage.getItem(keys[i])!==null)restore=true}catch(e){}',
    `if(restore)root.setAttribute(${JSON.stringify(START_ATTRIBUTE)},${JSON.stringify(RESTORE)});`,
    "else root.classList.add(matchMedia('(prefers-color-scheme: dark)').matches?'dark':'light')",
    '})();',
  ].join('');
}

/** Whether the page holds the built first screen and this visit may take it over. */
export function canTakeOverFirstScreen(container: HTMLElement): boolean {
  return (
    container.hasAttribute(PRERENDERED_ATTRIBUTE) &&
    document.documentElement.getAttribute(START_ATTRIBUTE) !== RESTORE
  );
}
