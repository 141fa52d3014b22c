import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { EnvironmentVariables } from './env.validation';

/** Typed access to the validated environment. */
@Injectable()
export class AppConfigService {
  constructor(private readonly config: ConfigService<EnvironmentVariables, true>) {}

  get databaseUrl(): string | undefined {
    return this.config.get('DATABASE_URL', { infer: true });
  }
  get dataDir(): string {
    return this.config.get('DATA_DIR', { infer: true });
  }
  get port(): number {
    return this.config.get('PORT', { infer: true });
  }
  get isProduction(): boolean {
    return this.config.get('NODE_ENV', { infer: true }) === 'production';
  }
  get isDevelopment(): boolean {
    return this.config.get('NODE_ENV', { infer: true }) === 'development';
  }
  /** GRAPHQL_INTROSPECTION; unset: on except in production. */
  get introspection(): boolean {
    const value = this.config.get('GRAPHQL_INTROSPECTION', { infer: true });
    return value === 'true' || (value !== 'false' && !this.isProduction);
  }
  get rateLimitPerMinute(): number {
    return this.config.get('RATE_LIMIT_PER_MINUTE', { infer: true });
  }
  get bodyLimit(): string {
    return this.config.get('BODY_LIMIT', { infer: true });
  }
  get hook(): {
    token: string | undefined;
    reportLabel: string;
    mitigationLabel: string;
    statusAnnotation: string;
  } {
    return {
      token: this.config.get('HOOK_TOKEN', { infer: true }),
      reportLabel: this.config.get('HOOK_REPORT_LABEL', { infer: true }),
      mitigationLabel: this.config.get('HOOK_MITIGATION_LABEL', { infer: true }),
      statusAnnotation: this.config.get('HOOK_STATUS_ANNOTATION', { infer: true }),
    };
  }
  get metricsToken(): string | undefined {
    return this.config.get('METRICS_TOKEN', { infer: true });
  }
  get expirySweepSeconds(): number {
    return this.config.get('EXPIRY_SWEEP_SECONDS', { infer: true });
  }
  get shutdownTimeoutSeconds(): number {
    return this.config.get('SHUTDOWN_TIMEOUT_SECONDS', { infer: true });
  }
  get seedExample(): boolean {
    return this.config.get('SEED_EXAMPLE', { infer: true }) === 'true';
  }
}
