/**
 * Reading a policy the user hands over (a file picked, dropped or pasted): the text as it is, for
 * the validator to judge, except a file so large that reading it would hold up the page, which is
 * refused with a message saying why.
 */
import { POLICY_SIZE_LIMIT } from '@/core/catalog/ids';
import { formatCount } from '@/shared/format/format-count';
import type { PolicyDraft } from '@/state/policy-editor-slice';

/** Files up to this size are read and validated (which reports them as too large); larger ones are not read. */
export const MAX_READ_BYTES = 64 * 1024 * 1024;

export type PolicyReading = { draft: PolicyDraft } | { refused: string };

/** The part of `File` that reading needs, so that tests can pass their own. */
export type PolicyFile = Pick<File, 'name' | 'size' | 'text'>;

export async function readPolicyFile(file: PolicyFile): Promise<PolicyReading> {
  if (file.size > MAX_READ_BYTES) {
    return {
      refused: `${file.name} is ${formatCount(Math.round(file.size / (1024 * 1024)))} MB; an endpoint policy is at most ${formatCount(POLICY_SIZE_LIMIT)} characters, so the file was not opened. Is it the right file?`,
    };
  }
  try {
    return { draft: { text: await file.text(), origin: { kind: 'file', name: file.name } } };
  } catch (error) {
    return {
      refused: `${file.name} could not be read: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}

/** What a drop or paste carries: its first file, else its text. */
export async function readTransfer(
  transfer: Pick<DataTransfer, 'files' | 'getData'>,
): Promise<PolicyReading | undefined> {
  const file = transfer.files[0];
  if (file) return readPolicyFile(file);
  const text = transfer.getData('text/plain');
  return text ? { draft: { text, origin: { kind: 'pasted' } } } : undefined;
}
