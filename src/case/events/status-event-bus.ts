import { EventEmitter } from 'node:events';
import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { withTimeout } from '../../core/shared/with-timeout';
import { AppConfigService } from '../../storage/config/app-config.service';
import { Notifications, type Listener } from '../../storage/database/notifications';
import type { Tx } from '../../storage/database/transactions';

/** A committed write changed statuses: its history rows are seq fromSeq..toSeq. */
export interface StatusEvent {
  readonly reportId: string;
  readonly reportKey: string;
  readonly version: number;
  readonly fromSeq: string;
  readonly toSeq: string;
}

/** A review event, once committed: a finding added, or an information request answered. */
export interface ReviewEvent {
  readonly reportId: string;
  readonly reportKey: string;
  readonly kind: 'findingAdded' | 'requestAnswered';
  /** The finding's or the request's id. */
  readonly id: string;
}

const CHANNEL = 'loadbearing_status';
const REVIEW_CHANNEL = 'loadbearing_review';
/** Every change to a report row (a trigger: see the NotifyReportChanges migration). */
const REPORT_CHANNEL = 'loadbearing_report';

/** Told of changes to report rows made by any instance, and of whether it is told of all. */
export interface ReportRowWatcher {
  /** A report row changed: its version now, or null when it was deleted. */
  changed(reportId: string, version: number | null): void;
  /**
   * Whether, from now on, every change is told: true while the LISTEN connection is up (always
   * on embedded PGlite, where this process makes every change); false while changes may be missed.
   */
  watching(complete: boolean): void;
}
/** Reconnect delays of the LISTEN connection: doubling from the first to the last, then steady. */
const RECONNECT_FIRST_MS = 100;
const RECONNECT_MAX_MS = 5000;
/** How long connecting and LISTEN, or closing, may take (a network fault may answer nothing). */
const CONNECTION_TIMEOUT_MS = 5000;

/**
 * Tells every instance sharing the database about committed status changes. On a PostgreSQL
 * server: NOTIFY, and one LISTEN connection per instance, which reconnects (with backoff) and
 * listens again whenever it is lost; readiness reports it. Notifications sent while it is down
 * are lost for this instance: live updates, never data (the history has them). Embedded PGlite
 * serves one process, so an in-process emitter is the whole bus.
 *
 * The same connection listens for changes to report rows, for the instance's cache of them.
 */
