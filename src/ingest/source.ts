/** What kind of source a camera URL is, and how to name it in messages without its password. */
import { fileURLToPath } from 'node:url';

export type LiveProtocol = 'rtsp' | 'rtsps' | 'http' | 'https';

export type Source =
  | { readonly kind: 'file'; readonly input: string; readonly display: string }
  | { readonly kind: 'live'; readonly input: string; readonly display: string; readonly protocol: LiveProtocol };

const LIVE = /^(rtsps?|https?):\/\//i;

export function classifySource(url: string): Source {
  const live = LIVE.exec(url);
  if (live?.[1]) {
    const protocol = live[1].toLowerCase() as LiveProtocol;
    return { kind: 'live', input: url, display: redactUrl(url), protocol };
  }
  const input = /^file:\/\//i.test(url) ? fileURLToPath(url) : url;
  return { kind: 'file', input, display: input };
}

/** `rtsp://user:secret@host/x` -> `rtsp://user:***@host/x`. */
export function redactUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*):[^@/]*@/i, '$1:***@');
}

/** Replaces every occurrence of the raw URL in ffmpeg's text by its redacted form. */
export function redactText(text: string, source: Source): string {
  if (source.input === source.display) return text;
  return text.split(source.input).join(source.display);
}
