import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { type Ticket, ticketLabel } from '../../../shared/domain/ticket';
import { demoTicket } from '../rx/demo-data';
import { demoUser, demoWorkspaceEachTest, renderInWorkspace } from '../testing/workspace';
import { useUi } from '../ui-state';
import { DetailPane } from './DetailPane';

const agent = demoUser('agent');
const desk = demoWorkspaceEachTest(agent, 6);
const shown = demoTicket(2, Date.now());

beforeEach(() => {
  useUi.setState({ detail: 'split', openTicketId: shown.id, focusArea: 'detail', announcement: null, composer: null });
});

/** The pane of the demo ticket, with focus in it as after Enter on the list. */
async function openPane() {
  renderInWorkspace(desk.store, agent, <DetailPane />);
  const pane = await screen.findByRole('region', { name: `Ticket ${ticketLabel(shown)}` });
  act(() => pane.focus());
  return pane;
}

const press = (key: string, mods: { shiftKey?: boolean; ctrlKey?: boolean } = {}) =>
  fireEvent.keyDown(document.activeElement ?? document.body, { key, ...mods });
const stored = async (): Promise<Ticket> =>
  (await desk.store.db.tickets.findOne(shown.id).exec())?.toMutableJSON() as Ticket;
const typeInto = (field: Element | null, text: string) =>
  fireEvent.change(field as Element, { target: { value: text } });

describe('inline edits in the detail pane', () => {
  it('e edits the title in place: focus in the field at once, Enter saves, focus back on the pane', async () => {
    const pane = await openPane();
    press('e');
    const field = screen.getByRole('textbox', { name: 'Title' });
    expect(document.activeElement).toBe(field);
    expect(field).toHaveProperty('value', shown.title);
    typeInto(field, '  Printer on floor 3 jams on duplex jobs ');
    press('Enter');
    await waitFor(async () => expect((await stored()).title).toBe('Printer on floor 3 jams on duplex jobs'));
    await waitFor(() => expect(screen.queryByRole('textbox', { name: 'Title' })).toBeNull());
    await waitFor(() => expect(document.activeElement).toBe(pane));
    expect(useUi.getState().announcement?.text).toBe('Title saved');
  });

  it('refuses a blank title with the reason and keeps the editor and its text', async () => {
    await openPane();
    press('e');
    typeInto(screen.getByRole('textbox', { name: 'Title' }), '   ');
    press('Enter');
    expect(await screen.findByText('Title is required')).toBeTruthy();
    expect(screen.getByRole('textbox', { name: 'Title' })).toHaveProperty('value', '   ');
    expect((await stored()).title).toBe(shown.title);
  });

  it('d edits the description: Enter is a new line, Ctrl+Enter saves', async () => {
    await openPane();
    press('d');
    const box = screen.getByRole('textbox', { name: 'Description' });
    expect(document.activeElement).toBe(box);
    typeInto(box, 'Line one\nLine two');
    press('Enter');
    expect(screen.getByRole('textbox', { name: 'Description' })).toBeTruthy();
    press('Enter', { ctrlKey: true });
    await waitFor(async () => expect((await stored()).description).toBe('Line one\nLine two'));
  });

  it('Esc cancels an editor without writing and gives focus back to the pane', async () => {
    const pane = await openPane();
    press('e');
    typeInto(screen.getByRole('textbox', { name: 'Title' }), 'Not this');
    press('Escape');
    expect(screen.queryByRole('textbox', { name: 'Title' })).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(pane));
    expect((await stored()).title).toBe(shown.title);
  });

  it('y, Shift+C and Shift+R pick the type, the catalog item and the requester by typing', async () => {
    const pane = await openPane();
    press('y');
    typeInto(screen.getByRole('combobox', { name: 'Change type: filter' }), 'prob');
    press('Enter');
    await waitFor(async () => expect((await stored()).type).toBe('problem'));
    await waitFor(() => expect(document.activeElement).toBe(pane));

    press('C', { shiftKey: true });
    typeInto(screen.getByRole('combobox', { name: /Change category/ }), 'laptop');
    await screen.findByRole('option', { name: /New laptop/ });
    press('Enter');
    await waitFor(async () =>
      expect(await stored()).toMatchObject({ catalogItemId: 'cat-laptop', category: 'Hardware' }),
    );
    await waitFor(() =>
      expect(within(pane).getByRole('button', { name: 'Category: change' }).textContent).toBe('New laptop · Hardware'),
    );

    await waitFor(() => expect(document.activeElement).toBe(pane));
    press('R', { shiftKey: true });
    typeInto(screen.getByRole('combobox', { name: 'Change requester: filter' }), 'morgan');
    press('Enter');
    await waitFor(async () => expect((await stored()).requesterId).toBe('u-req2'));
    await waitFor(() =>
      expect(within(pane).getByRole('button', { name: 'Requester: change' }).textContent).toContain('Morgan Diaz'),
    );
  });
});
