import { describe, expect, it } from 'vitest';
import { configFrom } from './config';
import { describeStorage } from './db/open';

describe('server config', () => {
  it('defaults to embedded PGlite in ./data on 127.0.0.1:4100', () => {
    const options = configFrom([], {});
    expect(options).toMatchObject({
      port: 4100,
      host: '127.0.0.1',
      dataDir: './data',
      corsOrigins: ['app://workstation'],
    });
    expect(options.demo).toBeUndefined();
  });

  it('reads flags over the environment', () => {
    const options = configFrom(['--demo', '--tickets', '50', '--port', '5000', '--data-dir', '/tmp/x'], {
      PORT: '4000',
      HOST: '0.0.0.0',
      CORS_ORIGINS: 'app://workstation, http://localhost:5173',
    });
    expect(options).toMatchObject({
      port: 5000,
      host: '0.0.0.0',
      dataDir: '/tmp/x',
      demo: { tickets: 50 },
      corsOrigins: ['app://workstation', 'http://localhost:5173'],
    });
  });

  it('seeds a demo of the size asked for: --tickets implies --demo', () => {
    expect(configFrom(['--tickets', '200'], {}).demo).toEqual({ tickets: 200 });
    expect(configFrom(['--demo'], {}).demo).toEqual({ tickets: 3000 });
    expect(configFrom(['--tickets', '100000', '--history-days', '1095'], {}).demo).toEqual({
      tickets: 100_000,
      history: { days: 1095, activeShare: 0.1 },
    });
    expect(() => configFrom(['--history-days', '7'], {})).toThrow(/--history-days/);
  });

  it('uses PostgreSQL when DATABASE_URL is set and never logs its password', () => {
    const options = configFrom([], { DATABASE_URL: 'postgres://me:secret@db.internal:5433/desk' });
    expect(options.databaseUrl).toBe('postgres://me:secret@db.internal:5433/desk');
    expect(options.dataDir).toBeUndefined();
    expect(describeStorage(options)).toBe('PostgreSQL at db.internal:5433/desk');
  });

  it('refuses a bad port or an unknown flag with a readable message', () => {
    expect(() => configFrom(['--port', 'http'], {})).toThrow('--port / PORT must be a whole number from 0 to 65535');
    expect(() => configFrom(['--bogus'], {})).toThrow(/bogus/);
  });

  it('sets the session idle time and the streams per session from the environment', () => {
    expect(configFrom([], {})).toMatchObject({ idleTimeoutMs: 8 * 60 * 60 * 1000, streamsPerSession: 5 });
    expect(configFrom([], { SESSION_IDLE_MINUTES: '30', STREAMS_PER_SESSION: '2' })).toMatchObject({
      idleTimeoutMs: 30 * 60 * 1000,
      streamsPerSession: 2,
    });
    expect(() => configFrom([], { SESSION_IDLE_MINUTES: '0' })).toThrow(/SESSION_IDLE_MINUTES must be a whole number/);
  });

  it('bounds PostgreSQL waits by default, configurable from the environment', () => {
    const url = 'postgres://db.internal/desk';
    expect(configFrom([], { DATABASE_URL: url }).waits).toEqual({
      lockTimeoutMs: 3_000,
      idleInTransactionMs: 4_000,
      statementTimeoutMs: 60_000,
      keepAliveMs: 10_000,
    });
    expect(configFrom([], { DATABASE_URL: url, PG_LOCK_TIMEOUT_MS: '500' }).waits?.lockTimeoutMs).toBe(500);
    expect(() => configFrom([], { DATABASE_URL: url, PG_IDLE_IN_TRANSACTION_MS: 'never' })).toThrow(
      /PG_IDLE_IN_TRANSACTION_MS must be a whole number/,
    );
  });
});
