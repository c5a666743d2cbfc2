/**
 * Blocks of zeroed memory for the point store, touched ahead of use on another thread.
 *
 * The system hands a process new memory a page at a time, on its first write: a fault, and the
 * page zeroed, on the thread that writes. A fleet's week is 640 MB of points, about 200,000
 * pages with the room chunks keep; collecting them, the thread reading the records took every
 * fault: replaying 20 million records (10,000 series) into a store took 5.4–5.6 s, and 2.2–3.7 s
 * into blocks all written to beforehand (3 runs each).
 *
 * So once a store has taken a few blocks, a worker thread writes to each page of the next ones
 * (shared memory) while the reading thread works, and hands them back in turn. A block is used
 * only once the worker has answered for it; when none is ready, the reading thread makes its own,
 * as it always did: the worker never writes to a block in use, and never delays one. One thread
 * faults about as fast as the other, so the worker gives about half the blocks (54–57 of 106 in
 * that replay, which took 4.5–5.9 s against 5.6–7.2 s). The bench's fleet, records made as they
 * are collected: 19.3–24.2 s against 22.0–27.2 s (4 alternating runs each). The cost is memory:
 * the worker touches a whole block, where chunks that never fill leave pages untouched; peak
 * RSS 1.10–1.17 GB against 1.00–1.04 GB. The command (which spills points to a file past
 * 131,072) never takes enough blocks to start it.
 *
 * @module
 */
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';

/** Blocks the store takes on its own before a worker is worth its start (about 30 ms and 10 MB). */
export const TOUCH_FROM_BLOCK = 4;
/** Blocks the worker is given ahead (64 MiB): with 3, it gave 34 of the replay's 106 blocks, with 8, 54–57. */
const AHEAD = 8;
const PAGE_BYTES = 4096;

/**
 * The worker: writes a zero into each page of every buffer it is sent, then answers, in order.
 * Small enough to be given as text, so that it needs no module of its own beside the bundle; a
 * dynamic import, which a script and a module both have (a parent run as a module, with
 * `--input-type=module`, makes the text a module, without `require`).
 */
const TOUCHER = `
import('node:worker_threads').then(({ workerData }) => {
  const port = workerData.port;
  port.on('message', (buffer) => {
    const view = new Int32Array(buffer);
    for (let i = 0; i < view.length; i += ${PAGE_BYTES / 4}) view[i] = 0;
    port.postMessage(null);
  });
});
`;

export class TouchedBlocks {
  private taken = 0;
  /** Sent to the worker, oldest first; the first `touched` of them it has answered for. */
  private readonly queue: Float64Array[] = [];
  private touched = 0;
  private worker: { readonly thread: Worker; readonly port: MessagePort } | undefined;
  private closed = false;
  /** Blocks handed out that the worker had touched: for tests and measurements. */
  fromWorker = 0;

  /** @param numbers the length of every block */
  constructor(private readonly numbers: number) {}

  /** A zeroed block: touched on the worker when one is ready, else fresh. */
  take(): Float64Array {
    this.taken += 1;
    if (this.worker === undefined && !this.closed && this.taken > TOUCH_FROM_BLOCK) this.start();
    this.collect();
    let block: Float64Array;
    if (this.touched > 0) {
      block = this.queue.shift() as Float64Array;
      this.touched -= 1;
      this.fromWorker += 1;
    } else {
      block = new Float64Array(this.numbers);
    }
    this.sendAhead();
    return block;
  }

  /** No more blocks will be taken: the worker stops and the blocks it holds are let go. */
  close(): void {
    this.closed = true;
    this.queue.length = 0;
    this.touched = 0;
    if (this.worker !== undefined) {
      stopWhenUnreachable.unregister(this);
      stop(this.worker);
      this.worker = undefined;
    }
  }

  private start(): void {
    const { port1, port2 } = new MessageChannel();
    const thread = new Worker(TOUCHER, { eval: true, workerData: { port: port2 }, transferList: [port2], resourceLimits: { maxYoungGenerationSizeMb: 1 } });
    // Never what keeps the process alive, and never a reason for it to fail: without the worker,
    // blocks are made on this thread, as before it started.
    thread.unref();
    thread.on('error', () => this.close());
    this.worker = { thread, port: port1 };
    stopWhenUnreachable.register(this, this.worker, this);
  }

  /** Takes the worker's answers: each says the oldest block not yet answered for is touched. */
  private collect(): void {
    if (this.worker === undefined) return;
    while (this.touched < this.queue.length && receiveMessageOnPort(this.worker.port) !== undefined) this.touched += 1;
  }

  private sendAhead(): void {
    if (this.worker === undefined) return;
    while (this.queue.length < AHEAD) {
      const block = new Float64Array(new SharedArrayBuffer(this.numbers * Float64Array.BYTES_PER_ELEMENT));
      this.queue.push(block);
      this.worker.port.postMessage(block.buffer);
    }
  }
}

function stop(worker: { readonly thread: Worker; readonly port: MessagePort }): void {
  worker.port.close();
  void worker.thread.terminate();
}

/** A store dropped before its collection finished (a caller that gave up) takes its worker with it. */
const stopWhenUnreachable = new FinalizationRegistry(stop);
