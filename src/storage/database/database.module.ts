import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource, TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfigService } from '../config/app-config.service';
import { buildDataSourceOptions } from './data-source';
import { EmbeddedDatabase } from './embedded-database';

/** PostgreSQL from DATABASE_URL when set, else embedded PGlite under DATA_DIR. */
const embeddedDatabaseProvider = {
  provide: EmbeddedDatabase,
  inject: [AppConfigService],
  useFactory: (config: AppConfigService) =>
    config.databaseUrl ? EmbeddedDatabase.none() : EmbeddedDatabase.open(config.dataDir),
};

@Global()
@Module({ providers: [embeddedDatabaseProvider], exports: [EmbeddedDatabase] })
class EmbeddedDatabaseModule {}

/** Closes PGlite only after TypeORM's pool is gone; PGlite would otherwise close under it. */
class DatabaseShutdown implements OnApplicationShutdown {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(EmbeddedDatabase) private readonly embedded: EmbeddedDatabase,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
    await this.embedded.close();
  }
}

@Module({
  imports: [
    EmbeddedDatabaseModule,
    TypeOrmModule.forRootAsync({
      inject: [AppConfigService, EmbeddedDatabase],
      useFactory: (config: AppConfigService, embedded: EmbeddedDatabase) => ({
        ...buildDataSourceOptions(
          embedded.database
            ? { kind: 'embedded', database: embedded.database }
            : { kind: 'server', url: config.databaseUrl! },
        ),
        // Fail fast on a bad URL instead of retrying for half a minute.
        retryAttempts: 2,
        retryDelay: 1000,
      }),
    }),
  ],
  providers: [DatabaseShutdown],
})
export class DatabaseModule {}
