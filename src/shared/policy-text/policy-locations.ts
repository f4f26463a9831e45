/**
 * Where things are in a policy text, and what they come from: the statement, Action, Resource or
 * Condition value at a character offset, with its provenance from the generator, and the text
 * range of a statement. Pure; the editor's hovers and the reveal of a statement use it.
 */
import { findNodeAtOffset, getNodePath, parseTree, type Node } from 'jsonc-parser';
import type {
  GeneratedPolicy,
  StatementProvenance,
  ValueProvenance,
} from '@/core/generate/generate';
import {
  firstTooDeep,
  MAX_POLICY_DEPTH,
  MAX_POLICY_TEXT_CHARACTERS,
} from '@/core/policy/policy-json';

export interface TextSpan {
  /** Character offsets, end exclusive. */
  start: number;
  end: number;
}

export type PolicyLocation =
  | { kind: 'statement'; index: number; statement: StatementProvenance; span: TextSpan }
  | {
      kind: 'value';
      index: number;
      statement: StatementProvenance;
      element: string;
      value: string;
      provenance: ValueProvenance | undefined;
      span: TextSpan;
    }
  | {
      kind: 'condition-key';
      index: number;
      statement: StatementProvenance;
      operator: string;
      key: string;
      span: TextSpan;
    };

let lastText: string | undefined;
let lastTree: Node | undefined;

/**
 * The parse tree of the text (partial when the JSON is broken); the last one is kept, since hovers
 * ask about the same text again and again. Texts the validator does not read either have none:
 * far over any policy's size, or nested deeper than a policy ever is (the parser recurses, and
 * thousands of nested brackets would overflow the stack).
 */
export function treeOf(text: string): Node | undefined {
  if (text !== lastText) {
    lastText = text;
    lastTree =
      text.length > MAX_POLICY_TEXT_CHARACTERS || firstTooDeep(text, MAX_POLICY_DEPTH) !== -1
        ? undefined
        : parseTree(text);
  }
  return lastTree;
}

const spanOf = (node: Node): TextSpan => ({ start: node.offset, end: node.offset + node.length });

export function locateInPolicy(
  text: string,
  offset: number,
  generated: GeneratedPolicy,
): PolicyLocation | undefined {
  const tree = treeOf(text);
  if (!tree) return undefined;
  const node = findNodeAtOffset(tree, offset, true);
  if (!node) return undefined;
  const path = getNodePath(node);
  if (path[0] !== 'Statement' || typeof path[1] !== 'number') return undefined;
  const index = path[1];
  const statement = generated.statements[index];
  if (!statement) return undefined;
  const [element, operator, key] = path.slice(2);
  const isKey = node.parent?.type === 'property' && node.parent.children?.[0] === node;
  if ((element === 'Action' || element === 'Resource') && node.type === 'string' && !isKey) {
    const value = String(node.value);
    return {
      kind: 'value',
      index,
      statement,
      element,
      value,
      provenance: statement.values.find((v) => v.element === element && v.value === value),
      span: spanOf(node),
    };
  }
  if (element === 'Condition' && typeof operator === 'string' && typeof key === 'string') {
    if (isKey && path.length === 5)
      return { kind: 'condition-key', index, statement, operator, key, span: spanOf(node) };
    if (node.type === 'string' && !isKey) {
      const conditionElement = `Condition.${operator}.${key}`;
      const value = String(node.value);
      return {
        kind: 'value',
        index,
        statement,
        element: conditionElement,
        value,
        provenance: statement.values.find(
          (v) => v.element === conditionElement && v.value === value,
        ),
        span: spanOf(node),
      };
    }
  }
  return { kind: 'statement', index, statement, span: spanOf(node) };
}

/** The text range of the statement with this Sid, for revealing it. */
export function statementSpan(text: string, sid: string): TextSpan | undefined {
  const tree = treeOf(text);
  const statements = tree?.children?.find((p) => p.children?.[0]?.value === 'Statement')
    ?.children?.[1];
  const statement = statements?.children?.find((s) =>
    s.children?.some((p) => p.children?.[0]?.value === 'Sid' && p.children?.[1]?.value === sid),
  );
  return statement ? spanOf(statement) : undefined;
}

/** Texts longer than this are not parsed for the header's count (ten times the quota is no endpoint policy). */
const MAX_COUNTED_CHARACTERS = 204_800;

/**
 * How many statements the text holds: the length of its `Statement` array (one for a single
 * statement object); undefined when the text is not a JSON object with a readable `Statement`.
 */
export function statementCount(text: string): number | undefined {
  if (text.length > MAX_COUNTED_CHARACTERS) return undefined;
  const tree = treeOf(text);
  if (tree?.type !== 'object') return undefined;
  const value = tree.children?.find((p) => p.children?.[0]?.value === 'Statement')?.children?.[1];
  if (value?.type === 'array') return value.children?.length ?? 0;
  return value?.type === 'object' ? 1 : undefined;
}
