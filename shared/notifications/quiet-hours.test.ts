import { describe, expect, it } from 'vitest';
import { inQuietHours, isSilenced, wallMinutes } from './quiet-hours';

const at = (time: string): number => wallMinutes(time);

describe('quiet hours', () => {
  const overnight = { enabled: true, start: '20:00', end: '07:00' };

  it('spans midnight: quiet from the start, through midnight, until the end', () => {
    expect(inQuietHours(overnight, at('19:59'))).toBe(false);
    expect(inQuietHours(overnight, at('20:00'))).toBe(true);
    expect(inQuietHours(overnight, at('23:59'))).toBe(true);
    expect(inQuietHours(overnight, at('00:00'))).toBe(true);
    expect(inQuietHours(overnight, at('06:59'))).toBe(true);
    expect(inQuietHours(overnight, at('07:00'))).toBe(false);
  });

  it('works within one day, 24:00 closing it', () => {
    const lunch = { enabled: true, start: '12:00', end: '13:30' };
    expect(inQuietHours(lunch, at('11:59'))).toBe(false);
    expect(inQuietHours(lunch, at('12:45'))).toBe(true);
    expect(inQuietHours(lunch, at('13:30'))).toBe(false);
    expect(inQuietHours({ enabled: true, start: '18:00', end: '24:00' }, at('23:59'))).toBe(true);
  });

  it('is never quiet when disabled or when start equals end', () => {
    expect(inQuietHours({ ...overnight, enabled: false }, at('23:00'))).toBe(false);
    expect(inQuietHours({ enabled: true, start: '09:00', end: '09:00' }, at('09:00'))).toBe(false);
  });

  it('do-not-disturb silences at any hour', () => {
    const settings = { doNotDisturb: true, quietHours: { ...overnight, enabled: false } };
    expect(isSilenced(settings, at('10:00'))).toBe(true);
    expect(isSilenced({ ...settings, doNotDisturb: false }, at('10:00'))).toBe(false);
  });
});
