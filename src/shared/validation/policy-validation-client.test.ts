import { describe, expect, it } from 'vitest';
import { loadIamIndex } from '@/core/iam/iam-index';
import { createPolicyChecker } from './policy-checker';
import {
  PolicyValidationClient,
  type ValidationOutcome,
  type ValidationPort,
} from './policy-validation-client';
import type { ValidationRequest, ValidationResponse } from './validation-protocol';

/** A port that records requests and answers only when told to. */
class ManualPort implements ValidationPort {
  readonly requests: ValidationRequest[] = [];
  listener: (response: ValidationResponse | undefined) => void = () => undefined;
  closed = false;
  post(request: ValidationRequest): void {
    this.requests.push(request);
  }
  listen(listener: (response: ValidationResponse | undefined) => void): void {
    this.listener = listener;
  }
  close(): void {
    this.closed = true;
  }
  answer(id: number): void {
    this.listener({
      type: 'result',
      id,
      validation: {
        diagnostics: [],
        size: { characters: 0, limit: 20480, headroom: 20480, minifiedFits: true },
      },
    });
  }
  sentTexts(): string[] {
    return this.requests.flatMap((r) => (r.type === 'validate' ? [r.text] : []));
  }
}

describe('PolicyValidationClient', () => {
  it('checks one text at a time and sends only the latest of those typed meanwhile', () => {
    const port = new ManualPort();
    const outcomes: ValidationOutcome[] = [];
    const client = new PolicyValidationClient(
      (o) => outcomes.push(o),
      () => port,
    );
    const first = client.request('a', {});
    client.request('ab', {});
    const last = client.request('abc', {});
    expect(port.sentTexts()).toEqual(['a']);
    port.answer(first);
    expect(port.sentTexts()).toEqual(['a', 'abc']);
    port.answer(last);
    expect(outcomes.map((o) => o.text)).toEqual(['a', 'abc']);
  });

  it('drops an answer about an older text than one already shown', () => {
    const port = new ManualPort();
    const outcomes: ValidationOutcome[] = [];
    const client = new PolicyValidationClient(
      (o) => outcomes.push(o),
      () => port,
    );
    const first = client.request('a', {});
    port.answer(first);
    const second = client.request('b', {});
    port.answer(second);
    port.answer(first);
    expect(outcomes.map((o) => o.id)).toEqual([first, second]);
  });

  it('moves to the in-page validator when the worker breaks, with the waiting text and the IAM wish', () => {
    const broken = new ManualPort();
    const fallback = new ManualPort();
    const outcomes: ValidationOutcome[] = [];
    const client = new PolicyValidationClient(
      (o) => outcomes.push(o),
      () => broken,
      () => fallback,
    );
    client.useIamIndex();
    client.request('a', {});
    const latest = client.request('ab', {});
    broken.listener(undefined);
    expect(broken.closed).toBe(true);
    expect(fallback.requests).toEqual([
      { type: 'use-iam-index' },
      { type: 'validate', id: latest, text: 'ab', options: {} },
    ]);
    fallback.answer(latest);
    expect(outcomes.map((o) => o.text)).toEqual(['ab']);
  });
});

describe('createPolicyChecker', () => {
  const policy = JSON.stringify(
    {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: '*',
          Action: 's3:GetObjectt',
          Resource: '*',
          Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } },
        },
      ],
    },
    null,
    2,
  );

  it('answers with the diagnostics and no policy model, then again with the IAM index once loaded', async () => {
    const responses: ValidationResponse[] = [];
    let resolveIndex: () => void = () => undefined;
    const indexLoaded = new Promise<void>((resolve) => (resolveIndex = resolve));
    const checker = createPolicyChecker(
      (r) => responses.push(r),
      () => loadIamIndex().finally(() => setTimeout(resolveIndex, 0)),
    );
    checker.handle({ type: 'validate', id: 1, text: policy, options: { service: 's3' } });
    const first = responses[0]!;
    expect(first.type === 'result' && 'model' in first.validation).toBe(false);
    expect(
      first.type === 'result' &&
        first.validation.diagnostics.some((d) => d.code === 'action/unknown'),
    ).toBe(false);
    checker.handle({ type: 'use-iam-index' });
    await indexLoaded;
    expect(responses).toHaveLength(2);
    const second = responses[1]!;
    expect(second.type === 'result' && second.id).toBe(1);
    expect(second.type === 'result' && second.validation.iamDataVersion).toBeTruthy();
    expect(second.type === 'result' && second.validation.diagnostics.map((d) => d.code)).toContain(
      'action/unknown',
    );
  });

  it('gives a diagnostic, not a failure, for bad input', () => {
    const responses: ValidationResponse[] = [];
    const checker = createPolicyChecker((r) => responses.push(r));
    checker.handle({ type: 'validate', id: 1, text: '\u0000\u0001binary', options: {} });
    checker.handle({ type: 'validate', id: 2, text: '{"Statement": [', options: {} });
    expect(responses.map((r) => r.type === 'result' && r.validation.diagnostics[0]?.code)).toEqual([
      'input/binary',
      'json/syntax',
    ]);
  });
});
