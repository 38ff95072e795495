// The `gongkai` command line (bundled to dist/cli.js). The same bundle serves as the worker threads'
// script: started as a worker, it answers check tasks instead of running a command.
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { main } from './cli/main';
import { serveTasks, WORKER_MARK } from './cli/pool';

export { main };

if (!isMainThread && workerData === WORKER_MARK && parentPort) {
  serveTasks(parentPort);
} else if (require.main === module) {
  // Output piped into a reader that stops early (`gongkai dump x | head`): stop quietly, as Unix tools do.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? 0);
  });
  void main(process.argv.slice(2), {
    out: (text) => process.stdout.write(text),
    err: (line) => process.stderr.write(line + '\n'),
    progress: process.stderr.isTTY ? process.stderr : undefined,
    workerScript: __filename,
  }).then((code) => {
    process.exitCode = code;
  });
}
