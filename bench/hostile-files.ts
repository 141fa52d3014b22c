import { MAX_DOCUMENT_BYTES } from '../src/core/case-format/document-limits';
import { parseCaseFile } from '../src/core/case-format/parse-case-file';

/**
 * How long parseCaseFile takes to refuse the hostile files the tests refuse (an alias bomb,
 * nesting past the limit, a file over 8 MiB): the tests check that they are refused, this
 * measures how fast, so that no test carries a timing assertion.
 */
export function benchHostileFiles(): string[] {
  const head = 'format: loadbearing/v1\nreport: { key: r, title: R }\nextra:\n';
  const levels = ['l0: &l0 [a, a, a, a, a, a, a, a, a, a]'];
  for (let i = 1; i < 9; i++) {
    levels.push(
      `l${i}: &l${i} [${Array(10)
        .fill(`*l${i - 1}`)
        .join(', ')}]`,
    );
  }
  const files: Record<string, string> = {
    'alias bomb (10^9 once expanded)': `${head}  x: 1\n${levels.join('\n')}\n`,
    'block sequences 1,000,000 deep': `${head}${'- '.repeat(1_000_000)}x`,
    'flow sequences 4,000,000 deep': `${head}${'['.repeat(4_000_000)}${']'.repeat(4_000_000)}`,
    'one byte over 8 MiB': `${head}# ${'x'.repeat(MAX_DOCUMENT_BYTES)}`,
  };
  return Object.entries(files).map(([name, text]) => {
    const started = performance.now();
    const { case: c, issues } = parseCaseFile({ text });
    const ms = performance.now() - started;
    const codes = [...new Set(issues.map((i) => i.code))].join(', ');
    return `${name.padEnd(34)} refused in ${ms.toFixed(0).padStart(5)} ms (${c === null ? codes : 'NOT REFUSED'})`;
  });
}
