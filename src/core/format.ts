/**
 * A count with thousands separators (20,480). Written out because the first call of
 * `toLocaleString` loads the browser's locale data, which costs a frame or more on the preview's path.
 */
export function formatCount(count: number): string {
  return String(Math.trunc(count)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
