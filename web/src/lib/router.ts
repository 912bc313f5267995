/**
 * Hash routing (`#/alerts/abc`): works from any URL the server serves index.html at, no fallback
 * needed. `parseRoute` is pure; `useRoute` re-renders on hashchange.
 */
import { useSyncExternalStore } from 'react';

export type Route =
  | { readonly name: 'alerts' }
  | { readonly name: 'alert'; readonly id: string }
  | { readonly name: 'live' }
  | { readonly name: 'cameras' }
  | { readonly name: 'camera-new' }
  | { readonly name: 'camera-edit'; readonly id: string }
  | { readonly name: 'dashboard' }
  | { readonly name: 'users' }
  | { readonly name: 'journal' }
  | { readonly name: 'report' }
  | { readonly name: 'settings' }
  | { readonly name: 'account' }
  | { readonly name: 'authorisations' };

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  const [head, arg] = parts;
  switch (head) {
    case 'alerts':
      return arg ? { name: 'alert', id: arg } : { name: 'alerts' };
    case 'live':
      return { name: 'live' };
    case 'cameras':
      if (arg === 'new') return { name: 'camera-new' };
      return arg ? { name: 'camera-edit', id: arg } : { name: 'cameras' };
    case 'dashboard':
      return { name: 'dashboard' };
    case 'users':
      return { name: 'users' };
    case 'journal':
      return { name: 'journal' };
    case 'report': return { name: 'report' };
    case 'settings':
      return { name: 'settings' };
    case 'account':
      return { name: 'account' };
    case 'authorisations':
      return { name: 'authorisations' };
    default:
      return { name: 'alerts' };
  }
}

export function href(route: Route): string {
  switch (route.name) {
    case 'alert':
      return `#/alerts/${encodeURIComponent(route.id)}`;
    case 'camera-new':
      return '#/cameras/new';
    case 'camera-edit':
      return `#/cameras/${encodeURIComponent(route.id)}`;
    default:
      return `#/${route.name}`;
  }
}

export function navigate(route: Route): void {
  window.location.hash = href(route);
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return parseRoute(hash);
}
