import { Module } from '@nestjs/common';
import { GATHERING_RESOLVERS } from '../../api/graphql/resolvers/gathering.resolver';
import { REQUEST_RESOLVERS } from '../../api/graphql/resolvers/requests.resolver';
import { ReviewEventsResolver } from '../../api/graphql/resolvers/review-events.resolver';
import { REVIEW_RESOLVERS } from '../../api/graphql/resolvers/reviews.resolver';
import { GatheringService } from '../../case/gathering/gathering.service';
import { InformationRequestsService } from '../../case/requests/information-requests.service';
import { ReviewService } from '../../case/reviews/review.service';
import { CaseGraphModule } from './case-graph.module';

/**
 * SPEC §7: reviews of a report, their findings, and information requests to its teams; SPEC §8:
 * the teams' confirmations of response steps, and requests for those not confirmed yet.
 */
@Module({
  imports: [CaseGraphModule],
  providers: [
    ReviewService,
    InformationRequestsService,
    GatheringService,
    ...REVIEW_RESOLVERS,
    ...REQUEST_RESOLVERS,
    ...GATHERING_RESOLVERS,
    ReviewEventsResolver,
  ],
})
export class ReviewsModule {}
