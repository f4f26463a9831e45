import { describe, expect, it } from 'vitest';
import { catalog } from '../catalog/catalog';
import type { PerimeterConfigDocument } from '../config/schema';
import { generate } from '../generate/generate';
import type { SavedRequest } from '../config/request-schema';
import {
  evaluateRequestMatrix,
  matrixSize,
  orderMatrixRows,
  planRequestMatrix,
} from './request-matrix';
import { readyMadeSpecsFor } from './scenarios';
import { testConfig, testRegionCode, testServiceId } from '../catalog/ids.testing';

const ORG = 'o-a1b2c3d4e5';
const config: PerimeterConfigDocument = {
  version: 1,
  organizationIds: [ORG],
  regions: ['eu-west-1', 'us-east-1'],
  services: ['kms', 's3', 'access-analyzer'],
};
const wrongExpectation: SavedRequest = {
  name: 'Anonymous read of our bucket, wrongly expected to pass',
  service: 's3',
  request: {
    principal: { type: 'anonymous' },
    action: 's3:GetObject',
    resource: 'arn:aws:s3:::example-data/a.csv',
  },
  expect: 'Allowed',
};

describe('the request matrix', () => {
  it('has a row for each ready-made request of the selected services and each saved request, a column per region', () => {
    const plan = planRequestMatrix(testConfig(config), [wrongExpectation]);
    const readyMade = [
      ...readyMadeSpecsFor(testServiceId('s3')),
      ...readyMadeSpecsFor(testServiceId('kms')),
    ];
    expect(plan.rows.filter((r) => r.kind === 'ready-made')).toHaveLength(readyMade.length);
    expect(plan.rows.at(-1)).toMatchObject({ kind: 'saved', index: 0, service: 's3' });
    // Canonical (catalog) order.
    expect(plan.regions).toEqual(['eu-west-1', 'us-east-1']);
    expect(plan.servicesWithoutReadyMade).toEqual(['access-analyzer']);
    expect(matrixSize(plan)).toBe((readyMade.length + 1) * 2);
  });

  it('finds every ready-made request as the generated policies decide it, and puts the failing rows first', () => {
    const plan = planRequestMatrix(testConfig(config), [wrongExpectation]);
    const cells = [...evaluateRequestMatrix(plan, testConfig(config))];
    expect(cells).toHaveLength(matrixSize(plan));
    expect(cells.filter((c) => !c.passed).map((c) => [plan.rows[c.row]!.name, c.region])).toEqual([
      [wrongExpectation.name, 'eu-west-1'],
      [wrongExpectation.name, 'us-east-1'],
    ]);
    const ordered = orderMatrixRows(plan, cells);
    expect(plan.rows[ordered[0]!.row]!.kind).toBe('saved');
    expect(ordered[0]!.failures).toBe(2);
    expect(ordered.slice(1).every((r) => r.failures === 0)).toBe(true);
    // A cell explains itself: the deciding statement, and why the verdict is expected.
    const al2023 = cells.find(
      (c) => plan.rows[c.row]!.key === 'ready-made:al2023-packages-without-credentials',
    )!;
    expect(al2023.deciding.map((d) => d.sid)).toEqual(['AllowRequestsToAWSOwnedResources']);
    expect(al2023.expectation).toContain('Amazon Linux 2023 package repositories');
  });

  it('runs a saved request that names a region in that region only', () => {
    const inUsEast1: SavedRequest = { ...wrongExpectation, region: 'us-east-1' };
    const inOregon: SavedRequest = { ...wrongExpectation, region: 'us-west-2' };
    const plan = planRequestMatrix(testConfig(config), [inUsEast1, inOregon]);
    const readyMade = plan.rows.filter((r) => r.kind === 'ready-made').length;
    expect(matrixSize(plan)).toBe(readyMade * 2 + 1);
    const saved = [...evaluateRequestMatrix(plan, testConfig(config))].filter(
      (c) => plan.rows[c.row]!.kind === 'saved',
    );
    expect(saved.map((c) => [plan.rows[c.row]!.key, c.region])).toEqual([['saved:0', 'us-east-1']]);
  });

  it('generates one policy per service, or per service and region when each region has its own', () => {
    const asked: string[] = [];
    const count = (shape: 'all-regions' | 'per-region') => {
      asked.length = 0;
      const shaped: PerimeterConfigDocument = { ...config, output: { shape } };
      const plan = planRequestMatrix(testConfig(shaped));
      for (const _cell of evaluateRequestMatrix(plan, testConfig(shaped), {
        policyFor: (service, region) => {
          asked.push(`${service} ${region ?? 'all'}`);
          return generate(
            testConfig(shaped),
            testServiceId(service),
            region ? { regions: [testRegionCode(region)] } : {},
          ).text;
        },
      }));
      return [...asked];
    };
    expect(count('all-regions')).toEqual(['kms all', 's3 all']);
    expect(count('per-region')).toEqual([
      'kms eu-west-1',
      'kms us-east-1',
      's3 eu-west-1',
      's3 us-east-1',
    ]);
  });

  it('runs against any policy: a text whose organization statement names another organization fails the requests of our roles', () => {
    const plan = planRequestMatrix(testConfig({ ...config, services: [testServiceId('kms')] }));
    const text = generate(testConfig(config), testServiceId('kms')).text.replaceAll(
      ORG,
      'o-zzzzzzzzzz',
    );
    const cells = [...evaluateRequestMatrix(plan, testConfig(config), { policyFor: () => text })];
    const failing = new Set(cells.filter((c) => !c.passed).map((c) => plan.rows[c.row]!.key));
    expect([...failing]).toEqual([
      'ready-made:kms-org-role-decrypts',
      'ready-made:kms-tagged-exclusion-foreign-key',
    ]);
  });

  it('covers every service and region selected: each cell once', () => {
    const everything: PerimeterConfigDocument = {
      version: 1,
      organizationIds: [ORG],
      regions: catalog.regions.map((r) => r.code),
      services: catalog.services.map((s) => s.id),
      output: { shape: 'per-region' },
    };
    const plan = planRequestMatrix(testConfig(everything));
    let cells = 0;
    let failures = 0;
    for (const cell of evaluateRequestMatrix(plan, testConfig(everything))) {
      cells++;
      if (!cell.passed) failures++;
    }
    expect(cells).toBe(matrixSize(plan));
    expect(cells).toBeGreaterThan(1000);
    expect(failures).toBe(0);
  });

  it('puts rows with a wrong verdict before rows that only lack a verdict', () => {
    const plan = planRequestMatrix(testConfig(config), [wrongExpectation]);
    const cells = [...evaluateRequestMatrix(plan, testConfig(config))];
    // The first ready-made row loses its verdict in both regions (as if withheld over the
    // budget): two failures, against the saved request's two wrong verdicts.
    const withheld = cells.map((cell) =>
      cell.row === 0 ? { ...cell, passed: false, withheld: 'over the budget' } : cell,
    );
    const ordered = orderMatrixRows(plan, withheld);
    expect(
      ordered.slice(0, 2).map((r) => [plan.rows[r.row]!.kind, r.failures, r.withoutVerdict]),
    ).toEqual([
      ['saved', 2, 0],
      ['ready-made', 2, 2],
    ]);
    expect(ordered[1]!.row).toBe(0);
    // Told by the caller which cells have no verdict: the same order from its own mark.
    const marked = cells.map((cell) =>
      cell.row === 0
        ? { ...cell, passed: false, unfinished: true }
        : { ...cell, unfinished: false },
    );
    expect(
      orderMatrixRows(plan, marked, (cell) => cell.unfinished)
        .map((r) => r.row)
        .slice(0, 2),
    ).toEqual(ordered.map((r) => r.row).slice(0, 2));
  });

  it('fails a cell whose evaluation went over its budget, whatever the expectation, and says why', () => {
    const piece = `${'a?'.repeat(100)}b`;
    const slowPolicy = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: '*',
          Action: 's3:GetObject',
          Resource: Array.from({ length: 20 }, (_, i) => `arn:aws:s3:::*${piece}*${'?'.repeat(i)}`),
          Condition: { StringEquals: { 'aws:PrincipalOrgID': ORG } },
        },
      ],
    });
    const slow: SavedRequest = {
      name: 'A read of a bucket with a long name',
      service: 's3',
      request: {
        principal: { type: 'iam', account: '111122223333', organizationId: ORG },
        action: 's3:GetObject',
        resource: `arn:aws:s3:::${'a'.repeat(2_000)}`,
      },
      // The withheld result's decision: the cell must fail all the same.
      expect: 'ImplicitDeny',
    };
    const s3Only: PerimeterConfigDocument = { ...config, services: [], regions: ['us-east-1'] };
    const plan = planRequestMatrix(testConfig(s3Only), [slow]);
    const [cell] = [
      ...evaluateRequestMatrix(plan, testConfig(s3Only), { policyFor: () => slowPolicy }),
    ];
    expect(cell).toMatchObject({
      passed: false,
      withheld: expect.stringMatching(/1,000,000 steps/),
    });
  });
});
