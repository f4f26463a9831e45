import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { catalog } from '../catalog/catalog';
import { toServiceId } from '../catalog/ids';
import { applyConfigEdits } from '../config/config-edits';
import type { PerimeterConfigDocument } from '../config/schema';
import { evaluate } from '../evaluate/evaluate';
import type { SimulatedRequest } from '../config/request-schema';
import { endpointPolicyFor } from '../evaluate/suite';
import { EventCollector } from './collect';
import { buildImpactReport, type ImpactReport, type ShapeResult } from './report';
import { TrailFileReader } from './trail-reader';
import {
  apiEvent,
  identities,
  logFile,
  ORG,
  OURS,
  OURS_TOO,
  OUTSIDE,
  PARTNER,
  s3Event,
} from './trail-fixtures.testing';
import { testConfig, testRegionCode, testServiceId } from '../catalog/ids.testing';

const knownService = (id: string) => toServiceId(id, catalog);

const config: PerimeterConfigDocument = {
  version: 1,
  organizationIds: [ORG],
  regions: ['us-east-1'],
  services: ['s3', 'sts', 'ec2'],
  statements: {
    AllowRequestsByThirdPartyIdentitiesToThirdPartyResources: false,
    AllowRequestsByOrgsIdentitiesToThirdPartyResources: false,
  },
};
const accounts = new Set([OURS, OURS_TOO]);

function reportOf(
  records: Record<string, unknown>[],
  options = { config: testConfig(config), accounts },
) {
  const collector = new EventCollector(knownService);
  const reader = new TrailFileReader(collector);
  reader.pushText(logFile(records));
  expect(reader.end().problems).toEqual([]);
  return buildImpactReport(collector.result(), options);
}

function find(report: ImpactReport, predicate: (r: ShapeResult) => boolean): ShapeResult {
  const found = report.groups.flatMap((g) => g.results).find(predicate);
  if (!found) throw new Error('no such shape');
  return found;
}

