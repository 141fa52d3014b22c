import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { Access } from '../auth/access.decorators';
import { withTimeout } from '../../core/shared/with-timeout';
import { StatusEventBus } from '../../case/events/status-event-bus';
import { DatabaseProbe } from '../../storage/database/database-probe';

/** How long a readiness check waits for the database (and the LISTEN connection) to answer. */
export const READINESS_TIMEOUT_MS = 2000;

type UpDown = 'up' | 'down';
export interface Readiness {
  status: 'ok' | 'error';
  database: UpDown;
  /** Server mode only: the LISTEN connection that brings other instances' status events. */
  events?: UpDown;
}

/**
 * Probes for orchestrators and load balancers. They stay unauthenticated when bearer-token
 * authentication comes to the rest of the API: probes carry no credentials, and the answers
 * say nothing about the data.
 */
@Controller('health')
@Access('public')
export class HealthController {
  /** The database check under way, shared by concurrent probes so they do not pile up. */
  private databaseCheck: Promise<unknown> | null = null;

  constructor(
    private readonly database: DatabaseProbe,
    private readonly moduleRef: ModuleRef,
  ) {}

  /** Liveness: the process is up and its event loop runs. Touches nothing else. */
  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /**
   * Readiness: 200 when the database answers a trivial query within READINESS_TIMEOUT_MS and,
   * on a PostgreSQL server, the LISTEN connection is up; 503 naming what is down otherwise.
   * Both come back by themselves when the database does.
   */
  @Get('ready')
  async ready(): Promise<Readiness> {
    const [database, events] = await Promise.all([
      this.databaseUp(),
      this.moduleRef.get(StatusEventBus, { strict: false }).listenerUp(READINESS_TIMEOUT_MS),
    ]);
    const readiness: Readiness = {
      status: database && events !== false ? 'ok' : 'error',
      database: database ? 'up' : 'down',
      ...(events === null ? {} : { events: events ? 'up' : 'down' }),
    };
    if (readiness.status !== 'ok') throw new ServiceUnavailableException(readiness);
    return readiness;
  }

  /** The original check, kept for existing probes: 200 while the database answers, else 503. */
  @Get()
  async check(): Promise<{ status: 'ok'; database: 'up' }> {
    if (!(await this.databaseUp())) {
      throw new ServiceUnavailableException({ status: 'error', database: 'down' });
    }
    return { status: 'ok', database: 'up' };
  }

  private async databaseUp(): Promise<boolean> {
    let check = this.databaseCheck;
    if (!check) {
      const started: Promise<unknown> = this.database.ping();
      const forget = () => this.forget(started);
      started.then(forget, forget);
      this.databaseCheck = check = started;
    }
    try {
      await withTimeout(check, READINESS_TIMEOUT_MS, 'the database');
      return true;
    } catch {
      // A check that hangs is not shared beyond its timeout: the next probe starts afresh.
      this.forget(check);
      return false;
    }
  }

  private forget(check: Promise<unknown>): void {
    if (this.databaseCheck === check) this.databaseCheck = null;
  }
}
