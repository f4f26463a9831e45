// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { generate } from '@/core/generate/generate';
import { BuilderStoreProvider, createBuilderStore } from '@/state/builder-store';
import { defaultView } from '@/state/defaults';
import { checkOptionsFor } from './policy-workbench';
import { PolicyEditorGate } from './policy-editor-gate';
import { countFindings, describeCounts } from '@/core/finding-kinds';
import { placeOf } from '@/shared/diagnostics/place-of';
import { offsetOf } from './plain-source-editor';
import { testServiceId } from '@/core/catalog/ids.testing';

afterEach(cleanup);

// The project root: this environment's import.meta.url is not a file URL.
const sample = readFileSync(join(process.cwd(), 'e2e/fixtures/ssm_endpoint_policy.json'), 'utf8');
const filledSample = sample
  .replaceAll('<my-org-id>', 'o-a1b2c3d4e5')
  .replaceAll('<region>', 'eu-west-1');

/** The gate with the generated S3 policy, in the plain text view (no code editor in this test environment). */
function renderGate() {
  const store = createBuilderStore({ view: { ...defaultView(), policyView: 'text' } });
  const generated = generate(store.getState().config, testServiceId('s3'));
  render(
    <BuilderStoreProvider store={store}>
      <PolicyEditorGate
        generatedText={generated.text}
        service="s3"
        regions={['us-east-1']}
        fileName="s3-endpoint-policy.json"
      >
        <p>generated policy view</p>
      </PolicyEditorGate>
    </BuilderStoreProvider>,
  );
  return { store, generated };
}

function paste(text: string) {
  const target = screen.getByRole('textbox', { name: 'Paste a policy' });
  fireEvent.paste(target, { clipboardData: { files: [], getData: () => text } });
}

