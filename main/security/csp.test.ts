import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, injectCspMeta } from './csp';

const directives = (csp: string) => new Map(csp.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));

describe('content security policy', () => {
  it('allows scripts only from the app, never eval or inline', () => {
    const csp = contentSecurityPolicy('https://desk.example.com');
    expect(csp).not.toContain('unsafe-eval');
    expect(directives(csp).get('script-src')).toEqual(["'self'"]);
    expect(directives(csp).get('default-src')).toEqual(["'self'"]);
    expect(directives(csp).get('object-src')).toEqual(["'none'"]);
    expect(directives(csp).get('base-uri')).toEqual(["'none'"]);
    expect(directives(csp).get('frame-ancestors')).toEqual(["'none'"]);
    expect(directives(csp).get('img-src')).toEqual(["'self'", 'data:']);
  });

  it('connects only to the app and the configured server (its origin)', () => {
    expect(directives(contentSecurityPolicy('https://desk.example.com:8443/itsm')).get('connect-src')).toEqual([
      "'self'",
      'https://desk.example.com:8443',
    ]);
    expect(directives(contentSecurityPolicy(null)).get('connect-src')).toEqual(["'self'"]);
  });

  it('is repeated as a meta tag at the top of <head>, before any script', () => {
    const html = '<!doctype html><html><head><script type="module" src="./a.js"></script></head></html>';
    const out = injectCspMeta(html, contentSecurityPolicy(null));
    expect(out.indexOf('http-equiv="Content-Security-Policy"')).toBeLessThan(out.indexOf('<script'));
    expect(out).not.toContain('frame-ancestors'); // ignored in meta tags, and warned about
  });
});
