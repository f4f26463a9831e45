/**
 * The policy as plain text on the first screen, before the preview panel and the editor arrive,
 * so that nobody waits for the editor to read the policy. A first visit does not even wait for
 * the engine: the page carries its policy (`first-policy.ts`). Other choices (a share link) have
 * their text generated in a worker, so that loading the engine does not hold up the form; where
 * no worker can start, the page loads the engine at once and generates it itself.
 */
import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { useEffect, useMemo, useState } from 'react';
import { flushSync } from 'react-dom';
import { markOnce } from '@/shared/instrumentation/performance-marks';
import { choicesCatalog } from '@/shared/catalog/choices-catalog';
import { previewTarget } from '@/shared/catalog/preview-target';
import { lazyModule } from '@/shared/react/lazy-module';
import { useBuilder } from '@/state/builder-store';
import { prerenderedPolicyFor } from '../first-policy';
import type * as PreviewPolicy from '@/state/preview-policy';
import type { FirstPolicyRequest, FirstPolicyResponse } from '../first-policy-generation';

/** The engine as the preview uses it; the preview panel imports the same module. */
const previewEngine = lazyModule<typeof PreviewPolicy>(() => import('@/state/preview-policy'));

export const loadPreviewEngine = previewEngine.load;

/**
 * Asks a worker for the text; calls `done` with it, or with undefined when the worker cannot
 * start or fails (the caller then generates the text in the page). Returns the cancel function.
 */
function generateInWorker(
  request: FirstPolicyRequest,
  done: (text: string | undefined) => void,
): () => void {
  if (typeof Worker === 'undefined') {
    done(undefined);
    return () => undefined;
  }
  let worker: Worker;
  try {
    worker = new Worker(new URL('../first-policy.worker.ts', import.meta.url), {
      type: 'module',
      name: 'first-policy',
    });
  } catch {
    done(undefined);
    return () => undefined;
  }
  let settled = false;
  const settle = (text: string | undefined) => {
    if (settled) return;
    settled = true;
    worker.terminate();
    done(text);
  };
  worker.addEventListener('message', (event: MessageEvent<FirstPolicyResponse>) =>
    settle('text' in event.data ? event.data.text : undefined),
  );
  worker.addEventListener('error', () => settle(undefined));
  worker.addEventListener('messageerror', () => settle(undefined));
  worker.postMessage(request);
  return () => {
    settled = true;
    worker.terminate();
  };
}

/**
 * `onShown` is called once the text is in the DOM (the page's own policy of a first visit, or the
 * engine's), or once the engine has loaded (with the note that no service is chosen).
 */
export function FirstPolicyText({ onShown }: { onShown?: () => void }) {
  const config = useBuilder((state) => state.config);
  const view = useBuilder((state) => state.view);
  const [loaded, setLoaded] = useState(previewEngine.loaded);
  const target = useMemo(() => previewTarget(config, view, choicesCatalog), [config, view]);
  const prerendered = target.service ? prerenderedPolicyFor(config, target) : undefined;
  const [generated, setGenerated] = useState<{ request: FirstPolicyRequest; text: string }>();
  const { service, region, format } = target;
  useEffect(() => {
    // The page's own text needs no engine: it loads when the browser is idle (see the layout).
    if (loaded || prerendered !== undefined) return;
    let active = true;
    // Rendered at once, not in a scheduled slice: the text is what the reader is waiting for.
    const inPage = () =>
      void loadPreviewEngine().then((module) => active && flushSync(() => setLoaded(module)));
    if (service === undefined) {
      inPage();
      return () => {
        active = false;
      };
    }
    const request: FirstPolicyRequest = { config, service, region, format };
    const cancel = generateInWorker(request, (text) => {
      if (!active) return;
      if (text === undefined) inPage();
      else flushSync(() => setGenerated({ request, text }));
    });
    return () => {
      active = false;
      cancel();
    };
  }, [loaded, prerendered, config, service, region, format]);
  const fromWorker =
    generated &&
    generated.request.config === config &&
    generated.request.service === service &&
    generated.request.region === region &&
    generated.request.format === format
      ? generated.text
      : undefined;
  // Before the engine: the policy the page was built with, when it is the one of these choices,
  // or the worker's text of them.
  const text =
    loaded && target.service
      ? loaded.previewPolicy(config, target.service, target.region, target.format).text
      : (prerendered ?? fromWorker);
  useEffect(() => {
    // After the form's own effect, which marks it usable: on a first visit both come with the
    // same commit. The engine's text is rendered with flushSync, whose effects run at once.
    if (text !== undefined) markOnce('vpce:policy-visible');
    if (loaded || text !== undefined) onShown?.();
  }, [text, loaded, onShown]);
  return (
    <Paper
      component="section"
      aria-label="Preview"
      sx={{
        p: 1.5,
        minWidth: 0,
        flex: { md: '1 1 auto' },
        minHeight: 0,
        display: 'flex',
        flexDirection: 'column',
      }}
    >
      {target.service && (
        <Typography variant="h2" sx={{ mb: 1 }}>
          Policy of {target.service}
          {target.region ? ` in ${target.region}` : ''}
        </Typography>
      )}
      {text === undefined ? (
        <Typography variant="body2" color="text.secondary" role="status">
          {target.service
            ? 'Preparing the policy…'
            : 'Choose an endpoint service to see its policy.'}
        </Typography>
      ) : (
        <Box
          component="pre"
          aria-label="Policy text"
          role="region"
          tabIndex={0}
          sx={{
            m: 0,
            p: 1,
            fontSize: 13,
            lineHeight: 1.45,
            overflow: 'auto',
            flex: '1 1 0',
            minHeight: 300,
            height: { xs: 'calc(100dvh - 170px)', md: 'auto' },
            border: 1,
            borderColor: 'divider',
            borderRadius: 1,
          }}
        >
          {text}
        </Box>
      )}
    </Paper>
  );
}
