/**
 * The largest case file, in UTF-8 bytes (8 MiB): the benchmark's 7,000-node case is under 1 MB.
 * It stays below BODY_LIMIT (16 MB by default), so an import this size still reaches the
 * parser and gets this clear error rather than the HTTP server's 413. The same for MEF files.
 */
export const MAX_DOCUMENT_BYTES = 8 * 1024 * 1024;
