import { runCli } from '../main';

/** Runs the CLI in-process, as the tests drive it: its exit code and what it printed. */
export async function runCaptured(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(
    argv,
    (l) => out.push(l),
    (l) => err.push(l),
  );
  return { code, out: out.join('\n'), err: err.join('\n') };
}
