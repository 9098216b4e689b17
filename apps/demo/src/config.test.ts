import { describe, expect, it } from 'vitest';
import { resolveConfig } from './config.ts';

describe('resolveConfig', () => {
  it('defaults to the local IdP and API of scripts/dev.mjs', () => {
    expect(resolveConfig({}, undefined)).toEqual({
      authority: 'http://127.0.0.1:4000',
      apiUrl: 'http://127.0.0.1:4001',
      clientId: 'ropc-kit-demo',
      refreshMargin: 10,
      automaticRefresh: true,
    });
  });

  it('reads VITE_* variables, numbers and booleans given as strings', () => {
    const env = {
      VITE_AUTHORITY: 'http://127.0.0.1:4100',
      VITE_API_URL: 'http://127.0.0.1:4101',
      VITE_CLIENT_ID: 'other',
      VITE_REFRESH_MARGIN: '5',
      VITE_AUTOMATIC_REFRESH: 'false',
    };
    expect(resolveConfig(env, undefined)).toEqual({
      authority: 'http://127.0.0.1:4100',
      apiUrl: 'http://127.0.0.1:4101',
      clientId: 'other',
      refreshMargin: 5,
      automaticRefresh: false,
    });
  });

  it('lets run-time overrides win over VITE_* variables, field by field', () => {
    const config = resolveConfig({ VITE_AUTHORITY: 'http://127.0.0.1:4100', VITE_REFRESH_MARGIN: '5' }, { refreshMargin: 1, automaticRefresh: false });
    expect(config.authority).toBe('http://127.0.0.1:4100');
    expect(config.refreshMargin).toBe(1);
    expect(config.automaticRefresh).toBe(false);
  });

  it('rejects wrongly typed values with a TypeError naming the field', () => {
    expect(() => resolveConfig({ VITE_REFRESH_MARGIN: 'soon' }, undefined)).toThrow(
      new TypeError('demo config: VITE_REFRESH_MARGIN must be a non-negative number of seconds'),
    );
    expect(() => resolveConfig({}, { automaticRefresh: 'yes' })).toThrow(new TypeError('demo config: automaticRefresh must be true or false'));
    expect(() => resolveConfig({}, { authority: 4000 })).toThrow(new TypeError('demo config: authority must be a string'));
    expect(() => resolveConfig({}, 'http://127.0.0.1:4000')).toThrow(
      new TypeError('demo config: window.__ROPC_DEMO_CONFIG__ must be an object'),
    );
  });
});
