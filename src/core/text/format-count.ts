/**
 * A count with thousands separators (20,480). Written out because the first call of
 * `toLocaleString` loads the browser's locale data, which costs a frame or more on the preview's path.
 */
export function formatCount(count: number): string {
  const digits = String(Math.abs(Math.trunc(count)));
  let out = digits.slice(0, ((digits.length - 1) % 3) + 1);
  for (let i = out.length; i < digits.length; i += 3) out += `,${digits.slice(i, i + 3)}`;
  return count <= -1 ? `-${out}` : out;
}

/** A count and its noun, the noun in the plural unless the count is one: "1 event", "2,048 events". */
export function countOf(count: number, noun: string, plural = `${noun}s`): string {
  return `${formatCount(count)} ${count === 1 ? noun : plural}`;
}
