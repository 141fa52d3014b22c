import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

// RFC 3339 date-time, as the scalar's description promises; `Date.parse` alone takes "2024" and
// "Tue Mar 5" too, and turns "not-a-date" into an Invalid Date that fails deep in the analysis.
const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

/** A malformed DateTime input; the error mapping answers it as BAD_USER_INPUT however it came. */
export class InvalidDateTimeError extends GraphQLError {
  constructor(value: unknown) {
    super(
      `DateTime must be an RFC 3339 date-time such as 2026-03-05T09:00:00Z, got ${JSON.stringify(value)}`,
      { extensions: { code: 'BAD_USER_INPUT' } },
    );
  }
}

function parseDateTime(value: unknown): Date {
  const date = typeof value === 'string' && RFC3339.test(value) ? new Date(value) : null;
  if (date === null || Number.isNaN(date.getTime())) {
    throw new InvalidDateTimeError(value);
  }
  return date;
}

/** Nest's DateTime with the input checked: a malformed instant is the caller's error, not ours. */
export const StrictDateTime = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  description:
    'A date-time string at UTC, such as 2019-12-03T09:54:33Z, compliant with the date-time format.',
  parseValue: parseDateTime,
  parseLiteral: (ast) => parseDateTime(ast.kind === Kind.STRING ? ast.value : undefined),
  serialize: (value) => {
    if (!(value instanceof Date)) throw new GraphQLError('DateTime cannot represent a non-Date');
    return value.toISOString();
  },
});

/** The scalar map every schema build uses (served and committed schema alike). */
export const SCALARS_MAP = [{ type: Date, scalar: StrictDateTime }];
