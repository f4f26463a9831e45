import { describe, expect, it } from 'vitest';
import { validateConfigValue } from '@/core/config/parse';
import { decodeConfigFromUrl, encodeConfigForUrl } from '@/core/config/share';
import { perimeterScenarios, savedRequestOf } from '@/core/evaluate/scenarios';
import { createBuilderStore } from '@/state/builder-store';
import { MemoryStorage } from '@/state/memory-storage.testing';
import { connectPersistence } from '@/state/persistence';
import { planStartup } from '@/state/startup';
import { completeStartup } from '@/state/startup-checks';
import { testConfig, testRegionCode, testServiceId } from '@/core/catalog/ids.testing';

const suite = perimeterScenarios({
  version: 1,
  organizationIds: ['o-a1b2c3d4e5'],
  regions: [testRegionCode('us-east-1')],
  services: [testServiceId('s3')],
})
  .slice(0, 2)
  .map(savedRequestOf);

describe('the saved suite travels with the configuration', () => {
  it('is placed by the store, and an empty suite leaves no field behind', () => {
    const store = createBuilderStore();
    store.getState().actions.setSavedRequests(suite);
    expect(store.getState().config.savedRequests).toEqual(suite);
    store.getState().actions.setSavedRequests([]);
    expect('savedRequests' in store.getState().config).toBe(false);
  });

  it('is saved in the browser and restored (and validated) on the next visit', async () => {
    const storage = new MemoryStorage();
    const store = createBuilderStore();
    connectPersistence(store, storage);
    store.getState().actions.setSavedRequests(suite);

    const plan = await planStartup('', storage);
    const next = createBuilderStore(plan.init);
    completeStartup(next, plan, validateConfigValue, storage);
    expect(next.getState().restoreStatus).toBe('ready');
    expect(next.getState().config.savedRequests).toEqual(suite);
  });

  it('is carried by a share link', async () => {
    const config = {
      version: 1 as const,
      organizationIds: ['o-a1b2c3d4e5'],
      regions: ['us-east-1'],
      services: ['s3'],
      savedRequests: suite,
    };
    const decoded = await decodeConfigFromUrl(encodeConfigForUrl(testConfig(config)));
    expect(decoded.config?.savedRequests).toEqual(suite);
  });
});
