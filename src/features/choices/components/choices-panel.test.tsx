// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BuilderStoreProvider, createBuilderStore } from '@/state/builder-store';
import { loadConfigValidator } from '@/state/config-validator';
import { ChoicesPanel } from './choices-panel';

afterEach(cleanup);

function renderPanel(props: Parameters<typeof ChoicesPanel>[0] = {}) {
  const store = createBuilderStore();
  render(
    <BuilderStoreProvider store={store}>
      <ChoicesPanel {...props} />
    </BuilderStoreProvider>,
  );
  return store;
}

describe('ChoicesPanel', () => {
  it('draws the statement rows in a second pass when asked, and is usable once they are there', async () => {
    vi.useFakeTimers();
    try {
      const onUsable = vi.fn();
      renderPanel({ statementsAfterMs: 200, onUsable });
      // The fields first, with nothing else to draw for a moment.
      expect(screen.getByRole('textbox', { name: 'Organization ID' })).toBeTruthy();
      await act(async () => {
        await vi.advanceTimersByTimeAsync(150);
      });
      expect(screen.queryAllByRole('switch')).toHaveLength(0);
      expect(onUsable).not.toHaveBeenCalled();
      await act(async () => {
        await vi.advanceTimersByTimeAsync(100);
      });
      expect(screen.getAllByRole('switch')).toHaveLength(7);
      expect(onUsable).toHaveBeenCalledTimes(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it('names its controls as the browser tests and the benchmark expect', () => {
    renderPanel();
    expect(screen.getByRole('combobox', { name: 'Endpoint services' })).toBeTruthy();
    expect(screen.getByRole('combobox', { name: 'Regions' })).toBeTruthy();
    expect(screen.getByRole('textbox', { name: 'Organization ID' })).toBeTruthy();
    expect(screen.getAllByRole('switch')).toHaveLength(7);
    expect(
      screen.getByRole('switch', {
        name: /Our identities to our resources AllowRequestsByOrgsIdentitiesToOrgsResources/,
      }),
    ).toBeTruthy();
  });

  it('commits a valid organization id and keeps a bad one out of the choices, with the engine message', async () => {
    await loadConfigValidator();
    const store = renderPanel();
    const field = screen.getByRole('textbox', { name: 'Organization ID' });
    act(() => {
      fireEvent.change(field, { target: { value: 'o-a1b2c3d4e5' } });
    });
    await waitFor(() => expect(store.getState().config.organizationIds).toEqual(['o-a1b2c3d4e5']));
    act(() => {
      fireEvent.change(field, { target: { value: 'o-Bad' } });
    });
    await screen.findByText(/\("o-Bad"\): expected an organization id/);
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(store.getState().config.organizationIds).toEqual(['o-a1b2c3d4e5']);
  });

  /** Opens the details of "Our identities to trusted third-party resources" and types into one of its lists. */
  async function typeInThirdPartyList(name: string, value: string) {
    act(() => {
      fireEvent.click(
        screen.getByRole('button', {
          name: 'Details: Our identities to trusted third-party resources',
        }),
      );
    });
    const [field] = await screen.findAllByRole('textbox', { name });
    act(() => {
      fireEvent.change(field!, { target: { value } });
    });
    return field!;
  }

  it('says in words which account of a parameter list is repeated, and still takes the list', async () => {
    await loadConfigValidator();
    const store = renderPanel();
    const field = await typeInThirdPartyList(
      'Third-party account ids',
      '111122223333\n444455556666\n111122223333',
    );
    const message = await screen.findByText(/is listed twice/);
    expect(message.textContent).toBe(
      'Account 111122223333 is listed twice in Third-party account ids (items 1 and 3). Remove the repeated entry.',
    );
    expect(field.getAttribute('aria-invalid')).toBe('false');
    await waitFor(() =>
      expect(
        store.getState().config.parameters?.orgIdentitiesToThirdPartyResources?.accounts,
      ).toEqual(['111122223333', '444455556666', '111122223333']),
    );
  });

  it('takes an action in capitals as typed', async () => {
    await loadConfigValidator();
    const store = renderPanel();
    const field = await typeInThirdPartyList('Actions', 'S3:GETOBJECT');
    await waitFor(() =>
      expect(
        store.getState().config.parameters?.orgIdentitiesToThirdPartyResources?.actions,
      ).toEqual(['S3:GETOBJECT']),
    );
    expect(field.getAttribute('aria-invalid')).toBe('false');
  });

  it('turns a statement off for the previewed service and back to its template', () => {
    const store = renderPanel();
    const toggle = screen.getByRole('switch', { name: /AllowRequestsToAWSOwnedResources/ });
    expect((toggle as HTMLInputElement).checked).toBe(true);
    act(() => {
      fireEvent.click(toggle);
    });
    expect(store.getState().config.statements).toEqual({ AllowRequestsToAWSOwnedResources: false });
    expect((toggle as HTMLInputElement).checked).toBe(false);
    act(() => {
      fireEvent.click(toggle);
    });
    expect(store.getState().config.statements).toBeUndefined();
  });

  it('adds every commercial region at once', () => {
    const store = renderPanel();
    act(() => {
      fireEvent.click(screen.getByRole('button', { name: 'All commercial regions' }));
    });
    const regions = store.getState().config.regions;
    expect(regions.length).toBeGreaterThan(25);
    expect(regions).toContain('eu-west-1');
    expect(regions.some((r) => r.startsWith('cn-') || r.startsWith('us-gov-'))).toBe(false);
  });
});
