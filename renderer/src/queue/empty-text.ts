import type { ViewRef } from '../ui-state';

/** What to tell the user when a view is empty: what it means and what to press next. */
export function emptyText(view: ViewRef, title: string, filtered: boolean): string {
  if (filtered)
    return `No tickets in ${title} match these filters. Press Esc in the search box or clear the filters to see them all.`;
  switch (view.kind) {
    case 'mine':
      return 'You have no open tickets. Press g then u to pick one up from Unassigned.';
    case 'unassigned':
      return 'No tickets in Unassigned — nice. Press g then q to pick another queue.';
    case 'breaching':
      return 'Nothing is about to breach. Press g then m to work on your own tickets.';
    case 'breached':
      return 'No breached tickets. Press g then s to see what breaches soon.';
    default:
      return `No open tickets in ${title}. Press c to create one, or g then q to pick another queue.`;
  }
}
