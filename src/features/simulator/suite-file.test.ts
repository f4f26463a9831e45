import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '@/cli/run-cli.testing';
import type { PerimeterConfigDocument } from '@/core/config/schema';
import type { SavedRequest } from '@/core/config/request-schema';
import { perimeterScenarios, savedRequestOf } from '@/core/evaluate/scenarios';
import { runSuite } from './simulation';
import { readSuiteFile, suiteFileText, suiteSizeProblem, withImportedRequests } from './suite-file';
import { testConfig, testRegionCode, testServiceId } from '@/core/catalog/ids.testing';

const suite: SavedRequest[] = perimeterScenarios({
  version: 1,
  organizationIds: ['o-a1b2c3d4e5'],
  regions: [testRegionCode('us-east-1')],
  services: [testServiceId('s3')],
}).map(savedRequestOf);

describe('the suite file', () => {
  it('is read back as written, as a list alone, and from a whole configuration', () => {
    expect(readSuiteFile('saved-requests.json', suiteFileText(suite))).toEqual({
      requests: suite,
      problems: [],
    });
    expect(readSuiteFile('list.json', JSON.stringify(suite)).requests).toEqual(suite);
    const configText = JSON.stringify({
      version: 1,
      organizationIds: [],
      regions: [],
      services: [],
      savedRequests: suite.slice(0, 1),
    });
    expect(readSuiteFile('perimeter.json', configText).requests).toEqual(suite.slice(0, 1));
  });

  it('reads JSON with comments, and YAML by the file name', () => {
    expect(
      readSuiteFile('s.jsonc', `// ours\n${suiteFileText(suite.slice(0, 1))}`).requests,
    ).toEqual(suite.slice(0, 1));
    const yaml =
      'savedRequests:\n  - name: anonymous read\n    service: s3\n    expect: ImplicitDeny\n    request:\n      principal: { type: anonymous }\n      action: s3:GetObject\n      resource: arn:aws:s3:::b/k\n';
    expect(readSuiteFile('suite.yaml', yaml).requests?.[0]?.name).toBe('anonymous read');
  });

  it('says where a file is wrong: the line and column of a syntax error, the path of a bad field', () => {
    expect(readSuiteFile('s.json', '{\n  "savedRequests": [,]\n}').problems[0]).toBe(
      's.json, line 2, column 21: JSON syntax error: expected a value.',
    );
    const bad = JSON.stringify([{ ...suite[0], expect: 'Maybe' }], null, 2);
    expect(readSuiteFile('s.json', bad).problems[0]).toMatch(
      /^s\.json, line \d+, column 15: \[0\]\.expect is "Maybe"; expected one of "Allowed", "ImplicitDeny", "ExplicitDeny"\.$/,
    );
    expect(readSuiteFile('s.yaml', 'savedRequests:\n  - name: [\n').problems[0]).toMatch(
      /^s\.yaml, line \d+, column \d+: /,
    );
    expect(readSuiteFile('s.json', '{"requests": []}').problems[0]).toContain(
      'Expected a list of saved requests',
    );
    expect(
      readSuiteFile('s.json', JSON.stringify([{ ...suite[0], service: 's4' }])).problems[0],
    ).toContain('"s4", which is not an endpoint service');
  });

  it('adds imported requests once each', () => {
    const merged = withImportedRequests(suite.slice(0, 2), suite.slice(1, 4));
    expect(merged).toMatchObject({ added: 2, alreadyThere: 1 });
    expect(merged.requests).toEqual(suite.slice(0, 4));
  });

  it('refuses a suite larger than a configuration keeps', () => {
    expect(suiteSizeProblem(suite)).toBeUndefined();
    const many = Array.from({ length: 501 }, (_, i) => ({ ...suite[0]!, name: `request ${i}` }));
    expect(suiteSizeProblem(many)).toBe(
      'The suite would hold 501 requests; a configuration keeps at most 500.',
    );
  });
});

describe('the exported suite in a pipeline', () => {
  it('is what `vpce-policy simulate --requests` runs, with the verdicts the panel shows', async () => {
    const config: PerimeterConfigDocument = {
      version: 1,
      organizationIds: ['o-a1b2c3d4e5'],
      regions: ['us-east-1', 'eu-west-1'],
      services: ['s3', 'ecr.api'],
      output: { shape: 'per-region' },
      // The suite was saved with the Amazon Linux 2023 repositories on; this configuration turns them off.
      dataAccessPatterns: { 'amazon-linux-2023-repositories': false },
      // Without their parameters these statements leave placeholders, and the CLI gives no
      // verdict on a policy with errors; the panel's verdicts are compared on valid policies.
      statements: {
        AllowRequestsByThirdPartyIdentitiesToThirdPartyResources: false,
        AllowRequestsByOrgsIdentitiesToThirdPartyResources: false,
      },
    };
    const dir = await mkdtemp(join(tmpdir(), 'vpce-suite-'));
    try {
      await writeFile(join(dir, 'perimeter.json'), JSON.stringify(config));
      await writeFile(join(dir, 'saved-requests.json'), suiteFileText(suite));
      const run = await runCli(
        ['simulate', '--config', 'perimeter.json', '--requests', 'saved-requests.json', '--json'],
        dir,
      );
      const report = JSON.parse(run.stdout) as {
        requests: { name: string; decision: string; passed: boolean }[];
      };
      const panel = runSuite(testConfig(config), suite);
      expect(report.requests.map((r) => [r.name, r.decision, r.passed])).toEqual(
        panel.map((o) => [o.saved.name, o.result.decision, o.passed]),
      );
      // One expectation fails, and the exit code says so.
      expect(panel.filter((o) => !o.passed).map((o) => o.saved.name)).toEqual([
        'An EC2 instance downloads Amazon Linux 2023 packages without credentials',
      ]);
      expect(run.code).toBe(1);

      // With the statements on but their parameters missing, the CLI refuses to give verdicts.
      const { statements: _on, ...unfilled } = config;
      await writeFile(join(dir, 'unfilled.json'), JSON.stringify(unfilled));
      const refused = await runCli(
        ['simulate', '--config', 'unfilled.json', '--requests', 'saved-requests.json'],
        dir,
      );
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain('no verdict is given on a policy with errors');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
