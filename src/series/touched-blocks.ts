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
 * while the reading thread works, and hands them back in turn. A block is moved to the worker and
 * back (transferred, never shared), so only one thread can reach it at a time; when none is back,
 * the reading thread makes its own, as it always did: the worker never delays the reading. One
 * thread faults about as fast as the other, so the worker gives about half the blocks (53 of the
 * replay's 106), and the replay took 3.1–3.9 s against 4.0–5.0 s (medians 3.53 and 4.45 s, 8
 * alternating runs). On the bench's whole fleet, records made as they are collected, the gain
 * is within that hour's noise (medians of 4 alternating runs: 26.8 s either way, runs from 22.6
 * to 32.5 s). The cost is memory: the worker touches whole blocks, where the room of chunks that
 * never fill stayed untouched (peak RSS 1.14–1.16 GB against 1.00–1.05 GB). The command, which
 * spills points to a file past 131,072, never takes enough blocks to start it.
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
    port.postMessage(buffer, [buffer]);
  });
});
`;

export class TouchedBlocks {
  private taken = 0;
  /** Blocks with the worker. */
  private away = 0;
  /** Blocks the worker has given back, touched. */
  private readonly ready: ArrayBuffer[] = [];
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
    const touched = this.ready.shift();
    if (touched !== undefined) this.fromWorker += 1;
    this.sendAhead();
    return touched === undefined ? new Float64Array(this.numbers) : new Float64Array(touched);
  }

  /** No more blocks will be taken: the worker stops and the blocks it holds are let go. */
  close(): void {
    this.closed = true;
    this.ready.length = 0;
    this.away = 0;
    if (this.worker !== undefined) {
      stopWhenUnreachable.unregister(this);
      stop(this.worker);
      this.worker = undefined;
    }
  }

  private start(): void {
    const { port1, port2 } = new MessageChannel();
    const thread = new Worker(TOUCHER, { eval: true, workerData: { port: port2 }, transferList: [port2], resourceLimits: { maxYoungGenerationSizeMb: 1 } });
    const worker = { thread, port: port1 };
    // Never what keeps the process alive, and never a reason for it to fail: a worker that fails
    // answers no more, and blocks are made on this thread, as before it started. The listener
    // holds the worker only: holding `this` would keep it from ever being unreachable.
    thread.unref();
    thread.on('error', () => stop(worker));
    this.worker = worker;
    stopWhenUnreachable.register(this, worker, this);
  }

  /** Takes the blocks the worker has given back. */
  private collect(): void {
    if (this.worker === undefined) return;
    for (let answer = receiveMessageOnPort(this.worker.port); answer !== undefined; answer = receiveMessageOnPort(this.worker.port)) {
      this.ready.push(answer.message as ArrayBuffer);
      this.away -= 1;
    }
  }

  /** Keeps AHEAD blocks with the worker or ready: each is moved there and back (transferred), never shared. */
  private sendAhead(): void {
    if (this.worker === undefined) return;
    while (this.away + this.ready.length < AHEAD) {
      const buffer = new ArrayBuffer(this.numbers * Float64Array.BYTES_PER_ELEMENT);
      this.worker.port.postMessage(buffer, [buffer]);
      this.away += 1;
    }
  }
}

function stop(worker: { readonly thread: Worker; readonly port: MessagePort }): void {
  worker.port.close();
  void worker.thread.terminate();
}

/** A store dropped before its collection finished (a caller that gave up) takes its worker with it. */
const stopWhenUnreachable = new FinalizationRegistry(stop);
