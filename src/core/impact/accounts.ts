/**
 * The organization's accounts, read from `aws organizations list-accounts` output
 * (`{"Accounts": [{"Id": ...}]}`), a JSON list of ids, or one id per line; they join the
 * configuration's `organizationAccounts`. Accounts not listed are treated as outside the
 * organization.
 */
import { ACCOUNT_ID_PATTERN } from '../catalog/ids';
import type { PerimeterConfig } from '../config/schema';

export interface AccountsRead {
  accounts: string[];
  problems: string[];
}

const MAX_ACCOUNTS = 100_000;

function fromList(list: unknown[], problems: string[]): string[] {
  const out: string[] = [];
  list.slice(0, MAX_ACCOUNTS).forEach((entry, i) => {
    const id =
      typeof entry === 'string'
        ? entry
        : typeof entry === 'object' && entry !== null && 'Id' in entry
          ? (entry as { Id: unknown }).Id
          : undefined;
    if (typeof id === 'string' && ACCOUNT_ID_PATTERN.test(id)) out.push(id);
    else if (problems.length < 10)
      problems.push(`entry ${i + 1} is not a 12-digit account id or an account with an "Id"`);
  });
  if (list.length > MAX_ACCOUNTS) problems.push(`only the first ${MAX_ACCOUNTS} accounts are read`);
  return out;
}

/** Reads a list of accounts from a file's text. */
export function parseAccountsText(text: string): AccountsRead {
  const problems: string[] = [];
  const trimmed = text.trim();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch (error) {
      return { accounts: [], problems: [`not valid JSON: ${(error as Error).message}`] };
    }
    const list = Array.isArray(value)
      ? value
      : typeof value === 'object' &&
          value !== null &&
          Array.isArray((value as { Accounts?: unknown }).Accounts)
        ? (value as { Accounts: unknown[] }).Accounts
        : undefined;
    if (!list)
      return {
        accounts: [],
        problems: [
          'expected the output of "aws organizations list-accounts" ({"Accounts": [...]}) or a list of account ids',
        ],
      };
    return { accounts: fromList(list, problems), problems };
  }
  const lines = trimmed
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  return { accounts: fromList(lines, problems), problems };
}

/** Every account of the organization: the configuration's and those read from files. */
export function organizationAccountsOf(
  config: PerimeterConfig,
  extra: readonly string[] = [],
): Set<string> {
  return new Set([...(config.organizationAccounts ?? []), ...extra]);
}
