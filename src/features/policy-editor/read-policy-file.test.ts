import { describe, expect, it } from 'vitest';
import { MAX_READ_BYTES, readPolicyFile, readTransfer } from './read-policy-file';

describe('readPolicyFile', () => {
  it('reads a file as it is, for the validator to judge (binary included)', async () => {
    const binary = new File([new Uint8Array([0, 1, 2, 255, 10])], 'image.png');
    const reading = await readPolicyFile(binary);
    expect('draft' in reading && reading.draft.origin).toEqual({ kind: 'file', name: 'image.png' });
    expect('draft' in reading && reading.draft.text.charCodeAt(0)).toBe(0);
  });

  it('refuses a file too large to read, saying why, without reading it', async () => {
    let read = false;
    const reading = await readPolicyFile({
      name: 'huge.json',
      size: MAX_READ_BYTES + 1,
      text: () => {
        read = true;
        return Promise.resolve('');
      },
    });
    expect(read).toBe(false);
    expect('refused' in reading && reading.refused).toMatch(
      /^huge\.json is 64 MB; an endpoint policy is at most 20,480 characters, so the file was not opened/,
    );
  });

  it('says when a file cannot be read', async () => {
    const reading = await readPolicyFile({
      name: 'gone.json',
      size: 10,
      text: () => Promise.reject(new Error('NotReadableError')),
    });
    expect(reading).toEqual({ refused: 'gone.json could not be read: NotReadableError' });
  });
});

describe('readTransfer', () => {
  it('takes the first file of a drop, else its text, else nothing', async () => {
    const file = new File(['{"Version": "2012-10-17"}'], 'policy.json');
    const withFile = await readTransfer({
      files: [file] as unknown as FileList,
      getData: () => 'ignored',
    });
    expect(withFile && 'draft' in withFile && withFile.draft.text).toBe(
      '{"Version": "2012-10-17"}',
    );
    const withText = await readTransfer({ files: [] as unknown as FileList, getData: () => '{}' });
    expect(withText).toEqual({ draft: { text: '{}', origin: { kind: 'pasted' } } });
    expect(
      await readTransfer({ files: [] as unknown as FileList, getData: () => '' }),
    ).toBeUndefined();
  });
});
