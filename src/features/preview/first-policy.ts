/**
 * The policy of a first visit, put in the page at build time (`<script type="application/json"
 * id="first-policy">`, see vite.config.ts) so that a newcomer reads it with the form, before the
 * engine has loaded. It is used only for the choices it was generated for: the key names the
 * configuration and the policy shown.
 */
import type { PerimeterConfig } from '@/core/config/schema';
import type { PreviewTarget } from '@/shared/catalog/preview-target';

export interface FirstPolicy {
  key: string;
  text: string;
}

export const FIRST_POLICY_ELEMENT_ID = 'first-policy';

/** What the text depends on: the whole configuration, and which policy of it is shown. */
export function firstPolicyKey(
  config: PerimeterConfig,
  target: Pick<PreviewTarget, 'service' | 'region' | 'format'>,
): string {
  return JSON.stringify([config, target.service ?? null, target.region ?? null, target.format]);
}

let read: FirstPolicy | null | undefined;

/** The policy the page was built with, if it has one (read once; anything malformed is ignored). */
export function prerenderedPolicy(): FirstPolicy | undefined {
  if (read === undefined) {
    read = null;
    try {
      const json = document.getElementById(FIRST_POLICY_ELEMENT_ID)?.textContent;
      const value: unknown = json ? JSON.parse(json) : undefined;
      if (
        typeof value === 'object' &&
        value !== null &&
        typeof (value as FirstPolicy).key === 'string' &&
        typeof (value as FirstPolicy).text === 'string'
      )
        read = { key: (value as FirstPolicy).key, text: (value as FirstPolicy).text };
    } catch {
      read = null;
    }
  }
  return read ?? undefined;
}

/** Build time: the first screen is rendered where there is no page to read the policy from. */
export function providePrerenderedPolicy(first: FirstPolicy | undefined): void {
  read = first ?? null;
}

/** The prerendered text when it is the policy of these choices. */
export function prerenderedPolicyFor(
  config: PerimeterConfig,
  target: Pick<PreviewTarget, 'service' | 'region' | 'format'>,
): string | undefined {
  const first = prerenderedPolicy();
  return first && first.key === firstPolicyKey(config, target) ? first.text : undefined;
}
