import type { ParsedCaseFile } from '../case-format/parse-case-file';

/**
 * Reads a case from a file's text, choosing the format by the file name: Open-PSA MEF for `.xml`
 * (SPEC §9), the YAML case format (JSON included) otherwise. The same answer either way.
 *
 * Each parser is loaded only when needed: the YAML one brings yaml and zod, the MEF one
 * fast-xml-parser, and loading all three is a large part of a short CLI run.
 */
export function readCaseInput({
  fileName,
  text,
  locateWarnings,
}: {
  readonly fileName: string;
  readonly text: string;
  /** See parseCaseFile. */
  readonly locateWarnings?: boolean;
}): ParsedCaseFile {
  if (/\.xml$/i.test(fileName)) {
    const { parseMefFile } =
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on demand, see above
      require('../case-format/mef/parse-mef') as typeof import('../case-format/mef/parse-mef');
    return parseMefFile({ text });
  }
  const { parseCaseFile } =
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on demand, see above
    require('../case-format/parse-case-file') as typeof import('../case-format/parse-case-file');
  return parseCaseFile({ text, locateWarnings });
}
