import { describe, expect, it } from 'vitest';
import { DEMO_CATALOG } from '../rx/demo-data';
import { draftErrors, namesOf } from './create-errors';

const laptop = DEMO_CATALOG.find((c) => c.id === 'cat-laptop') ?? null;
const draft = { title: '', requesterId: '', description: 'Screen flickers' };

describe('create form errors', () => {
  it('names each field with what is wrong, in words for a person', () => {
    const errors = draftErrors(draft, laptop, { neededBy: 'next week' });
    expect(errors.title?.text).toBe('Title is required');
    expect(errors.requesterId?.text).toBe('Requester: choose who asked for this');
    // A required choice left empty is "required", not zod's "expected string, received undefined".
    expect(errors['form.model']?.text).toBe('Model is required');
    expect(errors['form.neededBy']?.text).toBe('Needed by must be a date as YYYY-MM-DD');
    expect(errors['form.reason']).toBeUndefined();
    expect(errors.description).toBeUndefined();
  });

  it('lists the fields to fix in one line', () => {
    const three = {
      title: { label: 'Title', text: 'Title is required' },
      requesterId: { label: 'Requester', text: 'Requester: choose who asked for this' },
      'form.model': { label: 'Model', text: 'Model is required' },
    };
    expect(namesOf(three)).toBe('Title, Requester and Model');
    expect(namesOf({ title: { label: 'Title', text: 'Title is required' } })).toBe('Title');
  });
});
