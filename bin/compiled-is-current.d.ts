/** Whether the compiled CLI exists and no source under `sources` is newer than `compiled`. */
export function compiledIsCurrent(compiled: string, sources: string): boolean;
