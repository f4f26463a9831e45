import { describe, expect, it } from 'vitest';
import { suggest } from './suggest';

describe('suggest', () => {
  const actions = ['putobject', 'putobjecttagging', 'putobjectacl', 'getobject', 'getobjectacl'];

  it('takes a name one letter off before a longer name the text begins', () => {
    expect(suggest('PutObjectt', actions)).toBe('putobject');
    expect(suggest('GetObjekt', actions)).toBe('getobject');
  });

  it('completes an unfinished name to the shortest name it begins', () => {
    expect(suggest('GetObj', actions)).toBe('getobject');
    expect(suggest('PutObjectTag', actions)).toBe('putobjecttagging');
  });

  it('takes the same name in another case first', () => {
    expect(suggest('EC2', ['ecs', 'ec2', 'ec2messages'])).toBe('ec2');
  });

  it('suggests nothing for a name far from every candidate', () => {
    expect(suggest('DeleteBucket', actions)).toBeUndefined();
  });
});
