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
  get bodyLimit(): string {
    return this.config.get('BODY_LIMIT', { infer: true });
  }
  get seedExample(): boolean {
    return this.config.get('SEED_EXAMPLE', { infer: true }) === 'true';
  }
}
