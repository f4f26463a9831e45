/** How the request that needs a resource reaches the endpoint, in words. */
import type { ReachedBy } from '@/core/catalog/schema';

export const REACHED_BY_TEXT: Record<ReachedBy, string> = {
  unauthenticated: 'Unsigned requests (no credentials), e.g. package managers',
  'presigned-url': 'Presigned URLs that an AWS service hands out',
  'service-role': 'Roles and instance profiles that an AWS service gives our resources',
  'forward-access-session': 'An AWS service acting for us (forward access sessions)',
  'org-identities': 'Our own identities',
  unknown: 'Not documented',
};
