import { ValidationPipe, type ArgumentMetadata } from '@nestjs/common';

/** `GqlParamtype.ARGS` in @nestjs/graphql, which does not export the enum. */
const GRAPHQL_ARGS = 3;

/**
 * A ValidationPipe for client input only. Nest hands GraphQL parameter types to pipes as numbers,
 * so a plain ValidationPipe also copies and validates every `@Parent()` object of every field
 * resolver: on a large report that was most of a nested query's time. (The e2e tests of invalid
 * arguments fail if GRAPHQL_ARGS ever stops matching.)
 */
export class InputValidationPipe extends ValidationPipe {
  protected override toValidate(metadata: ArgumentMetadata): boolean {
    const type: unknown = metadata.type;
    const isInput =
      type === GRAPHQL_ARGS || type === 'body' || type === 'query' || type === 'param';
    return isInput && super.toValidate(metadata);
  }
}
