import {
  makeCase,
  makeClaim,
  makeEvidence,
  makeMitigation,
  makePathway,
} from '../../analysis/testing/make-case';
import type { Case } from '../../case-model/case';

/** Every character some format treats specially, a line break, a tab, an emoji and a lone surrogate. */
export const NASTY_TEXT =
  'Quote " back\\slash \\n <b>bold</b> & &amp; #quot; #35; [x] (y) {z} | a; b: c `tick` %% end\nnext\tline 🙂 \u0007 \ud800';

/**
 * A case whose texts are NASTY_TEXT and whose keys trouble Mermaid: `end` is a keyword, `o…` and
 * `x…` read as edge ends, and `a.b`, `a-b`, `a_b` differ only in punctuation.
 */
export const makeNastyCase = (): Case =>
  makeCase({
    pathways: [makePathway({ key: 'end', title: NASTY_TEXT, supports: ['a.b', 'a-b', 'a_b'] })],
    claims: [
      makeClaim({ key: 'a.b', statement: NASTY_TEXT, supports: ['o'] }),
      makeClaim({ key: 'a-b', statement: NASTY_TEXT, supports: ['x1'] }),
      makeClaim({ key: 'a_b', statement: NASTY_TEXT, assumed: true }),
    ],
    mitigations: [
      makeMitigation({ key: 'o', title: NASTY_TEXT, dependsOn: ['dep'] }),
      makeMitigation({ key: 'dep', title: NASTY_TEXT }),
    ],
    evidence: [makeEvidence({ key: 'x1', title: NASTY_TEXT })],
  });
