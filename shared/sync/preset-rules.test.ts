import { describe, expect, it } from 'vitest';
import { makeSavedView } from '../testing/fixtures';
import { checkPresetWrite } from './preset-rules';

const agent = { id: 'u-agent', role: 'agent' as const };
const mine = makeSavedView({ ownerId: 'u-agent' });

describe('who may write a saved view', () => {
  it('lets its owner make, rename and delete it', () => {
    expect(checkPresetWrite(agent, null, mine)).toBeNull();
    expect(checkPresetWrite(agent, mine, { ...mine, name: 'Renamed' })).toBeNull();
    expect(checkPresetWrite(agent, mine, null)).toBeNull();
  });

  it('refuses anyone else, views made for someone else, and requesters', () => {
    const priyas = makeSavedView({ ownerId: 'u-priya' });
    expect(checkPresetWrite(agent, priyas, null)).toEqual({
      code: 'forbidden',
      message: 'This saved view belongs to someone else',
    });
    expect(checkPresetWrite({ id: 'u-admin', role: 'admin' }, mine, { ...mine, name: 'x' })?.code).toBe('forbidden');
    expect(checkPresetWrite(agent, null, priyas)?.message).toBe('ownerId: saved views can only be made for yourself');
    expect(checkPresetWrite({ id: 'u-agent', role: 'requester' }, null, mine)?.message).toBe(
      'Only staff keep saved views',
    );
  });

  it('refuses changing what was fixed when the view was made', () => {
    expect(checkPresetWrite(agent, mine, { ...mine, createdAt: '2020-01-01T00:00:00.000Z' })).toEqual({
      code: 'immutable',
      message: 'createdAt: cannot change once made',
    });
  });
});
