/**
 * Build time only (vite.config.ts runs it through Vite's module loader): the first screen of a
 * first visit as HTML, with the styles it uses, so that a newcomer can read and use the form
 * before the app's scripts have run. The app then takes this markup over (`hydrateRoot` in
 * main.tsx) instead of drawing it again. It is rendered from the same tree and the same defaults
 * as the page's own first render, so the two agree; input given before the takeover is passed
 * on to the app (`early-input.ts`).
 */
import createCache, { type EmotionCache } from '@emotion/cache';
import { CacheProvider } from '@emotion/react';
import createEmotionServer from '@emotion/server/create-instance';
import { renderToString } from 'react-dom/server';
import {
  prerenderFirstPolicy,
  firstPolicyScriptContent,
} from '@/features/preview/prerender-first-policy';
import { providePrerenderedPolicy } from '@/features/preview/first-policy';
import { defaultConfig, defaultView } from '@/state/defaults';
import { createBuilderStore } from '@/state/builder-store';
import { memoryStorage } from '@/state/persistence';
import { defaultPolicyEditor } from '@/state/policy-editor-slice';
import { AppRoot } from '../app-root';
import type { AppStart } from '../bootstrap';

export interface FirstScreen {
  /** The markup of #root. */
  html: string;
  /** `<style data-emotion=…>` elements for the head: the styles the markup uses. */
  styleTags: string;
  /** The JSON of `<script type="application/json" id="first-policy">`, if there is a policy. */
  firstPolicyJson?: string;
}

/** The start of a first visit: the defaults, nothing saved; the server has no storage. */
function firstVisitStart(): AppStart {
  return {
    store: createBuilderStore({
      config: defaultConfig(),
      view: defaultView(),
      notices: [],
      restoreStatus: 'ready',
      policyEditor: defaultPolicyEditor(),
    }),
    storage: memoryStorage(),
    finishStartup: () => Promise.resolve(),
    firstVisit: true,
  };
}

type Chunks = ReturnType<ReturnType<typeof createEmotionServer>['extractCriticalToChunks']>;

/**
 * The styles of the layers a component is composed of (an AppBar is a Paper, a Button a
 * ButtonBase) get class names of their own that never reach the markup: the outermost layer's
 * class merges them. Emotion's extraction keeps only the classes the markup uses, so the page's
 * style cache, on taking the markup over, would compile and insert each of those layers' styles
 * again (about 90 rules in the takeover's commit, none of them used by the page). They are
 * added to the page's regular style element, so that the cache adopts them as already inserted.
 */
function withComposedLayers(chunks: Chunks, cache: EmotionCache): Chunks {
  const styles = chunks.styles.map((chunk) => ({ ...chunk, ids: [...chunk.ids] }));
  const regular = styles.find((chunk) => chunk.key === cache.key);
  if (!regular) return chunks;
  const listed = new Set(styles.flatMap((chunk) => chunk.ids));
  for (const [id, css] of Object.entries(cache.inserted)) {
    if (listed.has(id) || typeof css !== 'string') continue;
    if (cache.registered[`${cache.key}-${id}`] === undefined) continue;
    regular.ids.push(id);
    regular.css += css;
  }
  return { ...chunks, styles };
}

export function prerenderFirstScreen(): FirstScreen {
  const first = prerenderFirstPolicy();
  providePrerenderedPolicy(first);
  // The key is emotion's default, so that the page's own style cache adopts these styles.
  const cache = createCache({ key: 'css' });
  const emotion = createEmotionServer(cache);
  const html = renderToString(
    <CacheProvider value={cache}>
      <AppRoot start={firstVisitStart()} />
    </CacheProvider>,
  );
  const chunks = emotion.extractCriticalToChunks(html);
  return {
    html: chunks.html,
    styleTags: emotion.constructStyleTagsFromChunks(withComposedLayers(chunks, cache)),
    ...(first ? { firstPolicyJson: firstPolicyScriptContent(first) } : {}),
  };
}