describe('impact report', () => {
  const records = [
    s3Event(identities.role(), 'our-data', 'reports/2026/11/q1.csv', OURS),
    s3Event(identities.role(), 'our-data', 'reports/2026/12/q2.csv', OURS, {
      time: '2026-11-21T08:00:00Z',
    }),
    s3Event(identities.role(), 'personal-bucket', 'x.zip', OUTSIDE, { eventName: 'PutObject' }),
    s3Event(identities.role(), 'vendor-feed', 'daily/feed.csv', PARTNER),
    s3Event(
      identities.anonymous(),
      'al2023-repos-us-east-1-de612dc2',
      'core/mirrors/latest/x86_64/mirror.list',
      undefined,
    ),
    s3Event(identities.role(), 'awslambda-us-east-1-tasks', 'snapshots/1/fn', undefined),
    s3Event(identities.user(OUTSIDE), 'my-own', 'copy.zip', OUTSIDE, { eventName: 'PutObject' }),
    s3Event(
      identities.service(),
      'cloudformation-custom-resource-response-useast1',
      'response',
      undefined,
      { eventName: 'PutObject' },
    ),
    apiEvent(identities.webIdentity(), {
      eventSource: 'sts.amazonaws.com',
      eventName: 'AssumeRoleWithWebIdentity',
      resources: [{ ARN: `arn:aws:iam::${OURS}:role/ci`, accountId: OURS, type: 'AWS::IAM::Role' }],
    }),
    s3Event(identities.awsAccount(OUTSIDE), 'our-data', 'a', OURS, {
      category: 'NetworkActivity',
      errorCode: 'VpceAccessDenied',
    }),
    s3Event(identities.role(), 'our-data', 'a', OURS, { vpce: null }),
    apiEvent(identities.unknown()),
    apiEvent(identities.root(), {
      eventSource: 'ec2.amazonaws.com',
      eventName: 'DescribeInstances',
    }),
    apiEvent(identities.federated(OURS_TOO), {
      eventSource: 'ec2.amazonaws.com',
      eventName: 'DescribeInstances',
      recipient: OURS_TOO,
    }),
  ];
  const report = reportOf(records);

  it('aggregates identical requests into shapes with counts and first and last times', () => {
    const ours = find(report, (r) => r.shape.resource === 'arn:aws:s3:::our-data/reports/2026/*');
    expect(ours.shape.count).toBe(2);
    expect(ours.shape.principalArn).toBe(`arn:aws:iam::${OURS}:role/service/app`);
    expect([ours.shape.first, ours.shape.last]).toEqual([
      '2026-11-20T10:15:30Z',
      '2026-11-21T08:00:00Z',
    ]);
    expect(ours.decision).toBe('allowed');
    expect(ours.deciding).toEqual(['AllowRequestsByOrgsIdentitiesToOrgsResources']);
  });

  it('counts every event: analysed, without an endpoint, and unmapped with the reason', () => {
    expect(report.totals.events).toBe(records.length);
    expect(report.totals.analyzed + report.totals.withoutEndpoint + report.totals.unmapped).toBe(
      records.length,
    );
    expect(report.withoutEndpoint).toEqual([{ eventSource: 's3.amazonaws.com', events: 1 }]);
    expect(report.unmapped.map((u) => u.reason)).toEqual([
      'the identity type "Unknown" does not say who signed the request',
    ]);
  });

  it('flags our identity writing to a foreign bucket as exfiltration, without a fix', () => {
    const exfiltration = find(report, (r) => r.shape.resource.includes('personal-bucket'));
    expect(exfiltration).toMatchObject({
      decision: 'denied',
      reason: 'foreign-resource',
      flag: 'exfiltration',
      legitimate: false,
      fixes: [],
    });
  });

  it('offers a verified third-party fix for our identity reading a partner bucket', () => {
    const partner = find(report, (r) => r.shape.resource.includes('vendor-feed'));
    expect(partner.legitimate).toBe(true);
    expect(partner.fixes[0]?.kind).toBe('third-party');
    expect(partner.fixes[0]?.edits).toContainEqual({
      kind: 'third-party',
      block: 'orgIdentitiesToThirdPartyResources',
      accounts: [PARTNER],
      actions: ['s3:GetObject'],
      resources: ['arn:aws:s3:::vendor-feed/*'],
    });
    const fixed = applyConfigEdits(testConfig(config), partner.fixes[0]!.edits);
    expect(reportOf(records, { config: fixed, accounts }).totals.legitimateDenied.shapes).toBe(
      report.totals.legitimateDenied.shapes - 1,
    );
  });

  it('recognizes an AWS-owned bucket that a pattern left off would admit', () => {
    const lambda = find(report, (r) => r.shape.resource.includes('awslambda-us-east-1-tasks'));
    expect(lambda.reason).toBe('aws-owned-not-covered');
    expect(lambda.fixes[0]?.edits).toEqual([
      { kind: 'pattern', patternId: 'lambda-deployment-packages', enabled: true },
    ]);
    expect(find(report, (r) => r.shape.principalKind === 'anonymous').decision).toBe('allowed');
  });

  it('names the reason for foreign credentials, federation and service principals', () => {
    expect(find(report, (r) => r.shape.principalKind === 'user')).toMatchObject({
      decision: 'denied',
      flag: 'foreign-credentials',
      reason: 'third-party',
    });
    // The STS federation statement is on by default: a web identity call to our role passes.
    expect(find(report, (r) => r.shape.principalKind === 'web-identity')).toMatchObject({
      decision: 'allowed',
      deciding: ['AllowRequestsByOrgsIdentitiesToOrgsResourcesFederation'],
    });
    const withoutFederation = reportOf(records, {
      config: testConfig({ ...config, dataAccessPatterns: { 'sts-federated-sign-in': false } }),
      accounts,
    });
    const federation = find(withoutFederation, (r) => r.shape.principalKind === 'web-identity');
    expect(federation).toMatchObject({
      decision: 'denied',
      reason: 'federation',
      legitimate: true,
    });
    expect(federation.fixes[0]?.edits).toEqual([
      { kind: 'pattern', patternId: 'sts-federated-sign-in', enabled: true },
    ]);
    expect(find(report, (r) => r.shape.principalKind === 'service').deciding).toEqual([
      'AllowRequestsByAWSServicePrincipals',
    ]);
    expect(find(report, (r) => r.shape.principalKind === 'root').decision).toBe('allowed');
    expect(find(report, (r) => r.shape.principalKind === 'federated-user').decision).toBe(
      'allowed',
    );
  });

  it('replays the requests the endpoint denied', () => {
    const denied = find(report, (r) => r.shape.deniedByEndpoint > 0);
    expect(denied.replay).toMatch(/would still deny them: the caller's account 999988887777/);
    expect(report.observedDenials).toEqual({ events: 1, stillDenied: 1, nowAllowed: 0 });
  });

  it('lists foreign accounts and the days of the timeline', () => {
    expect(report.foreignAccounts.map((a) => a.account)).toEqual([OUTSIDE, PARTNER]);
    expect(report.timeline.map((d) => d.day)).toEqual(['2026-11-20', '2026-11-21']);
    expect(report.timeline[1]).toEqual({
      day: '2026-11-21',
      allowed: 1,
      denied: 0,
      undetermined: 0,
    });
  });

  it('says a shape is undetermined when the resource account is not recorded and it matters', () => {
    const unknownOwner = reportOf([
      s3Event(identities.role(), 'someone-bucket', 'k', undefined, { eventName: 'PutObject' }),
    ]);
    expect(unknownOwner.groups[0]?.results[0]).toMatchObject({
      decision: 'undetermined',
      reason: 'resource-unknown',
    });
  });
});

/** The request the endpoint saw, built here independently of the report's own construction. */
function requestsOf(result: ShapeResult): SimulatedRequest[] {
  const shape = result.shape;
  const inside = (account: string | undefined) => (account && accounts.has(account) ? ORG : null);
  const principal: SimulatedRequest['principal'] = shape.principalAccount
    ? {
        type: 'iam',
        account: shape.principalAccount,
        organizationId: inside(shape.principalAccount),
        ...(shape.principalArn ? { arn: shape.principalArn } : {}),
      }
    : shape.servicePrincipal
      ? { type: 'service', service: shape.servicePrincipal }
      : { type: 'anonymous' };
  const base = { principal, action: shape.action, resource: shape.resourceExample };
  if (shape.resourceAccount)
    return [
      {
        ...base,
        resourceAccount: shape.resourceAccount,
        resourceOrganizationId: result.resourceAwsOwned ? null : inside(shape.resourceAccount),
      },
    ];
  if (result.resourceAwsOwned) return [{ ...base, resourceOrganizationId: null }];
  return [
    { ...base, resourceOrganizationId: ORG },
    { ...base, resourceOrganizationId: null },
  ];
}

describe('impact report against the evaluator (property)', () => {
  const identity = fc.constantFrom(
    () => identities.role(OURS),
    () => identities.role(OUTSIDE, 'intruder'),
    () => identities.user(OURS_TOO),
    () => identities.root(OUTSIDE),
    () => identities.anonymous(),
    () => identities.service('cloudformation.amazonaws.com'),
    () => identities.awsAccount(PARTNER),
    () => identities.federated(OURS),
  );
  const bucket = fc.constantFrom(
    ['our-data', OURS],
    ['partner-share', PARTNER],
    ['elsewhere', OUTSIDE],
    ['al2023-repos-us-east-1-de612dc2', undefined],
    ['awslambda-us-east-1-tasks', undefined],
    ['no-owner-recorded', undefined],
  );
  const event = fc
    .tuple(identity, bucket, fc.constantFrom('GetObject', 'PutObject', 'ListObjects', 'HeadObject'))
    .map(([who, [name, owner], eventName]) =>
      s3Event(who(), name!, 'a/b/c.txt', owner, { eventName }),
    );
  const configs = fc.record({
    pattern: fc.boolean(),
    thirdParty: fc.boolean(),
    services: fc.boolean(),
  });

  it('calls a shape allowed exactly when the evaluator allows it on the generated policy', () => {
    fc.assert(
      fc.property(fc.array(event, { minLength: 1, maxLength: 12 }), configs, (events, choice) => {
        let chosen: PerimeterConfigDocument = {
          ...config,
          services: ['s3'],
          dataAccessPatterns: { 'lambda-deployment-packages': choice.pattern },
          statements: {
            ...config.statements,
            AllowRequestsByAWSServicePrincipals: choice.services,
          },
        };
        if (choice.thirdParty)
          chosen = applyConfigEdits(testConfig(chosen), [
            {
              kind: 'statement',
              sid: 'AllowRequestsByThirdPartyIdentitiesToThirdPartyResources',
              enabled: true,
            },
            {
              kind: 'third-party',
              block: 'thirdPartyIdentitiesToThirdPartyResources',
              accounts: [PARTNER],
              actions: ['s3:GetObject'],
              resources: ['arn:aws:s3:::partner-share/*'],
            },
          ]);
        const report = reportOf(events, { config: testConfig(chosen), accounts });
        const policy = endpointPolicyFor(
          testConfig(chosen),
          testServiceId('s3'),
          testRegionCode('us-east-1'),
        ).text;
        for (const result of report.groups.flatMap((g) => g.results)) {
          const verdicts = requestsOf(result).map(
            (r) => evaluate(policy, r).decision === 'Allowed',
          );
          const expected = verdicts.every(Boolean)
            ? 'allowed'
            : verdicts.some(Boolean)
              ? 'undetermined'
              : 'denied';
          expect(result.decision, JSON.stringify(result.shape)).toBe(expected);
        }
      }),
      { seed: 7, numRuns: 60 },
    );
  });
});

describe('impact report reasons', () => {
  it('says when our identity on our resource is denied because the statement is off for the service', () => {
    const off = reportOf([s3Event(identities.role(), 'our-data', 'k', OURS)], {
      config: testConfig({
        ...config,
        serviceStatements: { s3: { AllowRequestsByOrgsIdentitiesToOrgsResources: false } },
      }),
      accounts,
    });
    const result = off.groups[0]!.results[0]!;
    expect(result).toMatchObject({ decision: 'denied', reason: 'statement-off', legitimate: true });
    expect(result.fixes[0]?.edits).toEqual([
      {
        kind: 'statement',
        sid: 'AllowRequestsByOrgsIdentitiesToOrgsResources',
        enabled: true,
        service: 's3',
      },
    ]);
  });
});
