import { EventEmitter } from 'node:events';
import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { AppConfigService } from '../config/app-config.service';

/** A committed write changed statuses: its history rows are seq fromSeq..toSeq. */
export interface StatusEvent {
  readonly reportId: string;
  readonly reportKey: string;
  readonly version: number;
  readonly fromSeq: string;
  readonly toSeq: string;
}

const CHANNEL = 'loadbearing_status';

/**
 * Tells every instance sharing the database about committed status changes. On a PostgreSQL
 * server: NOTIFY, and one LISTEN connection per instance. Embedded PGlite serves one process, so
 * an in-process emitter is the whole bus.
 */
@Injectable()
export class StatusEventBus implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(StatusEventBus.name);
  private readonly local = new EventEmitter();
  private listener: Client | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfigService,
  ) {}

  async onModuleInit(): Promise<void> {
    const url = this.config.databaseUrl;
    if (!url) return;
    this.listener = new Client({ connectionString: url });
    this.listener.on('notification', (message) => {
      if (message.channel !== CHANNEL || !message.payload) return;
      this.local.emit('event', JSON.parse(message.payload) as StatusEvent);
    });
    this.listener.on('error', (e) => this.logger.error(`status event listener: ${e.message}`));
    await this.listener.connect();
    await this.listener.query(`LISTEN ${CHANNEL}`);
  }

  async onModuleDestroy(): Promise<void> {
    await this.listener?.end();
  }

  /** After commit: a lost notification loses a live update, never data (the history has it). */
  async publish(event: StatusEvent): Promise<void> {
    if (this.listener) {
      await this.dataSource.query('SELECT pg_notify($1, $2)', [CHANNEL, JSON.stringify(event)]);
    } else this.local.emit('event', event);
  }

  subscribe(handler: (event: StatusEvent) => void): () => void {
    this.local.on('event', handler);
    return () => this.local.off('event', handler);
  }
}
