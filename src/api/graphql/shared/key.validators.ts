import { applyDecorators } from '@nestjs/common';
import { IsString, Matches, MaxLength } from 'class-validator';
import { KEY_PATTERN } from '../../../core/case-model/case';

/** A node, team or report key: `[a-z0-9][a-z0-9._-]{0,79}`. */
export const IsCaseKey = () =>
  applyDecorators(
    IsString(),
    MaxLength(80),
    Matches(KEY_PATTERN, {
      message: `$property '$value' is invalid: keys match ${KEY_PATTERN.source}`,
    }),
  );

/** Free text of at most `max` characters with something in it besides white space. */
export const IsText = (max: number) =>
  applyDecorators(
    IsString(),
    MaxLength(max),
    Matches(/\S/, { message: '$property must not be empty or only white space' }),
  );