describe('policy workbench', () => {
  it('switches to editing the generated policy, lists a syntax error with its line, and puts the cursor there on a click', async () => {
    const { store, generated } = renderGate();
    expect(screen.getByText('generated policy view')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Edit policy' }));
    const area = (await screen.findByRole('textbox', {
      name: 'Policy text (editable)',
    })) as HTMLTextAreaElement;
    expect(area.value).toBe(generated.text);
    expect(screen.queryByText('generated policy view')).toBeNull();

    const broken = generated.text.replace('"Version": "2012-10-17",', '"Version": "2012-10-17" x');
    fireEvent.change(area, { target: { value: broken } });
    expect(store.getState().policyEditor.draft?.text).toBe(broken);
    const problems = await screen.findByRole('list', { name: 'Problems' }, { timeout: 5000 });
    const syntax = await within(problems).findByRole(
      'button',
      { name: /^error Line 2, column 27: JSON syntax error/ },
      { timeout: 5000 },
    );
    fireEvent.click(syntax);
    await waitFor(() =>
      expect(screen.getByRole('status', { name: 'Cursor position' }).textContent).toBe(
        'Line 2, column 27',
      ),
    );
    expect(area.selectionStart).toBe(offsetOf(broken, { line: 2, column: 27 }));

    fireEvent.click(screen.getByRole('button', { name: 'Generated policy' }));
    expect(screen.getByText('generated policy view')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Edit policy' }));
    expect(
      (
        (await screen.findByRole('textbox', {
          name: 'Policy text (editable)',
        })) as HTMLTextAreaElement
      ).value,
    ).toBe(broken);
  });

  it('imports a pasted policy, shows what it recognizes, and adopts it with what could not be mapped', async () => {
    const { store } = renderGate();
    fireEvent.click(screen.getByRole('button', { name: 'Import policy' }));
    const extra = JSON.parse(filledSample) as { Statement: unknown[] };
    extra.Statement.push({
      Sid: 'PartnerBucket',
      Effect: 'Allow',
      Principal: '*',
      Action: 's3:GetObject',
      Resource: 'arn:aws:s3:::partner-bucket/*',
    });
    await act(async () => paste(JSON.stringify(extra, null, 2)));
    const statements = await screen.findByRole(
      'list',
      { name: 'Recognized statements' },
      { timeout: 5000 },
    );
    expect(within(statements).getAllByRole('listitem')).toHaveLength(5);
    expect(statements.textContent).toContain(
      'AllowRequestsByOrgsIdentitiesToAWSResources: Our identities to named AWS-owned resources (by Sid and shape), 3 data access patterns',
    );
    expect(screen.getByText('Pasted.')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Adopt' }));
    // The policy is for another region than the one chosen: Adopt asks which to keep first.
    const question = screen.getByRole('group', { name: 'Before adopting' });
    expect(store.getState().config.services).toEqual(['s3']);
    expect(within(question).queryByRole('group', { name: 'Organization id' })).toBeNull();
    fireEvent.click(within(question).getByRole('button', { name: "Take the policy's: eu-west-1" }));
    fireEvent.click(within(question).getByRole('button', { name: 'Adopt with these' }));
    expect(store.getState().config.services).toEqual(['ssm']);
    expect(store.getState().config.regions).toEqual(['eu-west-1']);
    expect(store.getState().config.organizationIds).toEqual(['o-a1b2c3d4e5']);
    const unmapped = screen.getByRole('list', { name: 'Not mapped' });
    expect(unmapped.textContent).toContain(
      '"arn:aws:s3:::partner-bucket/*" belongs to no data access pattern of ssm',
    );
    expect(
      screen.getByText(
        /Loaded into the builder: ssm in eu-west-1, organization o-a1b2c3d4e5\. 2 elements could not be mapped/,
      ),
    ).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Undo adopt' }));
    expect(store.getState().config.services).toEqual(['s3']);

    // Kept by default: the region chosen, named in the message.
    fireEvent.click(screen.getByRole('button', { name: 'Adopt' }));
    fireEvent.click(screen.getByRole('button', { name: 'Adopt with these' }));
    expect(store.getState().config.regions).toEqual(['us-east-1']);
    expect(screen.getByText(/Kept your regions \(us-east-1\)/)).toBeTruthy();
  });

  it('brings back the text an import replaced, and keeps a recognition of another policy out of the summary', async () => {
    const { store, generated } = renderGate();
    fireEvent.click(screen.getByRole('button', { name: 'Import policy' }));
    await screen.findByRole('list', { name: 'Recognized statements' }, { timeout: 5000 });
    await act(async () => paste('\u0000\u0001 not a policy'));
    await screen.findByText('input/binary', undefined, { timeout: 5000 });
    expect(screen.queryByRole('list', { name: 'Recognized statements' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Bring back the replaced text' }));
    expect(store.getState().policyEditor.draft?.text).toBe(generated.text);
  });
});

describe('helpers', () => {
  it('names places and counts findings in words', () => {
    expect(placeOf({ start: { line: 3, column: 7 }, end: { line: 3, column: 9 } })).toBe(
      'Line 3, column 7',
    );
    expect(placeOf(undefined)).toBe('Whole policy');
    const summary = (diagnostics: Parameters<typeof countFindings>[0]) =>
      describeCounts(countFindings(diagnostics));
    expect(summary([])).toBe('No problems');
    const d = (severity: 'error' | 'warning' | 'info', code = 'x', message = 'x') => ({
      severity,
      code,
      message,
    });
    expect(summary([d('error'), d('info'), d('error'), d('info')])).toBe('2 errors');
    expect(summary([d('warning')])).toBe('1 warning');
    // The same placeholder in several places is one value to fill, as the builder counts it.
    const unfilled = d('error', 'placeholder/unfilled', '<my-org-id> is a placeholder');
    expect(summary([unfilled, unfilled, d('error')])).toBe('1 error, 1 to fill');
  });

  it('finds the offset of a line and column, clamped to the text', () => {
    expect(offsetOf('ab\ncd\nef', { line: 2, column: 2 })).toBe(4);
    expect(offsetOf('ab\ncd', { line: 9, column: 1 })).toBe(5);
    expect(offsetOf('ab\ncd', { line: 1, column: 99 })).toBe(5);
  });

  it('checks a policy started from a generated one for its service and regions only', () => {
    expect(checkOptionsFor({ kind: 'generated', service: 's3', regions: ['us-east-1'] })).toEqual({
      service: 's3',
      regions: ['us-east-1'],
    });
    expect(checkOptionsFor({ kind: 'generated', service: 's3', regions: [] })).toEqual({
      service: 's3',
    });
    expect(checkOptionsFor({ kind: 'file', name: 'a.json' })).toEqual({});
  });
});
