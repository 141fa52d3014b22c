import { Logger, type OnModuleDestroy } from '@nestjs/common';
import { Args, Resolver, Subscription } from '@nestjs/graphql';
import { PubSub } from 'graphql-subscriptions';
import { CaseService } from '../../../case/cases/case.service';
import { StatusHistoryRepository } from '../../../storage/repositories/status-history.repository';
import { StatusChange, toStatusChange } from '../models/status-change.model';
import { diffArgument } from '../../../case/events/argument-diff';
import { ArgumentChange } from '../models/events.models';
import { StatusEventBus, type StatusEvent } from '../../../case/events/status-event-bus';

interface StatusChangedPayload {
  readonly report: string;
  readonly change: StatusChange;
}

/**
 * GraphQL subscriptions (graphql-ws, at /graphql) fed by the status event bus, so a change made
 * through any instance reaches subscribers on every instance.
 */
@Resolver()
export class EventsResolver implements OnModuleDestroy {
  private readonly logger = new Logger(EventsResolver.name);
  private readonly pubSub = new PubSub();
  private readonly unsubscribe: () => void;
  private fanningOut: Promise<void> = Promise.resolve();

  constructor(
    private readonly history: StatusHistoryRepository,
    private readonly cases: CaseService,
    bus: StatusEventBus,
  ) {
    // One event after another, in the order they came: each reads its rows first, and the
    // events of one batch arrive together.
    this.unsubscribe = bus.subscribe((event) => {
      this.fanningOut = this.fanningOut
        .then(() => this.fanOut(event))
        .catch((e: unknown) =>
          this.logger.error(`status event ${event.fromSeq}..${event.toSeq}: ${String(e)}`),
        );
    });
  }

  onModuleDestroy(): void {
    this.unsubscribe();
  }

  @Subscription(() => StatusChange, {
    description: 'Every status change of the report, as it is committed (through any instance).',
    filter: (payload: StatusChangedPayload, variables: { report: string }) =>
      payload.report === variables.report,
    resolve: (payload: StatusChangedPayload) => payload.change,
  })
  statusChanged(@Args('report') _report: string) {
    return this.counted('statusChanged');
  }

  @Subscription(() => ArgumentChange, {
    description:
      'For each status change: the pathways and claims that broke, were restored or changed margin.',
    filter: (payload: { argumentChanged: ArgumentChange }, variables: { report: string }) =>
      payload.argumentChanged.report === variables.report,
  })
  argumentChanged(@Args('report') _report: string) {
    return this.counted('argumentChanged');
  }

  /** Open subscriptions on this instance, per topic: events nobody awaits cost nothing. */
  private readonly open = { statusChanged: 0, argumentChanged: 0 };

  private counted(topic: keyof EventsResolver['open']): AsyncIterableIterator<unknown> {
    const iterator = this.pubSub.asyncIterableIterator<unknown>(topic);
    this.open[topic]++;
    const close = iterator.return?.bind(iterator);
    let closed = false;
    iterator.return = () => {
      if (!closed) this.open[topic]--;
      closed = true;
      return close ? close() : Promise.resolve({ done: true, value: undefined });
    };
    return iterator;
  }

  private async fanOut(event: StatusEvent): Promise<void> {
    if (this.open.statusChanged === 0 && this.open.argumentChanged === 0) return;
    const rows = await this.history.range(event.reportId, event.fromSeq, event.toSeq);
    const changes = rows.map(toStatusChange);
    for (const change of changes) {
      await this.pubSub.publish('statusChanged', { report: event.reportKey, change });
    }

    // Per node: its first `from` is its status before this write, its last `to` the one after.
    const before = new Map<string, string | null>();
    const after = new Map<string, string>();
    for (const c of changes) {
      if (!before.has(c.key)) before.set(c.key, c.from);
      after.set(c.key, c.to);
    }
    // The report's structure now; read without the side effects of an analysis (expiry).
    const { case: base } = await this.cases.loadSnapshot({ id: event.reportId });
    const diff = diffArgument({ base, before, after });
    await this.pubSub.publish('argumentChanged', {
      argumentChanged: { report: event.reportKey, version: event.version, changes, ...diff },
    });
  }
}
