/**
 * The largest case file, in UTF-8 bytes (8 MiB): the benchmark's 7,000-node case is under 1 MB.
 * It stays below BODY_LIMIT (16 MB by default), so an import this size still reaches the
 * parser and gets this clear error rather than the HTTP server's 413. The same for MEF files.
 */
export const MAX_DOCUMENT_BYTES = 8 * 1024 * 1024;

/**
 * The deepest nesting of YAML collections (the document counts as one level). A case file
 * needs six (document, top-level map, list, node map, `supports` list or `requires` map). The
 * parser is stopped as soon as a document goes deeper: a few hundred kilobytes of `- - - …` or
 * `[[[…` otherwise exhaust the yaml library's stack or the process's memory.
 */
export const MAX_NESTING = 32;

/**
 * The most YAML tokens (the lexer's pieces: scalars, indicators, whitespace) a case file may have.
 * The parsed document costs a few hundred bytes a token, so 8 MiB of `[1,1,1,…` would take over
 * a gigabyte; this keeps one parse to a few hundred MB. The benchmark's 7,000-node case has
 * 400,000 tokens. Parsing is synchronous, so the service parses one document at a time.
 */
export const MAX_DOCUMENT_TOKENS = 1_000_000;
