import { HttpException } from '@nestjs/common';
import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { InvalidDateTimeError } from '../scalars/date-time.scalar';
import { AnalysisError, type AnalysisErrorCode } from '../../../core/analysis';
import { DomainError, DomainErrorCode } from '../../../core/shared/domain-error';

export type ApiErrorCode =
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'INTERNAL_SERVER_ERROR';

function assertUnreachable(value: never): never {
  throw new Error(`unhandled domain error code: ${String(value)}`);
}

export function apiCodeOf(code: DomainErrorCode): ApiErrorCode {
  switch (code) {
    case DomainErrorCode.REPORT_NOT_FOUND:
    case DomainErrorCode.NODE_NOT_FOUND:
    case DomainErrorCode.TEAM_NOT_FOUND:
    case DomainErrorCode.LINK_NOT_FOUND:
    case DomainErrorCode.TOKEN_NOT_FOUND:
      return 'NOT_FOUND';
    case DomainErrorCode.UNAUTHENTICATED:
      return 'UNAUTHENTICATED';
    case DomainErrorCode.FORBIDDEN:
      return 'FORBIDDEN';
    case DomainErrorCode.REPORT_EXISTS:
    case DomainErrorCode.KEY_EXISTS:
    case DomainErrorCode.LINK_EXISTS:
    case DomainErrorCode.CONCURRENT_CHANGE:
    case DomainErrorCode.STALE_VERSION:
    case DomainErrorCode.REPORT_FROZEN:
      return 'CONFLICT';
    case DomainErrorCode.WRONG_NODE_KIND:
    case DomainErrorCode.INVALID_CASE:
    case DomainErrorCode.INVALID_INPUT:
      return 'BAD_USER_INPUT';
    default:
      return assertUnreachable(code);
  }
}

export function apiCodeOfAnalysis(code: AnalysisErrorCode): ApiErrorCode {
  switch (code) {
    case 'UNKNOWN_KEY':
      return 'NOT_FOUND';
    case 'NOT_A_BASIC_EVENT':
    case 'NOT_AN_ARGUMENT':
    case 'INVALID_MAX_ORDER':
    case 'INVALID_LIMIT':
    case 'INVALID_BUDGET':
      return 'BAD_USER_INPUT';
    default:
      return assertUnreachable(code);
  }
}

/** The `extensions.code` a failure reaches the caller with (for the audit log). */
export function errorCodeOf(error: unknown): string {
  if (error instanceof DomainError) return apiCodeOf(error.code);
  if (error instanceof AnalysisError) return apiCodeOfAnalysis(error.code);
  if (error instanceof HttpException && error.getStatus() < 500) return 'BAD_USER_INPUT';
  return 'INTERNAL_SERVER_ERROR';
}

/**
 * The one place where failures become GraphQL errors: domain errors get a stable
 * `extensions.code` (and `reason`, the domain code); validation failures are BAD_USER_INPUT;
 * anything unexpected is INTERNAL_SERVER_ERROR, without a stack trace unless `exposeDetails`.
 */
export function formatGraphQLError(
  formatted: GraphQLFormattedError,
  error: unknown,
  exposeDetails: boolean,
): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  if (original instanceof DomainError) {
    return {
      message: original.message,
      path: formatted.path,
      locations: formatted.locations,
      extensions: {
        code: apiCodeOf(original.code),
        reason: original.code,
        ...(original.issues.length > 0 ? { issues: original.issues } : {}),
      },
    };
  }
  if (original instanceof AnalysisError) {
    return {
      message: original.message,
      path: formatted.path,
      locations: formatted.locations,
      extensions: {
        code: apiCodeOfAnalysis(original.code),
        reason: original.code,
        keys: original.keys,
      },
    };
  }
  if (original instanceof HttpException && original.getStatus() < 500) {
    const response = original.getResponse();
    const details =
      typeof response === 'object' && response && 'message' in response
        ? response.message
        : original.message;
    const message = Array.isArray(details) ? details.join('; ') : String(details);
    return {
      message,
      path: formatted.path,
      locations: formatted.locations,
      extensions: { code: 'BAD_USER_INPUT' },
    };
  }
  // A malformed literal fails validation (GRAPHQL_VALIDATION_FAILED, wrapping the scalar's error);
  // as a variable it fails coercion. Either way the caller sent a bad value.
  if (
    original instanceof InvalidDateTimeError ||
    causeOf(original) instanceof InvalidDateTimeError
  ) {
    return { ...formatted, extensions: { code: 'BAD_USER_INPUT' } };
  }
  const code = formatted.extensions?.code;
  if (code && code !== 'INTERNAL_SERVER_ERROR') {
    // Apollo's own errors (parse, validation, bad variables) keep their codes.
    return exposeDetails ? formatted : { ...formatted, extensions: { code } };
  }
  return exposeDetails
    ? formatted
    : {
        message: 'Internal server error',
        path: formatted.path,
        extensions: { code: 'INTERNAL_SERVER_ERROR' },
      };
}

function causeOf(error: unknown): unknown {
  return error instanceof GraphQLError ? error.originalError : undefined;
}
