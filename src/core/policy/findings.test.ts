import { describe, expect, it } from 'vitest';
import { offsetToPosition } from '../diagnostics';
import { Findings, LineIndex, MAX_DIAGNOSTICS } from './findings';

describe('LineIndex', () => {
  it('gives the same positions as offsetToPosition', () => {
    const text = 'first line\n\n  third {\n"fourth"\r\nlast';
    const lines = new LineIndex(text);
    for (let offset = -1; offset <= text.length + 1; offset++) {
      expect(lines.position(offset), `offset ${offset}`).toEqual(offsetToPosition(text, offset));
    }
  });
});

describe('Findings', () => {
  it('keeps at most the cap and closes with a note of the worst severity left out', () => {
    const findings = new Findings(new LineIndex('{}'));
    for (let i = 0; i < MAX_DIAGNOSTICS; i++) findings.info('validate/partly-checked', 'a note');
    findings.warning('size/near-limit', 'a warning');
    findings.error('grammar/invalid-value', 'an error');
    const list = findings.finish();
    expect(list).toHaveLength(MAX_DIAGNOSTICS + 1);
    expect(list.at(-1)).toMatchObject({ code: 'validate/too-many-findings', severity: 'error' });
    expect(list.at(-1)?.message).toMatch(/^2 more findings are not shown \(1 errors, 1 warnings\)/);
  });

  it('adds no note when nothing was left out', () => {
    const findings = new Findings(new LineIndex('{}'));
    findings.warning('size/near-limit', 'a warning', {
      offset: 1,
      length: 1,
      path: ['Statement', 0, 'Sid'],
    });
    expect(findings.finish()).toEqual([
      {
        severity: 'warning',
        code: 'size/near-limit',
        message: 'a warning',
        path: 'Statement[0].Sid',
        range: { start: { line: 1, column: 2 }, end: { line: 1, column: 3 } },
      },
    ]);
  });
});
