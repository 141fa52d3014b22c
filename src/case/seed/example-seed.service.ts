import { readFileSync } from 'node:fs';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { CaseService } from '../cases/case.service';
import { findRepoFile } from '../../core/shared/repo-file';
import { AppConfigService } from '../../storage/config/app-config.service';
import { EmbeddedDatabase } from '../../storage/database/embedded-database';

/** The pilot, then the next model's draft that iterates on it (its lineage names the pilot's nodes). */
export const EXAMPLE_CASE_FILES = [
  'examples/pilot-sabotage-risk-report.yaml',
  'examples/next-model-draft.yaml',
];

/** On the first start of an empty embedded database, load the example cases. */
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
    for (const file of EXAMPLE_CASE_FILES) {
      const document = readFileSync(findRepoFile(file), 'utf8');
      const report = await this.cases.importCase(document, { replace: false });
      this.logger.log(
        `new embedded database: loaded the example ${file} as report '${report.key}'`,
      );
    }
  }
}
