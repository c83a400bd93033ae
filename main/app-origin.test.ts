import { describe, expect, it } from 'vitest';
import { APP_ORIGIN, appOrigins, isAppUrl, originOf } from './app-origin';

describe('app origin', () => {
  it('reads the origin of the privileged scheme, which Node calls "null"', () => {
    expect(new URL('app://workstation/index.html').origin).toBe('null');
    expect(originOf('app://workstation/index.html')).toBe(APP_ORIGIN);
    expect(originOf('http://localhost:5173/src/main.tsx')).toBe('http://localhost:5173');
    expect(originOf('not a url')).toBeNull();
    expect(originOf('mailto:help@example.com')).toBeNull();
  });

  it('trusts the Vite dev server in development only', () => {
    const rendererUrl = 'http://localhost:5173/';
    expect([...appOrigins({ isPackaged: false, rendererUrl })]).toEqual([APP_ORIGIN, 'http://localhost:5173']);
    expect([...appOrigins({ isPackaged: true, rendererUrl })]).toEqual([APP_ORIGIN]);
    expect([...appOrigins({ isPackaged: false, rendererUrl: undefined })]).toEqual([APP_ORIGIN]);
  });

  it('does not mistake look-alike hosts for the app', () => {
    const origins = appOrigins({ isPackaged: true, rendererUrl: undefined });
    expect(isAppUrl('app://workstation/assets/index.js', origins)).toBe(true);
    expect(isAppUrl('app://workstation.evil.com/', origins)).toBe(false);
    expect(isAppUrl('app://evil/', origins)).toBe(false);
    expect(isAppUrl('https://workstation/', origins)).toBe(false);
    expect(isAppUrl('file:///etc/passwd', origins)).toBe(false);
  });
});