@Injectable()
export class StatusEventBus implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(StatusEventBus.name);
  private readonly local = new EventEmitter();
  /** The LISTEN connection, once connected and listening; null while down or reconnecting. */
  private listener: Listener | null = null;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private reconnectDelay = RECONNECT_FIRST_MS;
  private closing = false;
  private readonly watchers: ReportRowWatcher[] = [];

  constructor(
    private readonly config: AppConfigService,
    private readonly notifications: Notifications,
  ) {}

  /** Tells `watcher` of report row changes, and at once whether it is told of all of them. */
  watchReports(watcher: ReportRowWatcher): void {
    this.watchers.push(watcher);
    watcher.watching(!this.serverMode || this.listener !== null);
  }

  /** Server mode: the first LISTEN must succeed, as the database must at start. */
  async onModuleInit(): Promise<void> {
    if (this.serverMode) await this.listen();
  }

  async onModuleDestroy(): Promise<void> {
    this.closing = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    const listener = this.listener;
    this.listener = null;
    for (const w of this.watchers) w.watching(false);
    if (listener) {
      await withTimeout(listener.end(), CONNECTION_TIMEOUT_MS, 'closing').catch(() => undefined);
    }
  }

  private get serverMode(): boolean {
    return Boolean(this.config.databaseUrl);
  }

  /**
   * For readiness: null on embedded PGlite (no LISTEN connection); otherwise whether the LISTEN
   * connection is up and answers a trivial query within `timeoutMs`. One that does not answer
   * (a half-open connection after a network fault) is dropped and reconnected.
   */
  async listenerUp(timeoutMs: number): Promise<boolean | null> {
    if (!this.serverMode) return null;
    const listener = this.listener;
    if (!listener) return false;
    try {
      await listener.ping(timeoutMs);
      return true;
    } catch (e) {
      this.lost(listener, e);
      return false;
    }
  }

  /**
   * On a server, sends the events with the writer's transaction (NOTIFY): they go out on commit,
   * in order, or not at all, and cost no round trip of their own.
   */
  async notify(tx: Tx, events: readonly StatusEvent[]): Promise<void> {
    if (!this.serverMode) return;
    await this.notifications.notifyAll(
      tx,
      CHANNEL,
      events.map((event) => JSON.stringify(event)),
    );
  }

  /**
   * On a server, the channel for a write that sends its events itself, in its own statement
   * (see CaseStore.writeStatusesIfAt); null on embedded PGlite, where `committed` tells them.
   */
  get channel(): string | null {
    return this.serverMode ? CHANNEL : null;
  }

  /** Embedded (one process, no NOTIFY): tells this instance's subscribers, once committed. */
  committed(events: readonly StatusEvent[]): void {
    if (this.serverMode) return;
    for (const event of events) this.local.emit('event', event);
  }

  subscribe(handler: (event: StatusEvent) => void): () => void {
    this.local.on('event', handler);
    return () => this.local.off('event', handler);
  }

  /**
   * Tells every instance of a committed review event: NOTIFY on a server (one statement after
   * the commit: if it fails, the live update is lost and logged, the data is not), at once on
   * embedded PGlite.
   */
  async publishReview(event: ReviewEvent): Promise<void> {
    if (!this.serverMode) {
      this.local.emit('review', event);
      return;
    }
    await this.notifications
      .notify(REVIEW_CHANNEL, JSON.stringify(event))
      .catch((e: unknown) =>
        this.logger.warn(`review event ${event.kind} ${event.id} not sent: ${String(e)}`),
      );
  }

  subscribeReviews(handler: (event: ReviewEvent) => void): () => void {
    this.local.on('review', handler);
    return () => this.local.off('review', handler);
  }

  /** Connects and LISTENs; on failure the connection is closed and the error thrown. */
  private async listen(): Promise<void> {
    let connected: Listener | null = null;
    const listener = await this.notifications.listen(
      this.config.databaseUrl!,
      [CHANNEL, REPORT_CHANNEL, REVIEW_CHANNEL],
      {
        notification: (channel, payload) => this.received(channel, payload),
        lost: (e) => {
          if (connected) this.lost(connected, e);
        },
      },
      CONNECTION_TIMEOUT_MS,
    );
    connected = listener;
    if (this.closing) {
      await listener.end().catch(() => undefined);
      return;
    }
    this.listener = listener;
    this.reconnectDelay = RECONNECT_FIRST_MS;
    for (const w of this.watchers) w.watching(true);
  }

  private received(channel: string, payload: string): void {
    if (channel === CHANNEL) {
      this.local.emit('event', JSON.parse(payload) as StatusEvent);
    } else if (channel === REVIEW_CHANNEL) {
      this.local.emit('review', JSON.parse(payload) as ReviewEvent);
    } else if (channel === REPORT_CHANNEL) {
      const [id, version] = payload.split(':');
      for (const w of this.watchers) w.changed(id, version === undefined ? null : Number(version));
    }
  }

  /** The LISTEN connection failed or ended: drop it and reconnect, unless shutting down. */
  private lost(listener: Listener, error: unknown): void {
    if (this.closing || listener !== this.listener) return;
    this.listener = null;
    for (const w of this.watchers) w.watching(false);
    listener.end().catch(() => undefined);
    this.logger.warn(`status event listener lost (${messageOf(error)}): reconnecting`);
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.closing || this.reconnectTimer) return;
    const delay = this.reconnectDelay;
    this.reconnectDelay = Math.min(delay * 2, RECONNECT_MAX_MS);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      this.listen().then(
        () => {
          if (this.listener) this.logger.log('status event listener reconnected');
        },
        (e: unknown) => {
          this.logger.warn(`status event listener: reconnect failed (${messageOf(e)})`);
          this.scheduleReconnect();
        },
      );
    }, delay);
    // A pending reconnect never keeps the process alive on its own.
    this.reconnectTimer.unref();
  }
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
