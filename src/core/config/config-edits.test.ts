import { describe, expect, it } from 'vitest';
import {
  applyConfigEdit,
  applyConfigEdits,
  describeConfigEdit,
  withExclusionTag,
  withOutput,
  withPatternToggle,
  withStatementToggle,
  withTableAccounts,
  withThirdPartyList,
  type ConfigEdit,
} from './config-edits';
import { emptyConfig, perimeterConfigSchema, type PerimeterConfigDocument } from './schema';
import { testConfig, testPatternId, testRegionCode, testServiceId } from '../catalog/ids.testing';

const base: PerimeterConfigDocument = {
  ...emptyConfig(),
  services: ['s3'],
  regions: ['us-east-1'],
};

describe('config edits', () => {
  it('keeps the configuration minimal: a toggle returned to its default leaves no trace', () => {
    const on = withStatementToggle(testConfig(base), 'AllowRequestsByAWSServicePrincipals', false);
    expect(on.statements).toEqual({ AllowRequestsByAWSServicePrincipals: false });
    expect(withStatementToggle(on, 'AllowRequestsByAWSServicePrincipals', undefined)).toEqual(base);
    const perService = withStatementToggle(
      testConfig(base),
      'AllowRequestsToAWSOwnedResources',
      true,
      testServiceId('s3'),
    );
    expect(perService.serviceStatements).toEqual({
      s3: { AllowRequestsToAWSOwnedResources: true },
    });
    expect(
      withStatementToggle(
        perService,
        'AllowRequestsToAWSOwnedResources',
        undefined,
        testServiceId('s3'),
      ),
    ).toEqual(base);
    const pattern = withPatternToggle(testConfig(base), testPatternId('athena-examples'), false);
    expect(withPatternToggle(pattern, testPatternId('athena-examples'), undefined)).toEqual(base);
  });

  it('removes emptied parameter blocks', () => {
    const listed = withThirdPartyList(
      testConfig(base),
      'orgIdentitiesToThirdPartyResources',
      'accounts',
      ['210987654321'],
    );
    expect(listed.parameters).toEqual({
      orgIdentitiesToThirdPartyResources: { accounts: ['210987654321'] },
    });
    expect(
      withThirdPartyList(listed, 'orgIdentitiesToThirdPartyResources', 'accounts', []),
    ).toEqual(base);
    const tagged = withExclusionTag(testConfig(base), { key: 'team:exempt', value: 'yes' });
    expect(withExclusionTag(tagged, undefined)).toEqual(base);
    const table = withTableAccounts(testConfig(base), 'eks-add-ons', testRegionCode('us-east-1'), [
      '602401143452',
    ]);
    expect(table.parameters?.accountIds).toEqual({
      'eks-add-ons': { 'us-east-1': '602401143452' },
    });
    expect(withTableAccounts(table, 'eks-add-ons', testRegionCode('us-east-1'), [])).toEqual(base);
    expect(
      withOutput(withOutput(testConfig(base), { shape: 'per-region' }), { shape: undefined }),
    ).toEqual(base);
  });

  it('applies edits given as data, adding to lists without repeating values', () => {
    const edits: ConfigEdit[] = [
      { kind: 'pattern', patternId: testPatternId('lambda-deployment-packages'), enabled: true },
      {
        kind: 'statement',
        sid: 'AllowRequestsByOrgsIdentitiesToAnyResources',
        enabled: true,
        service: testServiceId('s3'),
      },
      {
        kind: 'third-party',
        block: 'orgIdentitiesToThirdPartyResources',
        accounts: ['210987654321'],
        actions: ['s3:GetObject'],
        resources: ['arn:aws:s3:::partner/*'],
      },
      {
        kind: 'third-party',
        block: 'orgIdentitiesToThirdPartyResources',
        accounts: ['210987654321', '444455556666'],
        actions: ['s3:GetObject'],
        resources: [],
      },
      { kind: 'organization-accounts', add: ['111122223333', '111122223333'] },
    ];
    const config = applyConfigEdits(testConfig(base), edits);
    expect(config.dataAccessPatterns).toEqual({ 'lambda-deployment-packages': true });
    expect(config.serviceStatements).toEqual({
      s3: { AllowRequestsByOrgsIdentitiesToAnyResources: true },
    });
    expect(config.parameters?.orgIdentitiesToThirdPartyResources).toEqual({
      accounts: ['210987654321', '444455556666'],
      actions: ['s3:GetObject'],
      resources: ['arn:aws:s3:::partner/*'],
    });
    expect(config.organizationAccounts).toEqual(['111122223333']);
    expect(perimeterConfigSchema.safeParse(config).success).toBe(true);
    expect(applyConfigEdit(config, edits[4]!)).toEqual(config);
  });

  it('describes each edit with the field it changes', () => {
    expect(
      describeConfigEdit({
        kind: 'pattern',
        patternId: testPatternId('athena-examples'),
        enabled: true,
      }),
    ).toBe(
      'turn on the data access pattern athena-examples (dataAccessPatterns.athena-examples = true)',
    );
    expect(
      describeConfigEdit({
        kind: 'statement',
        sid: 'AllowRequestsByAWSServicePrincipals',
        enabled: true,
        service: testServiceId('sqs'),
      }),
    ).toContain('serviceStatements.sqs.AllowRequestsByAWSServicePrincipals = true');
    expect(
      describeConfigEdit({
        kind: 'third-party',
        block: 'thirdPartyIdentitiesToThirdPartyResources',
        accounts: ['210987654321'],
        actions: [],
        resources: ['arn:aws:s3:::x/*'],
      }),
    ).toBe(
      'add accounts 210987654321; resources arn:aws:s3:::x/* to parameters.thirdPartyIdentitiesToThirdPartyResources',
    );
  });
});
