import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { withTimeout } from '../../core/shared/with-timeout';
import { managerOf, type Tx } from './transactions';

/** A connection LISTENing on PostgreSQL channels (see Notifications.listen). */
export interface Listener {
  /** Whether it answers a trivial query within `timeoutMs` (it throws if not). */
  ping(timeoutMs: number): Promise<void>;
  end(): Promise<void>;
}

/** What a Listener tells: a notification, or that its connection failed or ended. */
export interface ListenerEvents {
  notification(channel: string, payload: string): void;
  lost(error: unknown): void;
}

/** PostgreSQL's NOTIFY and LISTEN, for the event bus (a server only: PGlite has no second session). */
@Injectable()
export class Notifications {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Sends `payloads` on `channel` with the transaction: on commit, in order, or not at all. */
  async notifyAll(tx: Tx, channel: string, payloads: readonly string[]): Promise<void> {
    if (payloads.length === 0) return;
    await managerOf(tx).query(
      'SELECT pg_notify($1, e.payload) FROM unnest($2::text[]) WITH ORDINALITY AS e(payload, n) ORDER BY e.n',
      [channel, payloads],
    );
  }

  /** Sends one notification in a statement of its own. */
  async notify(channel: string, payload: string): Promise<void> {
    await this.dataSource.query('SELECT pg_notify($1, $2)', [channel, payload]);
  }

  /**
   * A connection of its own to `url` that LISTENs on `channels`; on failure it is closed and the
   * error thrown. Once connected, `events.lost` tells when it fails or ends.
   */
  async listen(
    url: string,
    channels: readonly string[],
    events: ListenerEvents,
    timeoutMs: number,
  ): Promise<Listener> {
    const client = new Client({
      connectionString: url,
      connectionTimeoutMillis: timeoutMs,
      keepAlive: true,
    });
    client.on('notification', (message) => {
      if (message.payload) events.notification(message.channel, message.payload);
    });
    // Without an 'error' listener a dropped connection would crash the process.
    client.on('error', (e) => events.lost(e));
    client.on('end', () => events.lost(new Error('connection ended')));
    try {
      await client.connect();
      await withTimeout(
        client.query(channels.map((c) => `LISTEN ${c};`).join(' ')),
        timeoutMs,
        'LISTEN',
      );
    } catch (e) {
      await client.end().catch(() => undefined);
      throw e;
    }
    return {
      ping: async (pingTimeoutMs) => {
        await withTimeout(client.query('SELECT 1'), pingTimeoutMs, 'the LISTEN connection');
      },
      end: () => client.end(),
    };
  }
}
