import { plainToInstance } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, Min, validateSync } from 'class-validator';

/** Every environment variable the service reads, checked once at boot. */
export class EnvironmentVariables {
  /** A PostgreSQL server; without it the service runs on embedded PGlite under DATA_DIR. */
  @IsOptional()
  @IsString()
  DATABASE_URL?: string;

  @IsString()
  DATA_DIR: string = './data';

  @IsInt()
  @Min(0)
  @Max(65535)
  PORT: number = 3000;

  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  /** Largest accepted request body (case files arrive inside GraphQL requests). */
  @IsString()
  BODY_LIMIT: string = '16mb';

  /** Bearer token for POST /hooks/alertmanager; the hook is off without it. */
  @IsOptional()
  @IsString()
  HOOK_TOKEN?: string;

  /** Bearer token for GET /metrics; metrics are off without it. */
  @IsOptional()
  @IsString()
  METRICS_TOKEN?: string;

  /** Alert labels that name the report and the mitigation an alert is about. */
  @IsString()
  HOOK_REPORT_LABEL: string = 'report';

  @IsString()
  HOOK_MITIGATION_LABEL: string = 'mitigation';

  /** Alert annotation giving the status to set while the alert fires (default degraded). */
  @IsString()
  HOOK_STATUS_ANNOTATION: string = 'loadbearing_status';

  /** How often to look for evidence past its validUntil; 0 turns the sweep off (reads still expire it). */
  @IsInt()
  @Min(0)
  EXPIRY_SWEEP_SECONDS: number = 60;

  /**
   * On SIGTERM or SIGINT: how long requests in flight may take to finish (the server accepts no
   * new connections meanwhile); closing the app afterwards gets as long again.
   */
  @IsInt()
  @Min(0)
  SHUTDOWN_TIMEOUT_SECONDS: number = 10;

  /**
   * Answer introspection queries (`__schema`, `__type`; the explorer needs them). Unset or
   * empty: on, except with NODE_ENV=production.
   */
  @IsOptional()
  @IsIn(['true', 'false', ''])
  GRAPHQL_INTROSPECTION?: 'true' | 'false' | '';

  /** GraphQL requests a minute per access token, per instance; 0 turns the limit off. */
  @IsInt()
  @Min(0)
  RATE_LIMIT_PER_MINUTE: number = 600;

  /** Load the example case on the first start of an empty embedded database. */
  @IsIn(['true', 'false'])
  SEED_EXAMPLE: 'true' | 'false' = 'true';
}

export function validateEnvironment(config: Record<string, unknown>): EnvironmentVariables {
  const env = plainToInstance(EnvironmentVariables, config, { enableImplicitConversion: true });
  const errors = validateSync(env, { skipMissingProperties: false });
  if (errors.length > 0) {
    const details = errors.map(
      (e) => `${e.property}: ${Object.values(e.constraints ?? {}).join(', ')}`,
    );
    throw new Error(`Invalid environment: ${details.join('; ')}`);
  }
  if (env.DATABASE_URL === '') env.DATABASE_URL = undefined;
  if (env.HOOK_TOKEN === '') env.HOOK_TOKEN = undefined;
  if (env.METRICS_TOKEN === '') env.METRICS_TOKEN = undefined;
  return env;
}
