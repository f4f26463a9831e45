/**
 * Monaco for a read-only JSON preview, loaded lazily by the Monaco reference page: the editor's
 * standard entry (every contribution; languages register lazily), with its workers bundled through
 * Vite `?worker` imports so they are served by the page's own origin. A leaner entry (the editor
 * API plus the JSON language and a few contributions) measured the same bytes and time here.
 */
import * as monaco from 'monaco-editor';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import JsonWorker from 'monaco-editor/language/json/json.worker?worker';
import referencePolicyText from 'virtual:reference-policy';

self.MonacoEnvironment = {
  getWorker: (_workerId: string, label: string) =>
    label === 'json' ? new JsonWorker() : new EditorWorker(),
};

/** Resolves once the editor has painted lines of the document, i.e. the reader sees it. */
function whenLinesPainted(container: HTMLElement, expected: string): Promise<void> {
  return new Promise((resolve) => {
    const check = () => {
      const lines = container.querySelector('.view-lines');
      if (lines?.textContent?.includes(expected)) resolve();
      else requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  });
}

/** Shows the reference policy read-only in `container`; returns the disposer. */
export async function showReferencePolicy(container: HTMLElement): Promise<() => void> {
  const model = monaco.editor.createModel(referencePolicyText, 'json');
  const editor = monaco.editor.create(container, {
    model,
    readOnly: true,
    automaticLayout: true,
    minimap: { enabled: false },
    folding: true,
    scrollBeyondLastLine: false,
  });
  await whenLinesPainted(container, '"Statement"');
  return () => {
    editor.dispose();
    model.dispose();
  };
}
