/** "Did you mean" suggestions for mistyped names: services, regions, keys, actions. */

/** Levenshtein distance, for "did you mean" suggestions on short names. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
}

/**
 * The candidate the name most likely stands for: the same name in another case, then one letter
 * off ("PutObjectt" is PutObject, not PutObjectTagging), then the shortest name it begins
 * ("GetObj" is GetObject), then two or more letters off. Candidates are lower case.
 */
export function suggest(name: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestScore = Number.POSITIVE_INFINITY;
  const lower = name.toLowerCase();
  for (const candidate of candidates) {
    const score =
      candidate === lower
        ? 0
        : candidate.startsWith(lower)
          ? 1.5 + (candidate.length - lower.length) / 1e6
          : distance(lower, candidate);
    if (score < bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  return best !== undefined && bestScore <= Math.max(2, Math.floor(name.length / 3))
    ? best
    : undefined;
}
