/**
 * Pairs ffmpeg's two outputs (ffmpeg-args.ts `evidence`): the k-th JPEG read on the evidence pipe
 * is the picture of the k-th raw frame. The raw frame is often complete before its JPEG is, so each
 * frame gets a promise of its JPEG; when the evidence pipe ends or fails, the frames still waiting
 * get undefined (a frame without evidence is analysed all the same).
 */
import { createJpegSplitter } from './jpeg-split.ts';

export interface EvidenceReader {
  /** Bytes from the evidence pipe. */
  push(chunk: Buffer): void;
  /** The JPEG of the next raw frame. Never rejects. */
  next(): Promise<Uint8Array | undefined>;
  /** The pipe ended (or failed): waiting frames and all later ones get undefined. */
  end(): void;
  /** Bytes of the pipe that were not part of an image. */
  skippedBytes(): number;
}

export function createEvidenceReader(): EvidenceReader {
  const splitter = createJpegSplitter();
  const ready: Buffer[] = [];
  const waiting: Array<(jpeg: Uint8Array | undefined) => void> = [];
  let ended = false;
  return {
    push(chunk) {
      if (ended) return;
      for (const jpeg of splitter.push(chunk)) {
        const waiter = waiting.shift();
        if (waiter) waiter(jpeg);
        else ready.push(jpeg);
      }
    },
    next() {
      const jpeg = ready.shift();
      if (jpeg) return Promise.resolve(jpeg);
      if (ended) return Promise.resolve(undefined);
      return new Promise((resolve) => waiting.push(resolve));
    },
    end() {
      ended = true;
      ready.length = 0;
      for (const waiter of waiting.splice(0)) waiter(undefined);
    },
    skippedBytes: () => splitter.skipped(),
  };
}
