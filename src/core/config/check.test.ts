import { describe, expect, it } from 'vitest';
import { catalog } from '../catalog/catalog';
import { checkConfigAgainstCatalog } from './check';
import type { PerimeterConfigDocument } from './schema';

const base: PerimeterConfigDocument = {
  version: 1,
  organizationIds: ['o-a1b2c3d4e5'],
  regions: ['us-east-1'],
  services: ['s3'],
};

const duplicates = (config: PerimeterConfigDocument) =>
  checkConfigAgainstCatalog(config, catalog).filter((d) => d.code === 'config/duplicate-value');

describe('repeated list entries', () => {
  it('name the value, the field as the page names it and both item positions', () => {
    const found = duplicates({
      ...base,
      parameters: {
        thirdPartyIdentitiesToThirdPartyResources: {
          accounts: ['111122223333', '444455556666', '111122223333'],
          actions: ['s3:GetObject', 's3:GetObject'],
          resources: ['arn:aws:s3:::partner-bucket/*', 'arn:aws:s3:::partner-bucket/*'],
        },
      },
    });
    expect(found.map((d) => [d.path, d.severity, d.message])).toEqual([
      [
        'parameters.thirdPartyIdentitiesToThirdPartyResources.accounts[2]',
        'warning',
        'Account 111122223333 is listed twice in Third-party account ids (items 1 and 3).',
      ],
      [
        'parameters.thirdPartyIdentitiesToThirdPartyResources.actions[1]',
        'warning',
        'Action s3:GetObject is listed twice in Actions (items 1 and 2).',
      ],
      [
        'parameters.thirdPartyIdentitiesToThirdPartyResources.resources[1]',
        'warning',
        'Resource ARN arn:aws:s3:::partner-bucket/* is listed twice in Resource ARNs (items 1 and 2).',
      ],
    ]);
    for (const d of found) expect(d.message).not.toMatch(/parameters\.|\[\d+\]/);
  });

  it('count actions that differ only in case as the same action', () => {
    const found = duplicates({
      ...base,
      parameters: {
        orgIdentitiesToThirdPartyResources: {
          actions: ['s3:GetObject', 'kms:Decrypt', 'S3:GETOBJECT'],
          resources: ['arn:aws:s3:::partner-bucket/*', 'arn:aws:s3:::PARTNER-bucket/*'],
        },
      },
    });
    expect(found.map((d) => d.message)).toEqual([
      'Action s3:GetObject is listed twice in Actions (items 1 and 3), also written S3:GETOBJECT: the case does not matter.',
    ]);
  });

  it('name the selections as the page does, once per repeated value', () => {
    const found = duplicates({
      ...base,
      organizationIds: ['o-a1b2c3d4e5', 'o-a1b2c3d4e5'],
      regions: ['us-east-1', 'eu-west-1', 'us-east-1', 'us-east-1'],
      services: ['s3', 's3'],
    });
    expect(found.map((d) => d.message)).toEqual([
      'Service s3 is listed twice in Endpoint services (items 1 and 2).',
      'Region us-east-1 is listed 3 times in Regions (items 1, 3 and 4).',
      'Organization id o-a1b2c3d4e5 is listed twice in Organization ID (items 1 and 2).',
    ]);
  });
});
