import { describe, expect, it } from 'vitest';
import { isLoopbackHost, sendsPasswordsInClear } from './loopback';

describe('loopback hosts', () => {
  it.each([
    'localhost',
    'LOCALHOST',
    'localhost.',
    'desk.localhost',
    '127.0.0.1',
    '127.1.2.3',
    '::1',
    '[::1]',
    '::ffff:127.0.0.1',
  ])('%s stays on this machine', (host) => {
    expect(isLoopbackHost(host)).toBe(true);
  });

  it.each([
    '0.0.0.0',
    '::',
    '192.0.2.2',
    '10.0.0.5',
    '128.0.0.1',
    'desk.example.com',
    'localhost.example.com',
    '127.0.0.1.nip.io',
    '::ffff:10.0.0.1',
  ])('%s reaches beyond it', (host) => {
    expect(isLoopbackHost(host)).toBe(false);
  });
});

describe('a password sent in clear', () => {
  it('is one sent over plain http to a host beyond this machine', () => {
    expect(sendsPasswordsInClear('http://desk.example.com')).toBe(true);
    expect(sendsPasswordsInClear('http://192.0.2.2:4100')).toBe(true);
    expect(sendsPasswordsInClear('HTTP://10.0.0.5:4100/desk')).toBe(true);
  });

  it('is not one sent over https, or over http on this machine in any spelling', () => {
    expect(sendsPasswordsInClear('https://desk.example.com')).toBe(false);
    expect(sendsPasswordsInClear('https://192.0.2.2:4100')).toBe(false);
    expect(sendsPasswordsInClear('http://127.0.0.1:4100')).toBe(false);
    expect(sendsPasswordsInClear('http://localhost:4100')).toBe(false);
    expect(sendsPasswordsInClear('http://[::1]:4100')).toBe(false);
    expect(sendsPasswordsInClear('http://[0:0:0:0:0:0:0:1]:4100')).toBe(false);
    expect(sendsPasswordsInClear('http://[::ffff:127.0.0.1]:4100')).toBe(false);
    expect(sendsPasswordsInClear('http://2130706433:4100')).toBe(false);
  });
});
