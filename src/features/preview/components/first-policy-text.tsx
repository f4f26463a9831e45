/**
 * The policy as plain text on the first screen, before the preview panel and the editor arrive:
 * it loads only the engine, generates the previewed policy (the same memoized result the panel
 * will show) and puts it on screen, so that nobody waits for the editor to read the policy. A
 * first visit does not even wait for the engine: the page carries its policy (`first-policy.ts`).
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

/** The engine as the preview uses it; the preview panel imports the same module. */
const previewEngine = lazyModule<typeof PreviewPolicy>(() => import('@/state/preview-policy'));

export const loadPreviewEngine = previewEngine.load;

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
  useEffect(() => {
    // The page's own text needs no engine: it loads when the browser is idle (see the layout).
    if (loaded || prerendered !== undefined) return;
    let active = true;
    // Rendered at once, not in a scheduled slice: the text is what the reader is waiting for.
    void loadPreviewEngine().then((module) => active && flushSync(() => setLoaded(module)));
    return () => {
      active = false;
    };
  }, [loaded, prerendered]);
  // Before the engine: the policy the page was built with, when it is the one of these choices.
  const text =
    loaded && target.service
      ? loaded.previewPolicy(config, target.service, target.region, target.format).text
      : prerendered;
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
