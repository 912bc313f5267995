/**
 * A bounded queue between the decoder and the consumer.
 * - 'block': push waits while the queue is full (backpressure reaches ffmpeg through the pipe).
 * - 'latest': push never waits; when full, the oldest item is dropped and counted (latest frame wins).
 */
export type QueueMode = 'block' | 'latest';

export interface FrameQueue<T> {
  /** Resolves true once accepted, false when the queue was closed. */
  push(item: T): Promise<boolean>;
  /** The next item; undefined once the queue is ended and drained, or closed. */
  shift(): Promise<T | undefined>;
  /** No more items will come; the consumer still gets the queued ones. */
  end(): void;
  /** Discards queued items and wakes every waiter. */
  close(): void;
  readonly dropped: number;
  readonly size: number;
}

export function createFrameQueue<T>(mode: QueueMode, capacity = 1): FrameQueue<T> {
  if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`queue capacity must be >= 1, got ${capacity}`);
  const items: T[] = [];
  let ended = false;
  let closed = false;
  let dropped = 0;
  const consumers: Array<(item: T | undefined) => void> = [];
  const producers: Array<() => void> = [];

  const wakeProducer = (): void => producers.shift()?.();

  const accept = (item: T): void => {
    const take = consumers.shift();
    if (take) {
      take(item);
      return;
    }
    if (mode === 'latest' && items.length >= capacity) {
      items.shift();
      dropped += 1;
    }
    items.push(item);
  };

  return {
    async push(item) {
      while (mode === 'block' && items.length >= capacity && !closed && !ended) {
        await new Promise<void>((resolve) => producers.push(resolve));
      }
      if (closed || ended) return false;
      accept(item);
      return true;
    },
    shift() {
      const item = items.shift();
      if (item !== undefined) {
        wakeProducer();
        return Promise.resolve(item);
      }
      if (closed || ended) return Promise.resolve(undefined);
      return new Promise((resolve) => consumers.push(resolve));
    },
    end() {
      ended = true;
      if (items.length === 0) for (const take of consumers.splice(0)) take(undefined);
      while (producers.length > 0) wakeProducer();
    },
    close() {
      closed = true;
      items.length = 0;
      for (const take of consumers.splice(0)) take(undefined);
      while (producers.length > 0) wakeProducer();
    },
    get dropped() {
      return dropped;
    },
    get size() {
      return items.length;
    },
  };
}
