import { describe, expect, it } from 'vitest';
import { validateConfigValue } from '@/core/config/parse';
import type { PerimeterConfigDocument } from '@/core/config/schema';
import { encodeConfigForUrl } from '@/core/config/share';
import { createBuilderStore } from './builder-store';
import { defaultConfig } from './defaults';
import { MemoryStorage } from './memory-storage.testing';
import { BEFORE_LINK_KEY, connectPersistence, readRejected, STATE_KEY } from './persistence';
import { LINK_CHECK_NOTICE } from './session-slice';
import { isRenderableConfig, planStartup } from './startup';
import { completeStartup, openStoredChoices } from './startup-checks';
import { testConfig, testRegionCode, testServiceId } from '@/core/catalog/ids.testing';

const chosen: PerimeterConfigDocument = {
  version: 1,
  organizationIds: ['o-a1b2c3d4e5'],
  regions: ['us-east-1', 'eu-west-1'],
  services: ['s3', 'ec2'],
};

async function start(fragment: string, storage: MemoryStorage) {
  const plan = await planStartup(fragment, storage);
  const store = createBuilderStore(plan.init);
  const firstScreen = store.getState().config;
  completeStartup(store, plan, validateConfigValue, storage);
  return { plan, store, firstScreen };
}

function saved(config: unknown, view: unknown = { themeMode: 'dark' }): string {
  return JSON.stringify({ format: 1, config, view });
}

