import { describe, expect, it } from 'vitest';
import { createBuilderStore } from './builder-store';
import { takeChoiceChange } from './choice-change-clock';
import { defaultConfig } from './defaults';
import { testPatternId, testRegionCode, testServiceId } from '@/core/catalog/ids.testing';

describe('config slice', () => {
  it('starts from the defaults and keeps the actions stable', () => {
    const store = createBuilderStore();
    const actions = store.getState().actions;
    expect(store.getState().config).toEqual(defaultConfig());
    store.getState().actions.setRegions([testRegionCode('eu-west-1')]);
    expect(store.getState().actions).toBe(actions);
  });

  it('places services, regions and organization ids', () => {
    const store = createBuilderStore();
    const { setServices, setRegions, setOrganizationIds } = store.getState().actions;
    setServices([testServiceId('s3'), testServiceId('ec2')]);
    setRegions([testRegionCode('us-east-1'), testRegionCode('eu-west-1')]);
    setOrganizationIds(['o-a1b2c3d4e5']);
    expect(store.getState().config).toEqual({
      version: 1,
      organizationIds: ['o-a1b2c3d4e5'],
      regions: ['us-east-1', 'eu-west-1'],
      services: ['s3', 'ec2'],
    });
  });

  it('sets statement toggles globally or per service and removes them when they return to the template', () => {
    const store = createBuilderStore();
    const { setStatementToggle } = store.getState().actions;
    setStatementToggle('AllowRequestsToAWSOwnedResources', false);
    setStatementToggle('AllowRequestsByAWSServicePrincipals', false, testServiceId('s3'));
    expect(store.getState().config.statements).toEqual({ AllowRequestsToAWSOwnedResources: false });
    expect(store.getState().config.serviceStatements).toEqual({
      s3: { AllowRequestsByAWSServicePrincipals: false },
    });
    setStatementToggle('AllowRequestsToAWSOwnedResources', undefined);
    setStatementToggle('AllowRequestsByAWSServicePrincipals', undefined, testServiceId('s3'));
    expect(store.getState().config).toEqual(defaultConfig());
  });

  it('keeps parameters minimal: empty lists and blocks disappear', () => {
    const store = createBuilderStore();
    const {
      setThirdPartyList,
      setTableAccounts,
      setLambdaLayerAccounts,
      setExclusionTag,
      setPatternToggle,
    } = store.getState().actions;
    setThirdPartyList('orgIdentitiesToThirdPartyResources', 'accounts', ['111122223333']);
    setTableAccounts('glue-studio-transforms', testRegionCode('us-east-1'), ['510798373988']);
    setTableAccounts('eks-add-ons', testRegionCode('eu-west-1'), ['111122223333', '444455556666']);
    setLambdaLayerAccounts(['580247275435']);
    setExclusionTag({ key: 'team:exempt', value: 'yes' });
    setPatternToggle(testPatternId('cloud9-dependencies'), true);
    expect(store.getState().config.parameters).toEqual({
      orgIdentitiesToThirdPartyResources: { accounts: ['111122223333'] },
      accountIds: {
        'glue-studio-transforms': { 'us-east-1': '510798373988' },
        'eks-add-ons': { 'eu-west-1': ['111122223333', '444455556666'] },
      },
      lambdaLayerAccounts: ['580247275435'],
      exclusionTag: { key: 'team:exempt', value: 'yes' },
    });
    setThirdPartyList('orgIdentitiesToThirdPartyResources', 'accounts', []);
    setTableAccounts('glue-studio-transforms', testRegionCode('us-east-1'), []);
    setTableAccounts('eks-add-ons', testRegionCode('eu-west-1'), []);
    setLambdaLayerAccounts([]);
    setExclusionTag(undefined);
    setPatternToggle(testPatternId('cloud9-dependencies'), undefined);
    expect(store.getState().config).toEqual(defaultConfig());
  });

  it('sets and clears the output shape and format', () => {
    const store = createBuilderStore();
    const { setOutput } = store.getState().actions;
    setOutput({ shape: 'per-region' });
    setOutput({ format: 'minified' });
    expect(store.getState().config.output).toEqual({ shape: 'per-region', format: 'minified' });
    setOutput({ shape: undefined, format: undefined });
    expect(store.getState().config.output).toBeUndefined();
  });

  it('notes the time of a change for the preview-update measure, but not of a restore', () => {
    const store = createBuilderStore();
    takeChoiceChange();
    store.getState().actions.restoreConfig(defaultConfig());
    expect(takeChoiceChange()).toBeUndefined();
    store.getState().actions.setRegions([testRegionCode('eu-west-1')]);
    expect(takeChoiceChange()).toBeTypeOf('number');
    expect(takeChoiceChange()).toBeUndefined();
  });

  it('applies a suggested fix given as config edits, as one change', () => {
    const store = createBuilderStore();
    const changes: unknown[] = [];
    store.subscribe((state) => changes.push(state.config));
    store.getState().actions.applyConfigEdits([
      { kind: 'pattern', patternId: testPatternId('lambda-deployment-packages'), enabled: true },
      { kind: 'organization-accounts', add: ['111122223333'] },
    ]);
    expect(changes).toHaveLength(1);
    expect(store.getState().config).toEqual({
      ...defaultConfig(),
      dataAccessPatterns: { 'lambda-deployment-packages': true },
      organizationAccounts: ['111122223333'],
    });
  });

  it('resets to the defaults', () => {
    const store = createBuilderStore({
      config: {
        version: 1,
        organizationIds: ['o-a1b2c3d4e5'],
        regions: [],
        services: [testServiceId('ec2')],
      },
    });
    store.getState().actions.resetConfig();
    expect(store.getState().config).toEqual(defaultConfig());
  });
});

describe('view and session slices', () => {
  it('changes the view and keeps the theme on reset', () => {
    const store = createBuilderStore();
    const { setPreviewService, setPreviewRegion, setThemeMode, resetView } =
      store.getState().actions;
    setPreviewService('ec2');
    setPreviewRegion('eu-west-1');
    setThemeMode('dark');
    expect(store.getState().view).toMatchObject({
      previewService: 'ec2',
      previewRegion: 'eu-west-1',
      themeMode: 'dark',
    });
    resetView();
    expect(store.getState().view).toEqual({
      themeMode: 'dark',
      sidePanel: 'explanations',
      policyView: 'editor',
    });
  });

  it('stacks notices, replaces one with the same id and dismisses them', () => {
    const store = createBuilderStore();
    const { pushNotice, dismissNotice } = store.getState().actions;
    const first = pushNotice({ severity: 'info', title: 'One' });
    pushNotice({ id: 'copy', severity: 'success', title: 'Copied' });
    pushNotice({ id: 'copy', severity: 'success', title: 'Copied again' });
    expect(store.getState().notices.map((n) => n.title)).toEqual(['One', 'Copied again']);
    dismissNotice(first);
    expect(store.getState().notices.map((n) => n.title)).toEqual(['Copied again']);
  });

  it('asks to reveal a statement again even when it is the same one', () => {
    const store = createBuilderStore();
    store.getState().actions.revealStatement('AllowRequestsByAWSServicePrincipals');
    const first = store.getState().reveal;
    store.getState().actions.revealStatement('AllowRequestsByAWSServicePrincipals');
    expect(store.getState().reveal?.sid).toBe('AllowRequestsByAWSServicePrincipals');
    expect(store.getState().reveal?.nonce).not.toBe(first?.nonce);
  });
});
