/**
 * The marks and measures the browser benchmark reads (bench/browser): each mark is set once per
 * page load, when what it names is on screen.
 */
export type ContractMark = 'vpce:form-usable' | 'vpce:policy-visible' | 'vpce:editor-ready';

const marked = new Set<ContractMark>();

export function markOnce(mark: ContractMark): void {
  if (marked.has(mark)) return;
  marked.add(mark);
  performance.mark(mark);
}

/** Records the time from a change of choices to the preview showing its policy. */
export function measurePreviewUpdate(start: number): void {
  performance.measure('vpce:preview-update', { start, end: performance.now() });
}
