import { startTransition } from 'react';
import { createRoot, hydrateRoot } from 'react-dom/client';
import { loadPreviewEngine } from '@/features/preview/components/first-policy-text';
import { AppRoot } from '@/app/app-root';
import { startApp } from '@/app/bootstrap';
import { passOnEarlyInput } from '@/app/first-screen/early-input';
import { canTakeOverFirstScreen, PRERENDERED_ATTRIBUTE } from '@/app/first-screen/start-mode';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
// No top-level await: it would turn off the bundler's merging of shared chunks.
void startApp().then((start) => {
  if (start.firstVisit && canTakeOverFirstScreen(root)) {
    // The first screen built into the page is this visit's: the app takes it over as it is, and
    // what the user did to it before (typed, ticked) is passed on once the handlers are attached.
    let passed = false;
    const afterFirstCommit = () => {
      if (passed) return;
      passed = true;
      passOnEarlyInput(root);
    };
    // In a transition, taking over yields to the browser every few milliseconds, so the screen
    // already drawn keeps answering clicks and keys meanwhile (React replays them afterwards).
    startTransition(() => {
      hydrateRoot(root, <AppRoot start={{ ...start, afterFirstCommit }} />, {
        onRecoverableError: (error) => console.error('The first screen was drawn again:', error),
      });
    });
  } else {
    // Not a first visit (or the page has no built screen): the app draws the user's own at once,
    // in one task of about 50 ms, before which the page has no form to click. Drawn in a
    // transition instead, in slices between which the browser handled the engine's files, the
    // fields came later (share link, 12 interleaved loads each: trial click 362 -> 297 ms, the
    // bare form's 234 ms; blocking time 78 -> 82 ms). The engine that generates the policy text
    // loads meanwhile (14 interleaved loads each: text 522 -> 408 ms median against a worker
    // started after the drawing).
    void loadPreviewEngine();
    root.replaceChildren();
    createRoot(root).render(<AppRoot start={start} />);
  }
  root.removeAttribute(PRERENDERED_ATTRIBUTE);
});
