import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyseCase } from '../analysis';
import { parseCaseFile } from '../case-format/parse-case-file';
import type { Case } from '../case-model/case';
import { buildArgumentDiagram } from './argument-diagram';
import { DIAGRAM_FORMATS, renderArgumentDiagram } from './render-diagram';

const text = readFileSync(
  join(__dirname, '../../../examples/pilot-sabotage-risk-report.yaml'),
  'utf8',
);

const render = (c: Case, format: (typeof DIAGRAM_FORMATS)[number], failed: string[]) =>
  renderArgumentDiagram({
    diagram: buildArgumentDiagram({
      case: c,
      analysis: analyseCase({ case: c }),
      pathway: 'targeted-safety-rnd-sabotage',
      failed,
    }),
    format,
  });

describe('renderArgumentDiagram', () => {
  it.each(DIAGRAM_FORMATS)(
    'writes %s deterministically: same case, same text, whatever the order of failed',
    (format) => {
      const first = render(parseCaseFile({ text }).case!, format, [
        'central-log-pipeline',
        'pr-review',
      ]);
      const again = render(parseCaseFile({ text }).case!, format, [
        'pr-review',
        'central-log-pipeline',
        'pr-review',
      ]);
      expect(again).toBe(first);
      expect(first.endsWith('\n')).toBe(true);
      // The simulation shows: something fails and something else breaks.
      expect(first).toMatch(/failed/);
      expect(first).toMatch(/broken/);
    },
  );
});
