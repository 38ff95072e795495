// Checks a folder's files on worker threads, one per core by default. Node's own worker_threads: a
// task is one file (milliseconds of work against tens of microseconds of messaging), so a plain queue
// that hands the next file to whichever worker is free keeps every core busy, and a pool library
// (piscina, tinypool) would add a dependency without making it faster (see the README's bench).
// Results come back in the order of the tasks, whatever the number of workers.
import { Worker } from 'node:worker_threads';
import { carryOverOf, checkFile, type CarryOverTask, type CheckTask } from './check-file';

export interface Tasks {
  check: [CheckTask, Awaited<ReturnType<typeof checkFile>>];
  'carry-over': [CarryOverTask, Awaited<ReturnType<typeof carryOverOf>>];
}
export type TaskKind = keyof Tasks;

const WORK: { [K in TaskKind]: (task: Tasks[K][0]) => Promise<Tasks[K][1]> } = { check: checkFile, 'carry-over': carryOverOf };

/** What a worker thread is started with, so the CLI bundle knows to serve tasks instead of running `main`. */
export const WORKER_MARK = 'gongkai-cli-worker';

interface Request {
  id: number;
  kind: TaskKind;
  task: unknown;
}
type Reply = { id: number; result: unknown } | { id: number; error: string };

/** Runs in a worker thread: answers each task with its result, or the error it threw. */
export function serveTasks(port: { on(event: 'message', listener: (request: Request) => void): void; postMessage(reply: Reply): void }): void {
  port.on('message', ({ id, kind, task }) => {
    (WORK[kind] as (task: unknown) => Promise<unknown>)(task).then(
      (result) => port.postMessage({ id, result }),
      (error) => port.postMessage({ id, error: (error as Error).stack ?? String(error) }),
    );
  });
}

export interface PoolOptions {
  /** Worker threads; 1 runs everything in this thread. */
  jobs: number;
  /** The script a worker runs (the CLI bundle itself); without it everything runs in this thread. */
  workerScript?: string;
  /** Called as each task finishes, in finishing order. */
  onDone?: (index: number) => void;
}

/**
 * Runs every task, in parallel when there are workers, and returns the results in task order. A task
 * that throws, or whose worker dies, yields `failed(error)` for that task alone.
 */
export async function runTasks<K extends TaskKind>(
  kind: K,
  tasks: Tasks[K][0][],
  options: PoolOptions,
  failed: (task: Tasks[K][0], error: string) => Tasks[K][1],
): Promise<Tasks[K][1][]> {
  const results = new Array<Tasks[K][1]>(tasks.length);
  const threads = Math.min(options.jobs, tasks.length);
  if (!options.workerScript || threads <= 1) {
    for (let i = 0; i < tasks.length; i++) {
      try {
        results[i] = (await WORK[kind](tasks[i] as never)) as Tasks[K][1];
      } catch (error) {
        results[i] = failed(tasks[i], (error as Error).stack ?? String(error));
      }
      options.onDone?.(i);
    }
    return results;
  }
  const script = options.workerScript;
  let next = 0;
  await new Promise<void>((resolve) => {
    let running = 0;
    const start = () => {
      const worker = new Worker(script, { workerData: WORKER_MARK });
      running++;
      // Two tasks in flight (when there are plenty), so a worker never waits for the main thread to hand it the next.
      const inFlight = new Set<number>();
      const finish = (index: number, result: Tasks[K][1]) => {
        inFlight.delete(index);
        results[index] = result;
        options.onDone?.(index);
      };
      const feed = () => {
        if (next < tasks.length) {
          const index = next++;
          inFlight.add(index);
          worker.postMessage({ id: index, kind, task: tasks[index] } satisfies Request);
        } else if (inFlight.size === 0) void worker.terminate();
      };
      const lose = (why: string) => {
        for (const index of [...inFlight]) finish(index, failed(tasks[index], why));
      };
      worker.on('message', (reply: Reply) => {
        finish(reply.id, 'error' in reply ? failed(tasks[reply.id], reply.error) : (reply.result as Tasks[K][1]));
        feed();
      });
      // The tasks it held are lost with it; record why, and let a fresh worker take the rest.
      worker.on('error', (error) => lose(error.stack ?? String(error)));
      worker.on('exit', () => {
        running--;
        lose('worker exited');
        if (next < tasks.length) start();
        else if (running === 0) resolve();
      });
      feed();
      if (tasks.length >= 4 * threads) feed();
    };
    for (let i = 0; i < threads; i++) start();
  });
  return results;
}