describe('startup', () => {
  it('opens with the defaults on a first visit', async () => {
    const { store, plan } = await start('', new MemoryStorage());
    expect(plan.pending).toBeUndefined();
    expect(store.getState().config).toEqual(defaultConfig());
    expect(store.getState().notices).toEqual([]);
    expect(store.getState().restoreStatus).toBe('ready');
  });

  it('keeps choices across a reload', async () => {
    const storage = new MemoryStorage();
    const first = createBuilderStore();
    connectPersistence(first, storage);
    first.getState().actions.setServices([testServiceId('ec2')]);
    first.getState().actions.setThemeMode('dark');
    const { store, firstScreen } = await start('', storage);
    expect(firstScreen.services).toEqual(['ec2']);
    expect(store.getState().config.services).toEqual(['ec2']);
    expect(store.getState().view.themeMode).toBe('dark');
    expect(store.getState().notices).toEqual([]);
  });

  it('shows saved choices before validation and keeps them when they are valid', async () => {
    const storage = new MemoryStorage();
    storage.setItem(STATE_KEY, saved(chosen));
    const { store, firstScreen, plan } = await start('', storage);
    expect(plan.init.restoreStatus).toBe('checking');
    expect(firstScreen).toEqual(chosen);
    expect(store.getState().config).toEqual(chosen);
    expect(store.getState().restoreStatus).toBe('ready');
  });

  it('replaces a saved state that is not JSON by the defaults, with a message, keeping the text', async () => {
    const storage = new MemoryStorage();
    storage.setItem(STATE_KEY, '{"format":1,"config":{"version":1,');
    const { store } = await start('', storage);
    expect(store.getState().config).toEqual(defaultConfig());
    const [notice] = store.getState().notices;
    expect(notice?.severity).toBe('error');
    expect(notice?.title).toMatch(/saved choices could not be read/);
    expect(notice?.details.join(' ')).toMatch(/not valid JSON/);
    expect(readRejected(storage)?.text).toBe('{"format":1,"config":{"version":1,');
    expect(JSON.parse(storage.getItem(STATE_KEY)!).config).toEqual(defaultConfig());
  });

  it('rejects a saved configuration the engine finds invalid, naming the field', async () => {
    const storage = new MemoryStorage();
    const text = saved({ ...chosen, organizationIds: ['o-BAD'] });
    storage.setItem(STATE_KEY, text);
    const { store, firstScreen } = await start('', storage);
    expect(firstScreen.organizationIds).toEqual(['o-BAD']);
    expect(store.getState().config).toEqual(defaultConfig());
    expect(store.getState().notices[0]?.details.join(' ')).toMatch(/organizationIds\[0\]/);
    expect(readRejected(storage)).toMatchObject({ source: 'saved', text });
  });

  it('does not render a value of the wrong shape, but still reports it', async () => {
    const storage = new MemoryStorage();
    storage.setItem(
      STATE_KEY,
      saved({ version: 1, organizationIds: 'o-a1b2c3d4e5', regions: [], services: [] }),
    );
    const { store, firstScreen } = await start('', storage);
    expect(firstScreen).toEqual(defaultConfig());
    expect(store.getState().notices[0]?.details.join(' ')).toMatch(
      /organizationIds should be a list/,
    );
  });

  it('opens a share link, saves it and can go back to the previous choices', async () => {
    const storage = new MemoryStorage();
    storage.setItem(STATE_KEY, saved(defaultConfig()));
    const { store, plan, firstScreen } = await start(
      `#${encodeConfigForUrl(testConfig(chosen))}`,
      storage,
    );
    expect(plan.fromLink).toBe(true);
    expect(firstScreen).toEqual(chosen);
    expect(store.getState().config).toEqual(chosen);
    expect(JSON.parse(storage.getItem(STATE_KEY)!).config).toEqual(chosen);
    const notice = store.getState().notices[0];
    expect(notice?.severity).toBe('success');
    expect(notice?.actions.map((a) => a.kind)).toEqual(['undo-link']);
    expect(openStoredChoices(store, storage, BEFORE_LINK_KEY, validateConfigValue)).toBe(true);
    expect(store.getState().config).toEqual(defaultConfig());
  });

  it('opens a damaged link with the defaults and a message, leaving the saved choices alone', async () => {
    const storage = new MemoryStorage();
    const savedText = saved(chosen);
    storage.setItem(STATE_KEY, savedText);
    const link = encodeConfigForUrl(testConfig(chosen));
    const { store } = await start(`#${link.slice(0, link.length - 10)}`, storage);
    expect(store.getState().config).toEqual(defaultConfig());
    const notice = store.getState().notices[0];
    expect(notice?.title).toMatch(/shared link could not be opened/);
    expect(notice?.details.join(' ')).toMatch(/damaged/);
    expect(notice?.actions.map((a) => a.kind)).toEqual(['save-rejected', 'open-saved']);
    expect(storage.getItem(STATE_KEY)).toBe(savedText);
    expect(openStoredChoices(store, storage, STATE_KEY, validateConfigValue)).toBe(true);
    expect(store.getState().config).toEqual(chosen);
  });

  it('rejects a link whose configuration is invalid', async () => {
    const storage = new MemoryStorage();
    const { store } = await start(
      `#${encodeConfigForUrl(testConfig({ ...chosen, services: [testServiceId('s3'), testServiceId('not-a-service')] }))}`,
      storage,
    );
    expect(store.getState().config).toEqual(defaultConfig());
    expect(store.getState().notices[0]?.details.join(' ')).toMatch(/not-a-service/);
    expect(readRejected(storage)?.source).toBe('link');
  });

  it("shows a link's check from the first screen and replaces it by the outcome, valid or not", async () => {
    const link = encodeConfigForUrl(testConfig(chosen));
    const invalid = encodeConfigForUrl(
      testConfig({ ...chosen, services: [testServiceId('not-a-service')] }),
    );
    const outcomes = [
      [`#${link}`, 'success'],
      [`#${link.slice(0, link.length - 10)}`, 'error'],
      [`#${invalid}`, 'error'],
    ] as const;
    for (const [fragment, severity] of outcomes) {
      const { plan, store } = await start(fragment, new MemoryStorage());
      expect(plan.init.notices).toEqual([LINK_CHECK_NOTICE]);
      const notices = store.getState().notices;
      expect(notices, fragment.slice(0, 20)).toHaveLength(1);
      expect(notices[0]?.busy).toBeUndefined();
      expect(notices[0]?.severity).toBe(severity);
    }
    // Saved choices are checked too, but no message follows when they are valid: none is shown.
    const storage = new MemoryStorage();
    storage.setItem(STATE_KEY, saved(chosen));
    expect((await planStartup('', storage)).init.notices).toEqual([]);
  });

  it('validates what the user changed while the validator loaded', async () => {
    const storage = new MemoryStorage();
    storage.setItem(STATE_KEY, saved(chosen));
    const plan = await planStartup('', storage);
    const store = createBuilderStore(plan.init);
    store.getState().actions.setRegions([testRegionCode('eu-west-1')]);
    completeStartup(store, plan, validateConfigValue, storage);
    expect(store.getState().config.regions).toEqual(['eu-west-1']);
  });
});

describe('isRenderableConfig', () => {
  it('accepts configurations and refuses values the first screen cannot show', async () => {
    expect(isRenderableConfig(chosen)).toBe(true);
    expect(
      isRenderableConfig({ ...chosen, statements: { AllowRequestsByAWSServicePrincipals: 'no' } }),
    ).toBe(false);
    expect(isRenderableConfig({ ...chosen, serviceStatements: { s3: [] } })).toBe(false);
    expect(isRenderableConfig({ ...chosen, version: 2 })).toBe(false);
    expect(isRenderableConfig(null)).toBe(false);
    expect(isRenderableConfig([])).toBe(false);
  });
});
