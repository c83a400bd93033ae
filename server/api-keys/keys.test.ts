import { describe, expect, it } from 'vitest';
import { mayActFor } from './keys';

describe('API key on-behalf-of rules', () => {
  it('allows any requester, an email domain, or exactly one address', () => {
    expect(mayActFor('*', 'rita@demo.local')).toBe(true);
    expect(mayActFor('@demo.local', 'Rita@Demo.Local')).toBe(true);
    expect(mayActFor('@demo.local', 'rita@evil-demo.local.example')).toBe(false);
    expect(mayActFor('@demo.local', 'rita@notdemo.local')).toBe(false);
    expect(mayActFor('rita@demo.local', 'RITA@demo.local')).toBe(true);
    expect(mayActFor('rita@demo.local', 'sam@demo.local')).toBe(false);
  });
});
