import { describe, expect, it } from 'vitest';
import { organizationAccountsOf, parseAccountsText } from './accounts';

describe('organization accounts', () => {
  it('reads list-accounts output, a JSON list and one id per line', () => {
    const listAccounts = JSON.stringify({
      Accounts: [
        {
          Id: '111122223333',
          Arn: 'arn:aws:organizations::1:account/o-x/111122223333',
          Status: 'ACTIVE',
        },
        { Id: '444455556666' },
      ],
    });
    expect(parseAccountsText(listAccounts)).toEqual({
      accounts: ['111122223333', '444455556666'],
      problems: [],
    });
    expect(parseAccountsText('["111122223333"]').accounts).toEqual(['111122223333']);
    expect(parseAccountsText('# ours\n111122223333\r\n\n444455556666\n').accounts).toEqual([
      '111122223333',
      '444455556666',
    ]);
  });

  it('says what is wrong with entries that are not account ids', () => {
    expect(parseAccountsText('{"Accounts":[{"Id":"12"},{"Name":"x"}]}').problems).toEqual([
      'entry 1 is not a 12-digit account id or an account with an "Id"',
      'entry 2 is not a 12-digit account id or an account with an "Id"',
    ]);
    expect(parseAccountsText('{"Users":[]}').problems[0]).toMatch(/list-accounts/);
    expect(parseAccountsText('{bad').problems[0]).toMatch(/^not valid JSON/);
  });

  it('joins the configuration accounts and the loaded ones', () => {
    const config = {
      version: 1 as const,
      organizationIds: [],
      regions: [],
      services: [],
      organizationAccounts: ['111122223333'],
    };
    expect([...organizationAccountsOf(config, ['444455556666', '111122223333'])]).toEqual([
      '111122223333',
      '444455556666',
    ]);
  });
});
