import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { dirname } from 'node:path';
import type { LatheClient } from '@lathe/sdk/client';
import type { Reconnecting } from './reconnecting.js';

const FLUSH_DELAY_MS = 50;
const MAX_CHUNK = 1 << 20;
const TAIL_BYTES = 16 * 1024;

/**
 * Writes the job's log to `user_logs/std_log.txt` in the job folder and ships it to the server
 * in order, a chunk at a time, each at the offset the server acknowledged last (so a retried
 * append never duplicates text), retrying while the server is away. Keeps the last few KiB for
 * failure messages.
 */
export class LogShipper {
  private readonly local: WriteStream;
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private shipped = 0;
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();
  private tailBuffer = Buffer.alloc(0);

  constructor(
    private readonly client: LatheClient,
    private readonly job: string,
    localFile: string,
    private readonly link: Reconnecting,
  ) {
    mkdirSync(dirname(localFile), { recursive: true });
    this.local = createWriteStream(localFile, { flags: 'a' });
  }

  /** Appends text or bytes to the log. */
  write(chunk: Buffer | string): void {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    if (bytes.length === 0) return;
    this.local.write(bytes);
    this.pending.push(bytes);
    this.pendingBytes += bytes.length;
    this.tailBuffer = Buffer.concat([this.tailBuffer, bytes]).subarray(-TAIL_BYTES);
    if (this.pendingBytes >= MAX_CHUNK) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), FLUSH_DELAY_MS);
  }

  /** The last `lines` lines written. */
  tail(lines: number): string {
    return this.tailBuffer.toString('utf8').trimEnd().split('\n').slice(-lines).join('\n');
  }

  /** Ships everything written so far; resolves when the server has it. */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.flushing = this.flushing.then(() => this.shipPending());
    return this.flushing;
  }

  /** Ships the rest and closes the local file. */
  async close(): Promise<void> {
    await this.flush();
    await new Promise<void>((done) => this.local.end(done));
  }

  private async shipPending(): Promise<void> {
    while (this.pending.length > 0) {
      const chunk = Buffer.concat(this.pending);
      this.pending = [];
      this.pendingBytes = 0;
      this.shipped = await this.send(chunk);
    }
  }

  private async send(chunk: Buffer): Promise<number> {
    try {
      return await this.link.call('shipping the log', () => this.client.appendLog(this.job, this.shipped, chunk));
    } catch (error) {
      // The local log keeps every byte; the server's copy misses this chunk.
      process.stderr.write(`lathe-launch: could not ship ${chunk.length} log bytes: ${(error as Error).message}\n`);
      return this.shipped;
    }
  }
}
