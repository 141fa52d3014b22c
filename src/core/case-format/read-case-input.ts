import { parseMefFile } from './mef/parse-mef';
import { parseCaseFile, type ParsedCaseFile } from './parse-case-file';

/**
 * Reads a case from a file's text, choosing the format by the file name: Open-PSA MEF for `.xml`
 * (SPEC §9), the YAML case format (JSON included) otherwise. The same answer either way.
 */
export function readCaseInput({
  fileName,
  text,
}: {
  readonly fileName: string;
  readonly text: string;
}): ParsedCaseFile {
  return /\.xml$/i.test(fileName) ? parseMefFile({ text }) : parseCaseFile({ text });
}
