import { Module } from '@nestjs/common';
import { REVIEW_RESOLVERS } from '../../api/graphql/resolvers/reviews.resolver';
import { ReviewService } from '../../case/reviews/review.service';
import { CaseGraphModule } from './case-graph.module';

/** SPEC §7: reviews of a report and their findings. */
@Module({ imports: [CaseGraphModule], providers: [ReviewService, ...REVIEW_RESOLVERS] })
export class ReviewsModule {}
