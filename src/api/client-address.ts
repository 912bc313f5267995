/**
 * The address of the client of a request, for login throttling. Adapter over the Node server
 * binding (@hono/node-server puts the IncomingMessage in c.env.incoming); requests that do not come
 * through a socket (tests calling app.request) are 'local'. Behind a reverse proxy every client has
 * the proxy's address: the per-account limit still holds per address, so all clients then share it
 * (documented in the README's security notes).
 */
import type { Context } from 'hono';

interface NodeBindings {
  readonly incoming?: { readonly socket?: { readonly remoteAddress?: string } };
}

function isNodeBindings(env: unknown): env is NodeBindings {
  return typeof env === 'object' && env !== null && 'incoming' in env;
}

export function clientAddress(c: Context): string {
  const env: unknown = c.env;
  return (isNodeBindings(env) ? env.incoming?.socket?.remoteAddress : undefined) ?? 'local';
}
