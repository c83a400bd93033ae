import { describe, expect, it } from 'vitest';
import { DEMO_CATALOG, DEMO_USERS } from '../rx/demo-data';
import {
  categoryOptions,
  categoryPatch,
  checkText,
  currentCategory,
  NO_CATEGORY,
  requesterOptions,
  typedCategory,
  typeOptions,
} from './field-edit';

describe('inline field editing', () => {
  it('takes a title trimmed, and names the field when the shared schema refuses it', () => {
    expect(checkText('title', '  Printer jams  ')).toEqual({ ok: true, value: 'Printer jams' });
    expect(checkText('title', '   ')).toEqual({ ok: false, error: 'Title is required' });
    expect(checkText('title', 'x'.repeat(201))).toEqual({ ok: false, error: 'Title must be at most 200 characters' });
    expect(checkText('description', 'y'.repeat(20_001))).toMatchObject({ ok: false, error: /^Description must be/ });
    // A description may be emptied, and keeps its line breaks and spaces.
    expect(checkText('description', '')).toEqual({ ok: true, value: '' });
    expect(checkText('description', ' a\n b ')).toEqual({ ok: true, value: ' a\n b ' });
  });

  it('offers the four ticket types with their number prefix', () => {
    expect(typeOptions().map((o) => `${o.label} ${o.hint}`)).toEqual([
      'Incident INC',
      'Service request REQ',
      'Problem PRB',
      'Change CHG',
    ]);
  });

  it('offers catalog items, then their categories, then none; an item brings its category', () => {
    const ticket = { catalogItemId: '', category: 'Printing' };
    const options = categoryOptions(DEMO_CATALOG, ticket);
    expect(options.map((o) => o.label)).toEqual([
      'New laptop',
      'VPN access',
      'Hardware',
      'Network',
      'Printing',
      'No category',
    ]);
    expect(currentCategory(ticket)).toBe('category:Printing');
    const laptop = options.find((o) => o.label === 'New laptop')?.value ?? '';
    expect(categoryPatch(laptop, DEMO_CATALOG)).toEqual({
      ok: true,
      value: { catalogItemId: 'cat-laptop', category: 'Hardware' },
    });
    expect(currentCategory({ catalogItemId: 'cat-laptop', category: 'Hardware' })).toBe(laptop);
    expect(categoryPatch(NO_CATEGORY, DEMO_CATALOG)).toEqual({ ok: true, value: { catalogItemId: '', category: '' } });
  });

  it('keeps a retired catalog item on offer only for the ticket that has it', () => {
    const retired = DEMO_CATALOG.map((c) => (c.id === 'cat-vpn' ? { ...c, active: false } : c));
    const labels = (catalogItemId: string) =>
      categoryOptions(retired, { catalogItemId, category: '' }).map((o) => o.label);
    expect(labels('')).not.toContain('VPN access');
    expect(labels('cat-vpn')).toContain('VPN access');
  });

  it('turns a typed category into a choice, and refuses one the schema would', () => {
    const typed = typedCategory('  Facilities ');
    expect(typed?.label).toBe('Use “Facilities” as the category');
    expect(categoryPatch(typed?.value ?? '', DEMO_CATALOG)).toEqual({
      ok: true,
      value: { catalogItemId: '', category: 'Facilities' },
    });
    expect(typedCategory('   ')).toBeNull();
    expect(categoryPatch(typedCategory('x'.repeat(81))?.value ?? '', DEMO_CATALOG)).toEqual({
      ok: false,
      error: 'Category must be at most 80 characters',
    });
  });

  it('lists active people by name with their e-mail, and keeps an inactive current requester', () => {
    const users = DEMO_USERS.map((u) => (u.id === 'u-req3' ? { ...u, active: false } : u));
    const names = requesterOptions(users, 'u-req').map((o) => o.label);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
    expect(names).not.toContain('Casey Okafor');
    expect(requesterOptions(users, 'u-req3').find((o) => o.value === 'u-req3')?.hint).toBe('casey@demo.local');
  });
});
