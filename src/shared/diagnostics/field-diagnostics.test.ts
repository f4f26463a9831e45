import { describe, expect, it } from 'vitest';
import { validateConfigValue } from '@/core/config/parse';
import type { PerimeterConfigDocument } from '@/core/config/schema';
import { withOrganizationIds, withThirdPartyList } from '@/core/config/config-edits';
import {
  diagnosticsAt,
  fieldMessage,
  itemIndex,
  listItemPlace,
  splitListText,
} from './field-diagnostics';
import { testConfig } from '@/core/catalog/ids.testing';

const base: PerimeterConfigDocument = {
  version: 1,
  organizationIds: [],
  regions: ['us-east-1'],
  services: ['s3'],
};

describe('field diagnostics', () => {
  it('finds the engine message for a bad organization id and names the item', () => {
    const result = validateConfigValue(
      withOrganizationIds(testConfig(base), ['o-a1b2c3d4e5', 'o-BAD']),
    );
    const [finding] = diagnosticsAt(result.diagnostics, 'organizationIds');
    expect(finding).toBeDefined();
    expect(itemIndex(finding!, 'organizationIds')).toBe(1);
    expect(fieldMessage(finding!, 'organizationIds', (i) => `Item ${i + 1}`)).toBe(
      'Item 2 ("o-BAD"): expected an organization id: "o-" and 10 to 32 lowercase letters or digits.',
    );
  });

  it('keeps findings of other fields out', () => {
    const config = withThirdPartyList(
      withOrganizationIds(testConfig(base), ['o-BAD']),
      'orgIdentitiesToThirdPartyResources',
      'accounts',
      ['12'],
    );
    const result = validateConfigValue(config);
    const path = 'parameters.orgIdentitiesToThirdPartyResources.accounts';
    const findings = diagnosticsAt(result.diagnostics, path);
    expect(findings).toHaveLength(1);
    expect(fieldMessage(findings[0]!, path, (i) => `Line ${i + 1}`)).toBe(
      'Line 1 ("12"): expected a 12-digit AWS account id.',
    );
    expect(diagnosticsAt(result.diagnostics, 'organizationIds')).toHaveLength(1);
  });

  it('reports duplicates as warnings with the hint', () => {
    const result = validateConfigValue(
      withOrganizationIds(testConfig(base), ['o-a1b2c3d4e5', 'o-a1b2c3d4e5']),
    );
    const [finding] = diagnosticsAt(result.diagnostics, 'organizationIds');
    expect(finding?.severity).toBe('warning');
    expect(fieldMessage(finding!, 'organizationIds', (i) => `Item ${i + 1}`)).toMatch(
      /listed twice.*Remove the repeated entry/,
    );
  });

  it('splits typed lists on lines, commas and spaces', () => {
    expect(splitListText(' o-a1b2c3d4e5,o-zzzzzzzzzz\n\n o-yyyyyyyyyy ')).toEqual([
      'o-a1b2c3d4e5',
      'o-zzzzzzzzzz',
      'o-yyyyyyyyyy',
    ]);
    expect(splitListText('  ')).toEqual([]);
  });
});

describe('field messages for single values', () => {
  it('name the field when the finding is not about a list item', () => {
    const diagnostic = {
      severity: 'error' as const,
      code: 'config/invalid-value',
      message:
        'parameters.accountIds.glue-studio-transforms.us-east-1 ("12"): expected a 12-digit AWS account id.',
      path: 'parameters.accountIds.glue-studio-transforms.us-east-1',
    };
    expect(fieldMessage(diagnostic, diagnostic.path, (i) => `Line ${i + 1}`, 'The account')).toBe(
      'The account ("12"): expected a 12-digit AWS account id.',
    );
    expect(
      fieldMessage(
        { ...diagnostic, message: `${diagnostic.path}: too long.` },
        diagnostic.path,
        (i) => `Line ${i + 1}`,
        'The account',
      ),
    ).toBe('The account: too long.');
  });
});

describe('listItemPlace', () => {
  it('names the line an item was typed on, and its place when the line holds several', () => {
    const text = 's3:GetObject\ns3:Get Object\n\nkms:Decrypt, kms:Encrypt';
    expect(splitListText(text)).toEqual([
      's3:GetObject',
      's3:Get',
      'Object',
      'kms:Decrypt',
      'kms:Encrypt',
    ]);
    expect([0, 1, 2, 3, 4].map((index) => listItemPlace(text, index))).toEqual([
      'Line 1',
      'Line 2, item 1',
      'Line 2, item 2',
      'Line 4, item 1',
      'Line 4, item 2',
    ]);
    expect(listItemPlace(text, 9)).toBe('Item 10');
  });
});
