/**
 * Reading the files of `describe-vpc-endpoints` output the user drops: a file over the size limit
 * is refused from its size alone, before any of it is read, so that a wrong 50 MB file costs
 * nothing and the other files are still taken.
 */
import {
  DESCRIBE_JSON_OPTIONS,
  MAX_DESCRIBE_CHARACTERS,
  type DescribeFile,
} from '@/core/deploy/describe-endpoints';
import type { Diagnostic } from '@/core/diagnostics';
import { tooLargeMessage } from '@/core/deploy/large-json';

export type DescribeFileReading = DescribeFile | { name: string; refused: string };

/** The part of `File` that reading needs, so that tests can pass their own. */
export type DroppedFile = Pick<File, 'name' | 'size' | 'text'>;

export async function readDescribeFile(file: DroppedFile): Promise<DescribeFileReading> {
  if (file.size > MAX_DESCRIBE_CHARACTERS)
    return {
      name: file.name,
      refused: `${file.name}: ${tooLargeMessage(file.size, DESCRIBE_JSON_OPTIONS)} It was not opened.`,
    };
  try {
    return { name: file.name, text: await file.text() };
  } catch (error) {
    return {
      name: file.name,
      refused: `${file.name} could not be read: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}

export const isRefused = (
  reading: DescribeFileReading,
): reading is { name: string; refused: string } => 'refused' in reading;

/** A finding about a dropped file in one line: where in the file, what, and the hint. */
export function describeFileProblem(file: string, d: Diagnostic): string {
  const where = d.range
    ? `${file}:${d.range.start.line}:${d.range.start.column}`
    : d.path
      ? `${file} (${d.path})`
      : file;
  return `${where}: ${d.message}${d.hint ? ` ${d.hint}` : ''}`;
}
