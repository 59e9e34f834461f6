import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('has defaults for everything: embedded database in ./data on 127.0.0.1:3000', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      publicUrl: 'http://127.0.0.1:3000',
      database: { kind: 'pglite', dataDir: './data' },
      admin: { email: 'admin@localhost', password: undefined },
      trustProxy: false,
    });
  });
  it('uses PostgreSQL when DATABASE_URL is set', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u@db:5432/ecoute' }).database).toEqual({
      kind: 'postgres',
      url: 'postgres://u@db:5432/ecoute',
      poolSize: 10,
    });
  });
  it('reads trusted proxies as a list, a boolean or a hop count', () => {
    expect(loadConfig({ ECOUTE_TRUST_PROXY: '10.0.0.0/8, 127.0.0.1' }).trustProxy).toEqual(['10.0.0.0/8', '127.0.0.1']);
    expect(loadConfig({ ECOUTE_TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    const hops = loadConfig({ ECOUTE_TRUST_PROXY: '2' }).trustProxy as (address: string, hop: number) => boolean;
    expect([hops('x', 0), hops('x', 1), hops('x', 2)]).toEqual([true, true, false]);
  });
  it('refuses invalid settings, naming each', () => {
    expect(() => loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', ECOUTE_ADMIN_PASSWORD: 'short' })).toThrow(
      /PORT.*DATABASE_URL.*ECOUTE_ADMIN_PASSWORD/,
    );
    expect(() => loadConfig({ ECOUTE_PUBLIC_URL: 'https://x.example/path/' })).toThrow(/ECOUTE_PUBLIC_URL/);
  });
  it('writes readable logs to a terminal and JSON otherwise, unless LOG_FORMAT says which', () => {
    expect(loadConfig({}, false).logFormat).toBe('json');
    expect(loadConfig({}, true).logFormat).toBe('pretty');
    expect(loadConfig({ LOG_FORMAT: 'json' }, true).logFormat).toBe('json');
    expect(loadConfig({ LOG_FORMAT: 'pretty' }, false).logFormat).toBe('pretty');
    expect(() => loadConfig({ LOG_FORMAT: 'yaml' })).toThrow(/LOG_FORMAT/);
  });
});
