import { Module } from '@nestjs/common';
import { REQUEST_RESOLVERS } from '../../api/graphql/resolvers/requests.resolver';
import { ReviewEventsResolver } from '../../api/graphql/resolvers/review-events.resolver';
import { REVIEW_RESOLVERS } from '../../api/graphql/resolvers/reviews.resolver';
import { InformationRequestsService } from '../../case/requests/information-requests.service';
import { ReviewService } from '../../case/reviews/review.service';
import { CaseGraphModule } from './case-graph.module';

/** SPEC §7: reviews of a report, their findings, and information requests to its teams. */
@Module({
  imports: [CaseGraphModule],
  providers: [
    ReviewService,
    InformationRequestsService,
    ...REVIEW_RESOLVERS,
    ...REQUEST_RESOLVERS,
    ReviewEventsResolver,
  ],
})
export class ReviewsModule {}
