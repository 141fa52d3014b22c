import { Catch } from '@nestjs/common';
import type { GqlExceptionFilter } from '@nestjs/graphql';
import { AnalysisError } from '../../../core/analysis';
import { DomainError } from '../../../core/shared/domain-error';

/**
 * Domain errors are expected outcomes (bad input, unknown key, conflict): hand them to GraphQL
 * as they are, for formatGraphQLError to map, instead of letting Nest log them as crashes.
 */
@Catch(DomainError, AnalysisError)
export class DomainErrorFilter implements GqlExceptionFilter {
  catch(exception: DomainError | AnalysisError): DomainError | AnalysisError {
    return exception;
  }
}
