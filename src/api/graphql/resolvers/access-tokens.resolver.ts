import { Args, Context, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { GqlContext } from '../context/context';
import {
  AccessToken,
  CreateAccessTokenInput,
  CreatedAccessToken,
} from '../models/access-token.model';
import { TokensService } from '../../../case/auth/tokens.service';

@Resolver(() => AccessToken)
export class AccessTokensResolver {
  constructor(private readonly tokens: TokensService) {}

  @Query(() => AccessToken, { description: 'The token this request is made with.' })
  async me(@Context() ctx: GqlContext): Promise<AccessToken> {
    return this.tokens.view((await ctx.auth.principal()).tokenId);
  }

  @Query(() => [AccessToken], {
    description:
      'The tokens of a report (owners), or every token (owners not bound to one report).',
  })
  async accessTokens(
    @Context() ctx: GqlContext,
    @Args('report', { type: () => String, nullable: true }) report?: string,
  ): Promise<AccessToken[]> {
    return this.tokens.list(await ctx.auth.principal(), report ?? undefined);
  }

  @Mutation(() => CreatedAccessToken)
  async createAccessToken(
    @Context() ctx: GqlContext,
    @Args('input') input: CreateAccessTokenInput,
  ): Promise<CreatedAccessToken> {
    const { token, view } = await this.tokens.create(await ctx.auth.principal(), input);
    return { token, accessToken: view };
  }

  @Mutation(() => AccessToken, {
    description: 'It stops working at once; revoking twice is a no-op.',
  })
  async revokeAccessToken(
    @Context() ctx: GqlContext,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<AccessToken> {
    return this.tokens.revoke(await ctx.auth.principal(), id);
  }
}
