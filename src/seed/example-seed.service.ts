import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { CaseService } from '../case-graph/case.service';
import { AppConfigService } from '../config/app-config.service';
import { EmbeddedDatabase } from '../database/embedded-database';

export const EXAMPLE_CASE_FILE = 'examples/pilot-sabotage-risk-report.yaml';

/** Finds a file shipped at the repository root, from src/ under ts-node or dist/src/ when built. */
export function findRepoFile(relative: string): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) {
      throw new Error(`cannot find ${relative}: no package.json above ${__dirname}`);
    }
    dir = parent;
  }
  return join(dir, relative);
}

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
