/**
 * Hostile input: the issue's patterns built to backtrack, and the most expensive inputs the
 * budgets let through (a policy at the text limit full of wildcard actions, a share link with
 * the most saved requests against the slowest third-party patterns a configuration can hold).
 * No budget of time is asserted; these figures show what the budgets of work amount to.
 */
import { BUDGETS } from '../src/core/budgets';
import type { PerimeterConfig } from '../src/core/config/schema';
import { evaluate } from '../src/core/evaluate/evaluate';
import type { SavedRequest } from '../src/core/config/request-schema';
import { runSavedRequestsAgainstConfig } from '../src/core/evaluate/suite';
import { loadIamIndex } from '../src/core/iam/iam-index';
import { validate } from '../src/core/validate/validate';
import { formatMs, median, timeSync } from './stats';
import { testRegionCode, testServiceId } from '../src/core/catalog/ids.testing';

const policy = (statements: object[]) =>
  JSON.stringify({ Version: '2012-10-17', Statement: statements });

function report(name: string, samples: number[]): void {
  console.log(
    `${name}\n  median ${formatMs(median(samples)).padStart(9)}  max ${formatMs(Math.max(...samples))}`,
  );
}

export async function run(): Promise<void> {
  const iamIndex = await loadIamIndex();
  const issue = policy([
    {
      Effect: 'Allow',
      Principal: '*',
      Action: `ec2:${'*?'.repeat(10)}0`,
      Resource: `arn:aws:s3:::${'*a'.repeat(13)}*b`,
      Condition: { StringLike: { 'aws:PrincipalArn': `${'*a'.repeat(13)}*b` } },
    },
  ]);
  report(
    'validate the issue`s 40-character patterns',
    timeSync(() => validate(issue, { iamIndex }), 20),
  );
  const request = {
    principal: {
      type: 'iam',
      account: '111122223333',
      arn: `arn:aws:iam::111122223333:role/${'a'.repeat(60)}`,
    },
    action: 'ec2:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
    resource: `arn:aws:s3:::${'a'.repeat(2_000)}`,
  } as const;
  report(
    'evaluate them against 2,000-character values',
    timeSync(() => evaluate(issue, request), 200),
  );

  // Wildcard action names up to the lookup budget, each matched against every ec2 action.
  const actions = Array.from({ length: 5_000 }, (_, i) => `ec2:*${i.toString(36)}*`);
  const manyActions = policy(
    [0, 1].map(() => ({ Effect: 'Allow', Principal: '*', Action: actions, Resource: '*' })),
  );
  report(
    `validate ${manyActions.length.toLocaleString('en-US')} characters of ${(2 * actions.length).toLocaleString('en-US')} wildcard actions`,
    timeSync(() => validate(manyActions, { iamIndex }), 5, 1),
  );

  // A link: third-party resource patterns that cost the most per match, and the most saved
  // requests, each with the longest resource a request may carry.
  const piece = `${'a?'.repeat(100)}b`;
  const config: PerimeterConfig = {
    version: 1,
    organizationIds: ['o-a1b2c3d4e5'],
    regions: [testRegionCode('us-east-1')],
    services: [testServiceId('s3')],
    parameters: {
      orgIdentitiesToThirdPartyResources: {
        accounts: ['444455556666'],
        actions: ['s3:GetObject'],
        resources: Array.from({ length: 20 }, (_, i) => `arn:aws:s3:::*${piece}*${'?'.repeat(i)}`),
      },
    },
  };
  const saved: SavedRequest[] = Array.from({ length: BUDGETS.savedRequests.limit }, (_, i) => ({
    name: `slow ${i}`,
    service: 's3',
    request: {
      principal: { type: 'iam', account: '111122223333', organizationId: 'o-a1b2c3d4e5' },
      action: 's3:GetObject',
      resource: `arn:aws:s3:::${'a'.repeat(BUDGETS.requestValueCharacters.limit - 20)}`,
    },
    expect: 'ImplicitDeny',
  }));
  let withheld = 0;
  const samples = timeSync(
    () => {
      withheld = runSavedRequestsAgainstConfig(config, saved).filter(
        (o) => o.result.withheld !== undefined,
      ).length;
    },
    5,
    1,
  );
  report(
    `a link's ${saved.length} saved requests against the slowest patterns (${withheld} withheld at the suite budget)`,
    samples,
  );
}
