import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const SPEC_EXAMPLE = readFileSync(join(__dirname, '../fixtures/spec-example.yaml'), 'utf8');

/** 1-based line of the first line containing `marker`, to assert reported lines. */
export function lineOf(text: string, marker: string, occurrence = 1): number {
  let seen = 0;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].includes(marker) && ++seen === occurrence) return i + 1;
  }
  throw new Error(`marker not found: ${marker}`);
}

export const IMPORT = `mutation Import($document: String!, $replace: Boolean) {
  importCase(document: $document, replace: $replace) { key version }
}`;

export const TABLES = [
  'report',
  'team',
  'case_node',
  'case_link',
  'scenario_step',
  'review',
  'finding',
  'finding_reply',
  'review_share',
  'information_request',
] as const;

/** `base` with a "billion laughs" of YAML aliases after it: 10 to the 9th nodes once expanded. */
export function aliasBomb(base: string): string {
  const levels = Array.from(
    { length: 8 },
    (_, i) =>
      `b${i}: &b${i} [${Array(10)
        .fill(i === 0 ? '*a' : `*b${i - 1}`)
        .join(', ')}]`,
  );
  return `${base}\na: &a [x, x, x, x, x, x, x, x, x, x]\n${levels.join('\n')}`;
}
