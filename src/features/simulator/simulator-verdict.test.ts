import { describe, expect, it } from 'vitest';
import type { PerimeterConfig } from '@/core/config/schema';
import { generate } from '@/core/generate/generate';
import { perimeterScenarios, savedRequestOf } from '@/core/evaluate/scenarios';
import { endpointLabel, simulatorVerdict, verdictIdentity } from './simulator-verdict';

const config: PerimeterConfig = {
  version: 1,
  organizationIds: ['o-a1b2c3d4e5'],
  regions: ['us-east-1', 'eu-west-1'],
  services: ['s3'],
};
const reads = savedRequestOf(perimeterScenarios(config, { service: 's3' })[0]!);

describe('the simulator verdict', () => {
  it('is one of four kinds: generated policy, own text, unreadable text, request with errors', () => {
    const generated = simulatorVerdict(config, reads, undefined);
    expect(generated).toMatchObject({
      kind: 'generated',
      endpoint: { service: 's3', region: undefined },
      result: { decision: 'Allowed' },
    });
    const text = generate(config, 's3').text.replaceAll('o-a1b2c3d4e5', 'o-zzzzzzzzzz');
    expect(simulatorVerdict(config, reads, text)).toMatchObject({
      kind: 'own-text',
      result: { decision: 'ImplicitDeny' },
    });
    expect(simulatorVerdict(config, reads, '{ "Statement": [')).toMatchObject({
      kind: 'unreadable-text',
      problem: expect.stringMatching(/\(line 1, column \d+\)$/),
    });
    expect(simulatorVerdict(config, undefined, text)).toEqual({ kind: 'request-errors' });
  });

  it('reads the same whatever the places of statements in the text', () => {
    const compact = generate({ ...config, output: { format: 'minified' } }, 's3').text;
    const pretty = generate(config, 's3').text;
    expect(verdictIdentity(simulatorVerdict(config, reads, compact))).toBe(
      verdictIdentity(simulatorVerdict(config, reads, pretty)),
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
