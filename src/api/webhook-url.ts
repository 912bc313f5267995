/**
 * Whether a webhook URL points back at this machine (loopback) or at the local link (link-local,
 * cloud metadata at 169.254.169.254): allowed, but usually a mistake or a probe of internal
 * services, so the API answers with a warning. Names are not resolved: only the URL's own host is
 * judged ("localhost" and *.localhost count as loopback).
 */

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

function ipv4Kind(host: string): 'loopback' | 'link-local' | 'unspecified' | undefined {
  const m = IPV4.exec(host);
  if (!m) return undefined;
  const [a, b] = [Number(m[1]), Number(m[2])];
  if (a === 127) return 'loopback';
  if (a === 169 && b === 254) return 'link-local';
  if (a === 0) return 'unspecified';
  return undefined;
}

function ipv6Kind(host: string): 'loopback' | 'link-local' | 'unspecified' | undefined {
  if (host === '::1') return 'loopback';
  if (host === '::') return 'unspecified';
  if (/^fe[89ab][0-9a-f]?:/.test(host)) return 'link-local';
  // An IPv4 address written as IPv6 (WHATWG URL gives ::ffff:7f00:1 for ::ffff:127.0.0.1).
  const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(host);
  if (!mapped) return undefined;
  const hi = parseInt(mapped[1]!, 16);
  const lo = parseInt(mapped[2]!, 16);
  return ipv4Kind(`${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`);
}

/** The warning for a loopback or link-local webhook URL; undefined for any other (or unparsable) URL. */
export function webhookUrlWarning(url: string): string | undefined {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return undefined; // not a URL: the schema refuses it with its own message
  }
  const bare = host.startsWith('[') ? host.slice(1, -1) : host;
  const kind = bare === 'localhost' || bare.endsWith('.localhost') ? 'loopback' : (ipv4Kind(bare) ?? ipv6Kind(bare));
  switch (kind) {
    case 'loopback':
    case 'unspecified':
      return `${host} is this machine (loopback): deliveries go to the Vigie server itself, not to another system`;
    case 'link-local':
      return `${host} is a link-local address (as cloud metadata services use): deliveries stay on the local network segment`;
    default:
      return undefined;
  }
}
