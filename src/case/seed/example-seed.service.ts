import { readFileSync } from 'node:fs';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { CaseService } from '../cases/case.service';
import { findRepoFile } from '../../core/shared/repo-file';
import { AppConfigService } from '../../storage/config/app-config.service';
import { EmbeddedDatabase } from '../../storage/database/embedded-database';

export const EXAMPLE_CASE_FILE = 'examples/pilot-sabotage-risk-report.yaml';

/** On the first start of an empty embedded database, load the example case. */
@Injectable()
export class ExampleSeedService implements OnApplicationBootstrap {
  private readonly logger = new Logger(ExampleSeedService.name);

  constructor(
    private readonly embedded: EmbeddedDatabase,
    private readonly config: AppConfigService,
    private readonly cases: CaseService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.embedded.fresh || !this.config.seedExample) return;
    const report = await this.cases.importCase(
      readFileSync(findRepoFile(EXAMPLE_CASE_FILE), 'utf8'),
      {
        replace: false,
      },
    );
    this.logger.log(`new embedded database: loaded the example case as report '${report.key}'`);
  }
}
