import { describe, expect, it } from 'vitest';
import type { PerimeterConfigDocument } from '@/core/config/schema';
import { perimeterScenarios, savedRequestOf } from '@/core/evaluate/scenarios';
import { endpointPolicyForNames, runSavedRequestsAgainstConfig } from '@/core/evaluate/suite';
import { withStatementToggle } from '@/core/config/config-edits';
import {
  endpointOf,
  endpointPolicy,
  decisionOf,
  runSuiteOnChange,
  verdictFor,
  type SuiteMemory,
} from './simulation';
import { testConfig, testServiceId } from '@/core/catalog/ids.testing';

const config: PerimeterConfigDocument = {
  version: 1,
  organizationIds: ['o-a1b2c3d4e5'],
  regions: ['us-east-1', 'eu-west-1'],
  services: ['s3', 'ecr.api'],
  // The third-party statements need values of their own; without them the policy has values to fill.
  statements: {
    AllowRequestsByThirdPartyIdentitiesToThirdPartyResources: false,
    AllowRequestsByOrgsIdentitiesToThirdPartyResources: false,
  },
};
const perRegion: PerimeterConfigDocument = { ...config, output: { shape: 'per-region' } };
const suite = perimeterScenarios(testConfig(config), { service: testServiceId('s3') }).map(
  savedRequestOf,
);
const newMemory = (): SuiteMemory => ({ outcomes: [], decisions: new Map() });

describe('the endpoint whose policy decides', () => {
  it('is the policy the CLI evaluates, in both output shapes and with or without a region', () => {
    for (const shape of [config, perRegion]) {
      for (const region of [undefined, 'eu-west-1']) {
        const ours = endpointPolicy(testConfig(shape), endpointOf(testConfig(shape), 's3', region));
        const cli = endpointPolicyForNames(testConfig(shape), 's3', region);
        expect(ours.policy).toEqual(cli.policy);
        expect(ours.regions).toEqual(cli.regions);
      }
    }
  });

  it('names the region only when each region has its own policy', () => {
    expect(endpointOf(testConfig(config), 's3', 'eu-west-1')).toEqual({
      service: 's3',
      region: undefined,
    });
    // The first selected region in the catalog's order, as the preview's region picker lists them.
    expect(endpointOf(testConfig(perRegion), 's3', undefined)).toEqual({
      service: 's3',
      region: 'eu-west-1',
    });
    expect(endpointOf(testConfig(perRegion), 's3', 'us-east-1')).toEqual({
      service: 's3',
      region: 'us-east-1',
    });
  });
});

describe('verdicts', () => {
  it('agree with the CLI suite runner for every ready-made request', () => {
    const cli = runSavedRequestsAgainstConfig(testConfig(config), suite);
    const ours = suite.map((saved) =>
      decisionOf(
        verdictFor(testConfig(config), saved.service, saved.region, saved.request).outcome,
      ),
    );
    expect(ours).toEqual(cli.map((o) => o.result.decision));
    expect(ours[0]).toBe('Allowed');
  });

  it('follow the choices: turning the deciding statement off denies', () => {
    const [reads] = suite;
    const before = verdictFor(
      testConfig(config),
      reads!.service,
      reads!.region,
      reads!.request,
    ).outcome;
    expect(before.kind === 'evaluated' && before.result.deciding.map((s) => s.sid)).toEqual([
      'AllowRequestsByOrgsIdentitiesToOrgsResources',
    ]);
    const off = withStatementToggle(
      testConfig(config),
      'AllowRequestsByOrgsIdentitiesToOrgsResources',
      false,
    );
    expect(decisionOf(verdictFor(off, reads!.service, reads!.region, reads!.request).outcome)).toBe(
      'ImplicitDeny',
    );
  });

  it('are refused on a generated policy with values to fill, as the CLI refuses them', () => {
    const [reads] = suite;
    const { statements: _off, ...unfilled } = config;
    const { outcome } = verdictFor(
      testConfig(unfilled),
      reads!.service,
      reads!.region,
      reads!.request,
    );
    expect(outcome.kind).toBe('refused');
    expect(decisionOf(outcome)).toBeUndefined();
  });
});

describe('the saved suite on every change of choices', () => {
  const withSuite: PerimeterConfigDocument = { ...config, savedRequests: suite.slice(0, 3) };

  it('runs once per configuration and flags the verdicts a change turns', () => {
    const memory = newMemory();
    const first = runSuiteOnChange(testConfig(withSuite), memory);
    expect(first.map((o) => o.passed)).toEqual([true, true, true]);
    expect(first.some((o) => o.changedFrom !== undefined)).toBe(false);
    expect(runSuiteOnChange(testConfig(withSuite), memory)).toBe(first);

    const off = withStatementToggle(
      testConfig(withSuite),
      'AllowRequestsByOrgsIdentitiesToOrgsResources',
      false,
    );
    const second = runSuiteOnChange(off, memory);
    expect(second[0]).toMatchObject({ passed: false, changedFrom: 'Allowed' });
    expect(second[0]!.result.decision).toBe('ImplicitDeny');
    expect(second.slice(1).map((o) => o.changedFrom)).toEqual([undefined, undefined]);

    // Editing the suite alone keeps the flags of the last change of choices.
    const added = { ...off, savedRequests: [...off.savedRequests!, suite[3]!] };
    const third = runSuiteOnChange(added, memory);
    expect(third[0]!.changedFrom).toBe('Allowed');
    expect(third[3]!.changedFrom).toBeUndefined();

    // The next change of choices that leaves the verdict as it is clears the flag.
    const back = { ...added, organizationIds: ['o-a1b2c3d4e5'], regions: ['us-east-1'] };
    expect(runSuiteOnChange(testConfig(back), memory)[0]!.changedFrom).toBeUndefined();
  });

  it('gives no verdict to requests whose policy has errors, and fails them', () => {
    const { statements: _off, ...unfilled } = withSuite;
    const outcomes = runSuiteOnChange(testConfig(unfilled), newMemory());
    expect(outcomes.map((o) => [o.passed, o.policyErrors! > 0])).toEqual([
      [false, true],
      [false, true],
      [false, true],
    ]);
  });

  it('marks a request through an endpoint service the catalog does not know', () => {
    const unknown = { ...withSuite, savedRequests: [{ ...suite[0]!, service: 's4' }] };
    expect(runSuiteOnChange(testConfig(unknown), newMemory())[0]!.unknownService).toBe(true);
  });
});
