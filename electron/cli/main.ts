/** Entry of the built CLI (dist/cli/main.cjs), run by bin/cau-noi.cjs. */
import { runCli } from './program';

void runCli(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
