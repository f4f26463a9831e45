/**
 * The generated policy laid out as the user's text is (minified, or indented by two or four
 * spaces), so that "Compare with generated" shows what differs rather than the layout: with
 * "Minified" on, a pretty text compared with the minified policy showed every line as changed.
 */
import { renderPolicy } from '@/core/policy/render';

export function inLayoutOf(generated: string, yours: string): string {
  let document: unknown;
  try {
    document = JSON.parse(generated);
  } catch {
    return generated;
  }
  if (!yours.includes('\n')) return renderPolicy(document, 'minified');
  const indent = /\n( +)\S/.exec(yours)?.[1]?.length;
  return renderPolicy(document, indent === 4 ? 'pretty-4' : 'pretty-2');
}
