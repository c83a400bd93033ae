import { MantineProvider } from '@mantine/core';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Composer } from './Composer';
import { OptionPicker } from './OptionPicker';

afterEach(cleanup);

const options = [
  { value: 'q-sd', label: 'Service Desk' },
  { value: 'q-net', label: 'Network' },
  { value: 'q-hw', label: 'Hardware' },
];

describe('keyboard picker', () => {
  it('filters as you type and picks the highlighted option with Enter', () => {
    const onPick = vi.fn();
    render(
      <MantineProvider>
        <OptionPicker title="Move to queue" options={options} onPick={onPick} onClose={() => {}} />
      </MantineProvider>,
    );
    const input = screen.getByRole('combobox', { name: /Move to queue/ });
    fireEvent.change(input, { target: { value: 'ware' } });
    expect(screen.getAllByRole('option').map((o) => o.textContent)).toEqual(['Hardware']);
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(onPick).toHaveBeenCalledWith('q-hw');
  });

  it('moves with the arrow keys, starting on the current value', () => {
    const onPick = vi.fn();
    render(
      <MantineProvider>
        <OptionPicker title="Move to queue" options={options} current="q-net" onPick={onPick} onClose={() => {}} />
      </MantineProvider>,
    );
    const input = screen.getByRole('combobox', { name: /Move to queue/ });
    fireEvent.keyDown(input, { key: 'ArrowDown' });
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(onPick).toHaveBeenCalledWith('q-hw');
  });

  it('tells the user what to do when nothing matches', () => {
    render(
      <MantineProvider>
        <OptionPicker title="Move to queue" options={options} onPick={() => {}} onClose={() => {}} />
      </MantineProvider>,
    );
    fireEvent.change(screen.getByRole('combobox', { name: /Move to queue/ }), { target: { value: 'zzz' } });
    expect(screen.getByText(/Nothing matches/).textContent).toContain('Esc');
  });
});

describe('composer', () => {
  it('sends with Ctrl+Enter and cancels with Esc', async () => {
    const onSend = vi.fn(async () => {});
    const onCancel = vi.fn();
    render(
      <MantineProvider>
        <Composer visibility="internal" draftKey="t1:internal" onSend={onSend} onCancel={onCancel} />
      </MantineProvider>,
    );
    const box = screen.getByRole('textbox', { name: /Internal note/ });
    fireEvent.change(box, { target: { value: 'Checked the switch port' } });
    fireEvent.keyDown(box, { key: 'Enter', ctrlKey: true });
    expect(onSend).toHaveBeenCalledWith('Checked the switch port');
    fireEvent.keyDown(box, { key: 'Escape' });
    expect(onCancel).toHaveBeenCalled();
  });

  it('does not send an empty reply', () => {
    const onSend = vi.fn(async () => {});
    render(
      <MantineProvider>
        <Composer visibility="public" draftKey="t1:public" onSend={onSend} onCancel={() => {}} />
      </MantineProvider>,
    );
    fireEvent.keyDown(screen.getByRole('textbox', { name: /Reply/ }), { key: 'Enter', ctrlKey: true });
    expect(onSend).not.toHaveBeenCalled();
  });
});
