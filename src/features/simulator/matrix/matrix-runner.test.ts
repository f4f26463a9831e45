import { describe, expect, it } from 'vitest';
import type { PerimeterConfigDocument } from '@/core/config/schema';
import { matrixSize, planRequestMatrix } from '@/core/evaluate/request-matrix';
import { endpointPolicyForNames } from '@/core/evaluate/suite';
import {
  cellsWithoutVerdict,
  noVerdictOf,
  runMatrixInSlices,
  type CheckedMatrixCell,
} from './matrix-runner';
import { testConfig } from '@/core/catalog/ids.testing';

const config: PerimeterConfigDocument = {
  version: 1,
  organizationIds: ['o-a1b2c3d4e5'],
  regions: ['us-east-1', 'eu-west-1'],
  services: ['kms'],
};
const plan = planRequestMatrix(testConfig(config));

function run(options: Partial<Parameters<typeof runMatrixInSlices>[0]> = {}) {
  const progress: number[] = [];
  let stop: () => void = () => undefined;
  const finished = new Promise<{ cells?: CheckedMatrixCell[]; failed?: string }>((resolve) => {
    stop = runMatrixInSlices({
      plan,
      config: testConfig(config),
      // Below zero: every slice ends after one cell.
      sliceMilliseconds: -1,
      onProgress: (done) => progress.push(done),
      onDone: (cells) => resolve({ cells }),
      onFailed: (failed) => resolve({ failed }),
      ...options,
    });
  });
  return { progress, finished, stop: () => stop() };
}

describe('the matrix in slices', () => {
  it('evaluates every cell, reporting the count after each slice', async () => {
    const { progress, finished } = run();
    const { cells } = await finished;
    expect(cells).toHaveLength(matrixSize(plan));
    expect(progress).toEqual(Array.from({ length: matrixSize(plan) }, (_, i) => i + 1));
  });

  it('stops when asked: no more slices, no result', async () => {
    let stopRun: () => void = () => undefined;
    const seen: number[] = [];
    const { finished, stop } = run({
      onProgress: (done) => {
        seen.push(done);
        if (done === 2) stopRun();
      },
    });
    stopRun = stop;
    const outcome = await Promise.race([
      finished,
      new Promise((resolve) => setTimeout(() => resolve('still waiting'), 200)),
    ]);
    expect(outcome).toBe('still waiting');
    expect(seen).toEqual([1, 2]);
  });

  it('ends with a message when the engine fails', async () => {
    const { finished } = run({
      policyFor: () => {
        throw new Error('no policy for this endpoint');
      },
    });
    expect(await finished).toEqual({ failed: 'no policy for this endpoint' });
  });

  it('gives no verdict in the cells of a policy with errors, and fails them', async () => {
    // A malformed CIDR in a Deny of the us-east-1 policy only (one policy per region).
    const perRegion: PerimeterConfigDocument = { ...config, output: { shape: 'per-region' } };
    const broken = (region: string | undefined) => {
      const policy = JSON.parse(
        endpointPolicyForNames(testConfig(perRegion), 'kms', region).text,
      ) as {
        Statement: unknown[];
      };
      policy.Statement.push({
        Sid: 'DenyOutsideOurNetwork',
        Effect: 'Deny',
        Principal: '*',
        Action: '*',
        Resource: '*',
        Condition: { NotIpAddress: { 'aws:SourceIp': '10.0.0.0/33' } },
      });
      return JSON.stringify(policy, null, 2);
    };
    const perRegionPlan = planRequestMatrix(testConfig(perRegion));
    const { finished } = run({
      plan: perRegionPlan,
      config: testConfig(perRegion),
      policyFor: (service, region) =>
        region === 'us-east-1'
          ? broken(region)
          : endpointPolicyForNames(testConfig(perRegion), service, region).text,
    });
    const cells = (await finished).cells!;
    const east = cells.filter((c) => c.region === 'us-east-1');
    const west = cells.filter((c) => c.region === 'eu-west-1');
    expect(east.length).toBeGreaterThan(0);
    expect(east.every((c) => c.policyErrors! > 0 && !c.passed)).toBe(true);
    expect(east.map(noVerdictOf)).toEqual(east.map(() => 'the policy has errors'));
    expect(west.every((c) => c.policyErrors === undefined && noVerdictOf(c) === undefined)).toBe(
      true,
    );
    // Counted apart from wrong verdicts, with the reason once.
    expect(cellsWithoutVerdict(cells)).toEqual({
      count: east.length,
      reasons: ['the policy has errors'],
    });
  });

  it('counts the cells of an unfinished policy as without a verdict, not as wrong verdicts', async () => {
    const unfinished: PerimeterConfigDocument = { ...config, organizationIds: [] };
    const { finished } = run({ config: testConfig(unfinished) });
    const cells = (await finished).cells!;
    expect(cells).toHaveLength(matrixSize(plan));
    expect(cellsWithoutVerdict(cells)).toEqual({
      count: cells.length,
      reasons: ['the policy has values still to fill'],
    });
    // With the organization given, every cell has its verdict.
    const complete = (await run().finished).cells!;
    expect(cellsWithoutVerdict(complete)).toEqual({ count: 0, reasons: [] });
  });
});
