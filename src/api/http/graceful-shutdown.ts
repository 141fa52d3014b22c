import type { Server, ServerResponse } from 'node:http';
import { Logger, type INestApplication } from '@nestjs/common';

/**
 * Graceful shutdown of the service on a signal. The HTTP server stops accepting connections at
 * once; the requests in flight finish (for at most `timeoutMs`, after which their connections are
 * closed); then the app closes: subscriptions, then TypeORM's pool, then embedded PGlite (see
 * DatabaseModule). The process exits 0, or 1 when closing fails or takes another `timeoutMs`.
 * A second signal meanwhile exits at once (1).
 *
 * In place of Nest's enableShutdownHooks, which closes the modules (Apollo, the event bus) while
 * the server still accepts requests and never bounds its wait for the ones in flight.
 */
export class GracefulShutdown {
  private readonly logger = new Logger('Shutdown');
  private readonly server: Server;
  private readonly inFlight = new Set<ServerResponse>();
  private draining = false;
  private allFinished: (() => void) | null = null;

  constructor(
    private readonly app: INestApplication,
    private readonly timeoutMs: number,
  ) {
    this.server = app.getHttpServer() as Server;
    this.server.on('request', (_request, response: ServerResponse) => this.track(response));
  }

  /** Shuts down on these signals, then exits. */
  onSignals(signals: NodeJS.Signals[]): this {
    for (const signal of signals) process.on(signal, () => void this.shutdownAndExit(signal));
    return this;
  }

  private async shutdownAndExit(signal: NodeJS.Signals): Promise<void> {
    if (this.draining) {
      this.logger.warn(`${signal} again: exiting without waiting`);
      process.exit(1);
    }
    this.logger.log(`${signal}: shutting down`);
    await this.drain();
    const deadline = setTimeout(() => {
      this.logger.error(`closing took longer than ${this.timeoutMs} ms: exiting`);
      process.exit(1);
    }, this.timeoutMs);
    deadline.unref();
    try {
      await this.app.close();
    } catch (e) {
      this.logger.error(
        `closing failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`,
      );
      process.exit(1);
    }
    this.logger.log('closed (HTTP server, subscriptions, database)');
    process.exit(0);
  }

  /**
   * Stops accepting connections and waits, at most `timeoutMs`, for the requests in flight; the
   * connections they came on close once they are answered. Resolves with whether all finished.
   */
  async drain(): Promise<boolean> {
    this.draining = true;
    // No callback: open WebSockets keep the server from closing until the app closes them.
    this.server.close();
    for (const response of this.inFlight) this.closeAfter(response);
    this.server.closeIdleConnections();
    this.logger.log(
      `stopped accepting connections; waiting for ${this.inFlight.size} request(s) in flight`,
    );
    let timer: NodeJS.Timeout | undefined;
    const finished = await new Promise<boolean>((resolve) => {
      if (this.inFlight.size === 0) return resolve(true);
      this.allFinished = () => resolve(true);
      timer = setTimeout(() => resolve(false), this.timeoutMs);
    });
    clearTimeout(timer);
    this.allFinished = null;
    if (finished) {
      this.logger.log('requests in flight finished');
      this.server.closeIdleConnections();
    } else {
      this.logger.warn(
        `${this.inFlight.size} request(s) still running after ${this.timeoutMs} ms: closing their connections`,
      );
      this.server.closeAllConnections();
    }
    return finished;
  }

  private track(response: ServerResponse): void {
    this.inFlight.add(response);
    // A request that arrives on an open keep-alive connection while draining is served, last.
    if (this.draining) this.closeAfter(response);
    response.once('close', () => {
      this.inFlight.delete(response);
      if (this.inFlight.size === 0) this.allFinished?.();
    });
  }

  /** The response's connection closes once it is sent (no keep-alive during shutdown). */
  private closeAfter(response: ServerResponse): void {
    if (!response.headersSent) response.setHeader('Connection', 'close');
  }
}
