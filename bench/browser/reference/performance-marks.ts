/** Marks of the benchmark contract, each recorded once per page load. */
export type ContractMark = 'vpce:form-usable' | 'vpce:policy-visible' | 'vpce:editor-ready';

export function markOnce(name: ContractMark): void {
  if (performance.getEntriesByName(name, 'mark').length === 0) performance.mark(name);
}
