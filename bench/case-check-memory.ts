import { MAX_DOCUMENT_TOKENS } from '../src/core/case-format/parse-case-file';
import { MAX_DOCUMENT_BYTES } from '../src/core/case-format/document-limits';
import { databaseUrl, psql, startService } from './service';

/** A flow list of `items` short scalars (three YAML tokens each): the most parsed tree per byte. */
const floodDocument = (items: number) =>
  `key: [${Array.from({ length: items }, (_, i) => `a${i % 10}`).join(',')}]\n`;

/**
 * The memory four concurrent `checkCase` calls take with the costliest documents a client may send:
 * one just under MAX_DOCUMENT_TOKENS, and one under 8 MiB with far more tokens (refused). The
 * probe of issue 19 took the service from 433 MB to 1,119 MB this way (without the token cap, one
 * such 7.7 MB document alone peaked at 2.8 GB).
 */
/** On PostgreSQL, in `database` (made afresh for each service: each first start makes a token). */
export async function benchCaseCheckMemory(database: string): Promise<string[]> {
  const lines: string[] = [];
  const documents = {
    'just under the token cap': floodDocument(Math.floor(MAX_DOCUMENT_TOKENS / 3) - 10),
    'under 8 MiB, over the cap': floodDocument(Math.floor((MAX_DOCUMENT_BYTES - 16) / 3)),
  };
  for (const [name, document] of Object.entries(documents)) {
    psql(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    psql(`CREATE DATABASE ${database}`);
    const service = await startService(`checkCase ${name}`, {
      DATABASE_URL: databaseUrl(database),
    });
    const atRest = service.peakRssMb();
    const send = () =>
      fetch(service.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${service.token}` },
        body: JSON.stringify({
          query: 'query($d: String!) { checkCase(document: $d) { valid issues { code } } }',
          variables: { d: document },
        }),
      }).then(
        (res) => res.json() as Promise<{ data: { checkCase: { issues: { code: string }[] } } }>,
      );
    const started = performance.now();
    const answers = await Promise.all([send(), send(), send(), send()]);
    const ms = Math.round(performance.now() - started);
    const codes = [...new Set(answers.flatMap((a) => a.data.checkCase.issues.map((i) => i.code)))];
    lines.push(
      `4 × checkCase, ${name} (${(document.length / 2 ** 20).toFixed(1)} MB; ${codes.join(', ')}): ` +
        `peak RSS ${atRest ?? '?'} → ${service.peakRssMb() ?? '?'} MB, ${ms} ms`,
    );
    await service.stop();
  }
  return lines;
}
