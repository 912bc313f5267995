import { describe, expect, it } from 'vitest';
import { href, parseRoute, type Route } from './router.ts';

describe('parseRoute / href', () => {
  it.each<[string, Route]>([
    ['', { name: 'alerts' }],
    ['#/alerts', { name: 'alerts' }],
    ['#/alerts/a%2Fb', { name: 'alert', id: 'a/b' }],
    ['#/live', { name: 'live' }],
    ['#/cameras', { name: 'cameras' }],
    ['#/cameras/new', { name: 'camera-new' }],
    ['#/cameras/gate-1', { name: 'camera-edit', id: 'gate-1' }],
    ['#/dashboard', { name: 'dashboard' }],
    ['#/users', { name: 'users' }],
    ['#/journal', { name: 'journal' }],
    ['#/report', { name: 'report' }],
    ['#/settings', { name: 'settings' }],
    ['#/account', { name: 'account' }],
    ['#/authorisations', { name: 'authorisations' }],
    ['#/unknown/thing', { name: 'alerts' }],
  ])('%s', (hash, route) => {
    expect(parseRoute(hash)).toEqual(route);
    if (hash.startsWith('#/') && !hash.includes('unknown')) expect(parseRoute(href(route))).toEqual(route);
  });
});
