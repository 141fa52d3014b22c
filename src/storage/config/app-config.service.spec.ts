import { ConfigService } from '@nestjs/config';
import { AppConfigService } from './app-config.service';
import { validateEnvironment } from './env.validation';

/** The service's configuration from these environment variables alone (as ConfigModule does). */
const configOf = (env: Record<string, string>) =>
  new AppConfigService(new ConfigService({ _PROCESS_ENV_VALIDATED: validateEnvironment(env) }));

describe('hardening settings of the environment', () => {
  it('answers introspection by default except in production; GRAPHQL_INTROSPECTION decides', () => {
    expect(configOf({}).introspection).toBe(true);
    expect(configOf({ NODE_ENV: 'test' }).introspection).toBe(true);
    expect(configOf({ NODE_ENV: 'production' }).introspection).toBe(false);
    expect(configOf({ NODE_ENV: 'production', GRAPHQL_INTROSPECTION: '' }).introspection).toBe(
      false,
    );
    expect(configOf({ NODE_ENV: 'production', GRAPHQL_INTROSPECTION: 'true' }).introspection).toBe(
      true,
    );
    expect(configOf({ GRAPHQL_INTROSPECTION: 'false' }).introspection).toBe(false);
    expect(() => configOf({ GRAPHQL_INTROSPECTION: 'yes' })).toThrow(/GRAPHQL_INTROSPECTION/);
  });

  it('limits each token to 600 requests a minute by default; 0 turns it off', () => {
    expect(configOf({}).rateLimitPerMinute).toBe(600);
    expect(configOf({ RATE_LIMIT_PER_MINUTE: '0' }).rateLimitPerMinute).toBe(0);
    expect(configOf({ RATE_LIMIT_PER_MINUTE: '30' }).rateLimitPerMinute).toBe(30);
    expect(() => configOf({ RATE_LIMIT_PER_MINUTE: '-1' })).toThrow(/RATE_LIMIT_PER_MINUTE/);
    expect(() => configOf({ RATE_LIMIT_PER_MINUTE: 'lots' })).toThrow(/RATE_LIMIT_PER_MINUTE/);
  });

  it('shows stack traces in development only', () => {
    expect(configOf({}).isDevelopment).toBe(true);
    expect(configOf({ NODE_ENV: 'test' }).isDevelopment).toBe(false);
    expect(configOf({ NODE_ENV: 'production' }).isDevelopment).toBe(false);
  });
});
