import { describe, expect, it } from 'vitest';
import type { PerimeterConfigDocument } from '@/core/config/schema';
import { generate } from '@/core/generate/generate';
import { checkPolicyForVerdict } from '@/core/validate/verdict-check';
import { perimeterScenarios, savedRequestOf } from '@/core/evaluate/scenarios';
import { endpointLabel, simulatorVerdict, verdictIdentity } from './simulator-verdict';
import { testConfig, testServiceId } from '@/core/catalog/ids.testing';

const config: PerimeterConfigDocument = {
  version: 1,
  organizationIds: ['o-a1b2c3d4e5'],
  regions: ['us-east-1', 'eu-west-1'],
  services: ['s3'],
  // The third-party statements need values of their own; without them the policy has values to fill.
  statements: {
    AllowRequestsByThirdPartyIdentitiesToThirdPartyResources: false,
    AllowRequestsByOrgsIdentitiesToThirdPartyResources: false,
  },
};
const reads = savedRequestOf(
  perimeterScenarios(testConfig(config), { service: testServiceId('s3') })[0]!,
);

describe('the simulator verdict', () => {
  it('is about the generated policy, the own text, or none when the request has errors', () => {
    const generated = simulatorVerdict(testConfig(config), reads, undefined);
    expect(generated).toMatchObject({
      kind: 'generated',
      endpoint: { service: 's3', region: undefined },
      result: { decision: 'Allowed' },
    });
    const text = generate(testConfig(config), testServiceId('s3')).text.replaceAll(
      'o-a1b2c3d4e5',
      'o-zzzzzzzzzz',
    );
    expect(simulatorVerdict(testConfig(config), reads, text)).toMatchObject({
      kind: 'own-text',
      result: { decision: 'ImplicitDeny' },
    });
    expect(simulatorVerdict(testConfig(config), reads, '{ "Statement": [')).toMatchObject({
      kind: 'policy-errors',
      policy: { kind: 'own-text' },
      unreadable: { code: 'json/syntax', range: { start: { line: 1 } } },
    });
    expect(simulatorVerdict(testConfig(config), undefined, text)).toEqual({
      kind: 'request-errors',
    });
  });

  it('gives no verdict on a text the validator finds errors in, with the errors and their places', () => {
    // A Deny that a malformed CIDR keeps from applying would otherwise let the request through.
    const text = JSON.stringify(
      {
        Version: '2012-10-17',
        Statement: [
          ...(
            JSON.parse(generate(testConfig(config), testServiceId('s3')).text) as {
              Statement: unknown[];
            }
          ).Statement,
          {
            Sid: 'DenyOutsideOurNetwork',
            Effect: 'Deny',
            Principal: '*',
            Action: '*',
            Resource: '*',
            Condition: { NotIpAddress: { 'aws:SourceIp': '10.0.0.0/33' } },
          },
        ],
      },
      null,
      2,
    );
    const verdict = simulatorVerdict(testConfig(config), reads, text);
    expect(verdict.kind).toBe('policy-errors');
    if (verdict.kind !== 'policy-errors') return;
    const line = text.split('\n').findIndex((l) => l.includes('10.0.0.0/33')) + 1;
    expect(verdict.errors.map((d) => d.range?.start.line)).toContain(line);
    // The places survive the copy the panel keeps.
    expect(JSON.parse(verdictIdentity(verdict))).toEqual(verdict);
  });

  it('gives no verdict on a generated policy with values still to fill', () => {
    const { statements: _on, ...unfilled } = config;
    expect(simulatorVerdict(testConfig(unfilled), reads, undefined)).toMatchObject({
      kind: 'policy-errors',
      policy: { kind: 'generated', endpoint: { service: 's3' } },
      errors: expect.arrayContaining([expect.objectContaining({ code: 'placeholder/unfilled' })]),
    });
  });

  it('gives no verdict when the evaluation goes over its budget, and says which budget', () => {
    // Patterns made to be slow against a long resource: the matching stops at its budget.
    const piece = `${'a?'.repeat(100)}b`;
    const text = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'SlowToMatch',
          Effect: 'Allow',
          Principal: '*',
          Action: 's3:GetObject',
          Resource: Array.from({ length: 20 }, (_, i) => `arn:aws:s3:::*${piece}*${'?'.repeat(i)}`),
          Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } },
        },
      ],
    });
    const slow = {
      ...reads,
      request: { ...reads.request, resource: `arn:aws:s3:::${'a'.repeat(2_000)}` },
    };
    expect(checkPolicyForVerdict(text).errors).toEqual([]);
    const verdict = simulatorVerdict(testConfig(config), slow, text);
    expect(verdict).toMatchObject({ kind: 'withheld', policy: { kind: 'own-text' } });
    if (verdict.kind === 'withheld') expect(verdict.reason).toMatch(/more than 1,000,000 steps/);
  });

  it('reads the same whatever the places of statements in the text', () => {
    const compact = generate(
      testConfig({ ...config, output: { format: 'minified' } }),
      testServiceId('s3'),
    ).text;
    const pretty = generate(testConfig(config), testServiceId('s3')).text;
    expect(verdictIdentity(simulatorVerdict(testConfig(config), reads, compact))).toBe(
      verdictIdentity(simulatorVerdict(testConfig(config), reads, pretty)),
    );
  });

  it('names the policy with the regions it covers', () => {
    expect(endpointLabel({ service: 'kms', region: 'eu-west-1' }, ['us-east-1', 'eu-west-1'])).toBe(
      'the kms policy for eu-west-1',
    );
    expect(endpointLabel({ service: 'kms', region: undefined }, ['us-east-1'])).toBe(
      'the kms policy for us-east-1',
    );
    expect(
      endpointLabel({ service: 's3', region: undefined }, [
        'us-east-1',
        'eu-west-1',
        'eu-central-1',
        'ap-south-1',
      ]),
    ).toBe('the s3 policy of all 4 selected regions (us-east-1, eu-west-1, eu-central-1, ...)');
    expect(endpointLabel({ service: 's3', region: undefined }, [])).toBe(
      'the s3 policy (no region selected)',
    );
  });
});
