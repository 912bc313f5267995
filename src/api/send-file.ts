/** Sends a media file, honouring a single `Range: bytes=a-b` (video players seek with it). */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import type { Context } from 'hono';
import { notFound } from './errors.ts';

export interface ByteRange {
  readonly start: number;
  readonly end: number;
}

/** The byte range asked for, undefined for the whole file, 'invalid' when it cannot be satisfied. */
export function parseRange(header: string | undefined, size: number): ByteRange | undefined | 'invalid' {
  if (!header) return undefined;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return 'invalid';
  const [from, to] = [m[1] === '' ? undefined : Number(m[1]), m[2] === '' ? undefined : Number(m[2])];
  const start = from ?? Math.max(0, size - (to ?? 0));
  const end = from === undefined ? size - 1 : Math.min(size - 1, to ?? size - 1);
  return start > end || start >= size ? 'invalid' : { start, end };
}

export async function sendFile(c: Context, file: string, contentType: string, what: string): Promise<Response> {
  const info = await stat(file).catch((err: unknown) => {
    throw Object.assign(notFound(what), { cause: err });
  });
  const range = parseRange(c.req.header('range'), info.size);
  const headers: Record<string, string> = { 'Content-Type': contentType, 'Accept-Ranges': 'bytes', 'Cache-Control': 'private, max-age=3600' };
  if (range === 'invalid') return c.body(null, 416, { ...headers, 'Content-Range': `bytes */${info.size}` });
  const { start, end } = range ?? { start: 0, end: info.size - 1 };
  const stream = Readable.toWeb(createReadStream(file, { start, end })) as ReadableStream<Uint8Array>;
  headers['Content-Length'] = String(end - start + 1);
  if (range) headers['Content-Range'] = `bytes ${start}-${end}/${info.size}`;
  return c.body(stream, range ? 206 : 200, headers);
}
