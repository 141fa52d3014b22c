import { GraphQLObjectType, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';

/**
 * Sets plain graphql-js resolvers, by type and field, on a built schema (GraphQLModule's
 * transformSchema): for fields resolved so often that Nest's per-call wrapper would cost more
 * than the work. Throws on a type or field the schema does not have.
 */
export function setFieldResolvers(
  schema: GraphQLSchema,
  resolvers: Readonly<Record<string, Readonly<Record<string, (...args: never[]) => unknown>>>>,
): GraphQLSchema {
  for (const [typeName, fields] of Object.entries(resolvers)) {
    const type = schema.getType(typeName);
    if (!(type instanceof GraphQLObjectType)) throw new Error(`no object type ${typeName}`);
    for (const [fieldName, resolve] of Object.entries(fields)) {
      const target = type.getFields()[fieldName];
      if (!target) throw new Error(`no field ${typeName}.${fieldName}`);
      target.resolve = resolve as unknown as GraphQLFieldResolver<unknown, unknown>;
    }
  }
  return schema;
}
