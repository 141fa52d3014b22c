import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { AppConfigService } from '../../storage/config/app-config.service';
import { TokensService } from './tokens.service';

export const ADMIN_TOKEN_FILE = 'admin-token';

/**
 * On a database without any token, creates an owner token for every report and prints it once
 * with a sign-in link (as notebook servers do); it is also written, readable by this user only,
 * to DATA_DIR/admin-token. Everything but the health checks needs a token, so without this a new
 * installation could not be used at all.
 */
@Injectable()
export class FirstAdminToken implements OnApplicationBootstrap {
  private readonly logger = new Logger('access');

  constructor(
    private readonly tokens: TokensService,
    private readonly config: AppConfigService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const token = await this.tokens.createFirstAdminToken();
    if (!token) return;
    const file = resolve(this.config.dataDir, ADMIN_TOKEN_FILE);
    mkdirSync(this.config.dataDir, { recursive: true });
    writeFileSync(file, `${token}\n`, { mode: 0o600 });
    chmodSync(file, 0o600); // an existing file keeps its mode on write
    this.logger.log(
      [
        'No access token existed: created one for an administrator (owner of every report).',
        'It is shown this once and kept in ' + file + ' (mode 0600).',
        `    Dashboard:  http://localhost:${this.config.port}/#?token=${token}`,
        `    API:        Authorization: Bearer ${token}`,
      ].join('\n'),
    );
  }
}
