import { Logger, type OnModuleDestroy } from '@nestjs/common';
import { Args, Resolver, Subscription } from '@nestjs/graphql';
import { PubSub } from 'graphql-subscriptions';
import { InformationRequestsService } from '../../../case/requests/information-requests.service';
import { ReviewService } from '../../../case/reviews/review.service';
import { StatusEventBus, type ReviewEvent } from '../../../case/events/status-event-bus';
import type { FindingEntity } from '../../../storage/entities/review.entity';
import type { InformationRequestEntity } from '../../../storage/entities/information-request.entity';
import type { GqlContext } from '../context/context';
import { InformationRequest } from '../models/request.models';
import { Finding } from '../models/review.models';
import { toRequest } from './requests.resolver';
import { toFinding } from './reviews.resolver';

interface FindingAdded {
  readonly report: string;
  readonly reportId: string;
  readonly review: string;
  readonly finding: FindingEntity;
}

interface RequestAnswered {
  readonly report: string;
  readonly request: InformationRequestEntity;
}

/**
 * SPEC §7 live: new findings and answers to information requests, through any instance (the
 * event bus). A review's token hears its review only; text is redacted as in every read.
 */
@Resolver()
export class ReviewEventsResolver implements OnModuleDestroy {
  private readonly logger = new Logger(ReviewEventsResolver.name);
  private readonly pubSub = new PubSub();
  private readonly unsubscribe: () => void;
  /** One event after another, in the order they came (each reads rows before it publishes). */
  private fanningOut: Promise<void> = Promise.resolve();

  constructor(
    private readonly reviews: ReviewService,
    private readonly requests: InformationRequestsService,
    bus: StatusEventBus,
  ) {
    this.unsubscribe = bus.subscribeReviews((event) => {
      this.fanningOut = this.fanningOut
        .then(() => this.fanOut(event))
        .catch((e: unknown) =>
          this.logger.error(`review event ${event.kind} ${event.id}: ${String(e)}`),
        );
    });
  }

  onModuleDestroy(): void {
    this.unsubscribe();
  }

  @Subscription(() => Finding, {
    description: "Each finding added to the report's reviews (or to one).",
    filter: async (
      payload: FindingAdded,
      variables: { report: string; review?: string | null },
      ctx: GqlContext,
    ) => {
      if (payload.report !== variables.report) return false;
      if (variables.review && payload.review !== variables.review) return false;
      const scope = await ctx.auth.reviewScope();
      return scope === null || payload.review === scope;
    },
    resolve: (payload: FindingAdded, _args: unknown, ctx: GqlContext) =>
      toFinding(ctx, payload.reportId, payload.review, payload.finding),
  })
  findingAdded(
    @Args('report') _report: string,
    @Args('review', { type: () => String, nullable: true }) _review: string | null,
  ) {
    return this.pubSub.asyncIterableIterator('findingAdded');
  }

  @Subscription(() => InformationRequest, {
    description: "Each answer to the report's information requests (or to one team's).",
    filter: async (
      payload: RequestAnswered,
      variables: { report: string; team?: string | null },
      ctx: GqlContext,
    ) => {
      if (payload.report !== variables.report) return false;
      if (variables.team && payload.request.team !== variables.team) return false;
      const scope = await ctx.auth.reviewScope();
      return scope === null || payload.request.review?.key === scope;
    },
    resolve: (payload: RequestAnswered, _args: unknown, ctx: GqlContext) =>
      toRequest(ctx, payload.request),
  })
  informationRequestAnswered(
    @Args('report') _report: string,
    @Args('team', { type: () => String, nullable: true }) _team: string | null,
  ) {
    return this.pubSub.asyncIterableIterator('informationRequestAnswered');
  }

  private async fanOut(event: ReviewEvent): Promise<void> {
    if (event.kind === 'findingAdded') {
      const finding = await this.reviews.findingById(event.id);
      await this.pubSub.publish('findingAdded', {
        report: event.reportKey,
        reportId: event.reportId,
        review: finding.review!.key,
        finding,
      } satisfies FindingAdded);
    } else {
      await this.pubSub.publish('informationRequestAnswered', {
        report: event.reportKey,
        request: await this.requests.byId(event.id),
      } satisfies RequestAnswered);
    }
  }
}
