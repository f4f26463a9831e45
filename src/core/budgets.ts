/**
 * What one input may cost. Policies, configurations, share links and request files come from
 * colleagues, tickets and links, so each is hostile until read: every limit below is checked
 * before the work it bounds starts, and going over it gives a message that says which limit, by
 * how much, and where. The CLI and the browser read the same table; the README lists it.
 *
 * The limits sit far above anything the tool itself produces (the largest generated configuration,
 * every service, region and data access pattern, has 9 statements, 2,178 values in one element,
 * values of at most 99 characters, 6 wildcard actions in one policy; a request against its
 * largest S3 policy takes at most about 2,500 matching steps) and far below what would keep a
 * person waiting.
 */
import { formatCount } from './text/format-count';

export interface InputBudget {
  /** The limit: inputs up to it are read in full. */
  limit: number;
  /** What is counted, in the plural: "statements in one policy". */
  counts: string;
  /** What happens past the limit. */
  beyond: string;
}

function budget(limit: number, counts: string, beyond: string): InputBudget {
  return { limit, counts, beyond };
}

export const BUDGETS = {
  policyCharacters: budget(
    2_048_000,
    'characters in a policy text',
    'the text is not read (a hundred times the 20,480-character quota is surely not a policy)',
  ),
  policyDepth: budget(32, 'levels of nesting in a policy', 'the text is not read'),
  policyStatements: budget(
    1_000,
    'statements in one policy',
    'the statements past the limit are not read and the policy is invalid',
  ),
  elementValues: budget(
    10_000,
    'values of one element (Action, Resource, a principal type or a condition key)',
    'the values past the limit are not read and the policy is invalid',
  ),
  patternCharacters: budget(
    2_048,
    'characters in one value with wildcards',
    'the value is an error and matches nothing',
  ),
  wildcardActionLookups: budget(
    250,
    'wildcard action names looked up in the IAM reference per policy',
    'later names are not looked up',
  ),
  coveringComparisons: budget(
    1_000_000,
    'value comparisons of the check for Allows that a Deny makes unreachable',
    'the check is skipped',
  ),
  evaluationSteps: budget(
    1_000_000,
    'steps of wildcard matching to evaluate one request',
    'the request gets no verdict',
  ),
  suiteSteps: budget(
    5_000_000,
    'steps of wildcard matching to run one suite of saved requests',
    'the requests past the limit get no verdict',
  ),
  messageCharacters: budget(
    1_000,
    'characters of one diagnostic message or hint',
    'the rest is cut, and the message says how many characters were left out',
  ),
  configCharacters: budget(1_000_000, 'characters in a configuration file', 'the file is refused'),
  configDepth: budget(32, 'levels of nesting in a configuration', 'the file is refused'),
  shareLinkCharacters: budget(200_000, 'characters in a share link', 'the link is refused'),
  shareLinkInflatedBytes: budget(
    4_000_000,
    'bytes a share link inflates to',
    'the link is refused',
  ),
  shareLinkValues: budget(
    50_000,
    'values (strings, numbers, lists, objects) in the configuration a share link carries',
    'the link is refused',
  ),
  shareLinkListItems: budget(
    1_000,
    'items of one list in the configuration a share link carries',
    'the link is refused',
  ),
  savedRequests: budget(
    500,
    'saved requests in a configuration, a share link or a requests file',
    'the configuration is refused',
  ),
  savedRequestPolicies: budget(
    50,
    'different endpoint policies (service and region) that one suite of saved requests runs against',
    'the configuration is refused',
  ),
  requestContextKeys: budget(100, 'context keys in one request', 'the request is refused'),
  requestKeyValues: budget(100, 'values of one context key', 'the request is refused'),
  principalTags: budget(50, 'tags of the principal of one request', 'the request is refused'),
  requestValueCharacters: budget(
    2_048,
    'characters in one value of a request (resource, ARN, tag or context value)',
    'the request is refused',
  ),
} as const satisfies Record<string, InputBudget>;

export type BudgetName = keyof typeof BUDGETS;

/** "3,000 statements in one policy; the limit is 1,000, so the statements past ... ". */
export function overBudgetMessage(name: BudgetName, actual: number): string {
  const { limit, counts, beyond } = BUDGETS[name];
  return `${formatCount(actual)} ${counts}; the limit is ${formatCount(limit)}, so ${beyond}.`;
}

/**
 * A text cut to `limit` characters for display, saying how much was left out; a surrogate pair is
 * never split. A 1 MB Sid quoted in a message would otherwise cost every screen that shows it.
 */
export function shortenForDisplay(text: string, limit: number): string {
  const { shown, omitted } = cutForDisplay(text, limit);
  return `${shown}${omitted}`;
}

/** The start of a text for display, and the note of what is left out ('' when nothing is). */
export function cutForDisplay(text: string, limit: number): { shown: string; omitted: string } {
  if (text.length <= limit) return { shown: text, omitted: '' };
  const end = /[\uD800-\uDBFF]/.test(text[limit - 1] ?? '') ? limit - 1 : limit;
  return {
    shown: text.slice(0, end),
    omitted: `… (${formatCount(text.length - end)} more characters)`,
  };
}

/** The short form used in schema messages: "at most 100 context keys in one request". */
export function budgetRule(name: BudgetName): string {
  const { limit, counts } = BUDGETS[name];
  return `at most ${formatCount(limit)} ${counts}`;
}
