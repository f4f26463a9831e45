/**
 * "Show in policy": switches the preview to the policy of an endpoint (its service tab, and its
 * region when each region has a policy of its own) and highlights a statement of it; while the
 * simulator tests the user's own text, it selects the statement with that Sid in the editor.
 * On a narrow screen it brings the policy pane forward, unless `stay` asks to keep the pane
 * shown (the preview only follows a request opened in the simulator). Returns why it cannot, in
 * words, when it cannot.
 */
import { useCallback } from 'react';
import { catalog } from '@/core/catalog/catalog';
import { canonicalServices } from '@/core/generate/selection';
import { useBuilderActions, useBuilderStoreApi } from '@/state/builder-store';
import type { EndpointChoice } from '../simulation';

export type ShowInPolicy = (
  endpoint: EndpointChoice | 'own-text',
  sid: string | undefined,
  options?: { stay?: boolean },
) => string | undefined;

export function useShowInPolicy(): ShowInPolicy {
  const store = useBuilderStoreApi();
  const { revealStatement, clearReveal, setPreviewService, setPreviewRegion, setWorkspacePane } =
    useBuilderActions();
  return useCallback<ShowInPolicy>(
    (endpoint, sid, options) => {
      if (endpoint === 'own-text') {
        if (sid !== undefined) revealStatement(sid);
        // On a narrow screen the policy is a pane of its own: show it.
        if (!options?.stay) setWorkspacePane('policy');
        return undefined;
      }
      const state = store.getState();
      if (state.policyEditor.mode === 'edit')
        return 'The preview shows your own policy text; switch it back to the generated policy to see this statement.';
      const shown = canonicalServices(state.config.services, catalog).find(
        (id) => id === endpoint.service,
      );
      if (shown === undefined)
        return `The preview shows the selected services only; select ${endpoint.service} to see its policy.`;
      setPreviewService(shown);
      if (endpoint.region !== undefined) setPreviewRegion(endpoint.region);
      if (sid !== undefined) revealStatement(sid);
      else clearReveal();
      if (!options?.stay) setWorkspacePane('policy');
      return undefined;
    },
    [store, revealStatement, clearReveal, setPreviewService, setPreviewRegion, setWorkspacePane],
  );
}
