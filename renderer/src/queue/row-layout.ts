/**
 * Which columns a list row shows at the list's width. Wide: every column. Compact (the list beside an open ticket in
 * a wide window, or without the sidebar in a small one): number, priority, title, assignee, SLA. Narrow (split view
 * in a 1024 px window, about 440 px): the assignee goes too, so the title keeps room to be read; the pane beside it
 * names the assignee.
 */
export type RowLayout = 'full' | 'compact' | 'narrow';

export interface RowColumns {
  template: string;
  /** Requester, status and updated. */
  details: boolean;
  assignee: boolean;
}

export const ROW_COLUMNS: Record<RowLayout, RowColumns> = {
  full: { template: '84px 34px minmax(160px, 1fr) 130px 130px 72px 100px 64px', details: true, assignee: true },
  compact: { template: '76px 30px minmax(140px, 1fr) 110px 92px', details: false, assignee: true },
  narrow: { template: '76px 30px minmax(120px, 1fr) 92px', details: false, assignee: false },
};

export const rowLayoutFor = (width: number): RowLayout => (width >= 860 ? 'full' : width >= 560 ? 'compact' : 'narrow');
