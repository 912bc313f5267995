import { describe, expect, it } from 'vitest';
import { layoutKey, parseLayout, serializeLayout } from './wall-layout.ts';

it.each<[string, number, number, string]>([
  ['', 1920, 1080, 'vigie.live.layout.main@1920x1080'],
  ['wall-2', 3840, 2160, 'vigie.live.layout.wall-2@3840x2160'],
  ['  ', 1920, 1080, 'vigie.live.layout.main@1920x1080'],
  ['salle "A"', 2560.4, 1440, 'vigie.live.layout.salle__A_@2560x1440'],
])('layoutKey(%j, %i, %i) = %s', (name, w, h, key) => {
  expect(layoutKey(name, w, h)).toBe(key);
});

describe('parseLayout', () => {
  it.each<[string, string | null, string | null, unknown, boolean]>([
    ['nothing stored', null, null, { hidden: [] }, false],
    ['its own layout', '{"hidden":["a"],"large":"b"}', '["x"]', { hidden: ['a'], large: 'b' }, false],
    ['the older single layout', null, '["x","y"]', { hidden: ['x', 'y'] }, false],
    ['broken JSON: the older one, with the reason', '{"hid', '["x"]', { hidden: ['x'] }, true],
    ['wrong shape: nothing hidden, with the reason', '{"hidden":"a"}', null, { hidden: [] }, true],
    ['older one broken too', null, '{"a":1}', { hidden: [] }, false],
  ])('%s', (_name, raw, legacy, layout, problem) => {
    const r = parseLayout(raw, legacy);
    expect(r.layout).toEqual(layout);
    expect(r.problem !== undefined).toBe(problem);
  });

  it('reads back what it writes', () => {
    for (const l of [{ hidden: [] }, { hidden: ['a', 'b'], large: 'c' }]) expect(parseLayout(serializeLayout(l), null).layout).toEqual(l);
  });
});
