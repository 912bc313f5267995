import { describe, expect, it } from 'vitest';
import type { CameraControl, CameraView } from '../api/deps.ts';
import { cameraSchema } from '../config/schema.ts';
import { confineCameras, confineSourceTest } from './confined-cameras.ts';

const added: string[] = [];
const fake: CameraControl = {
  list: () => [],
  view: () => undefined,
  add: async (c) => {
    added.push(c.id);
    return { ...c } as CameraView;
  },
  update: async () => undefined,
  remove: async () => false,
  latestFrame: () => undefined,
};

describe('cameras confined to the allowed folders', () => {
  const confined = confineCameras(fake, ['/srv/media']);

  it('refuses a file camera outside, with a reason naming the file; accepts inside and network URLs', async () => {
    await expect(confined.add(cameraSchema.parse({ id: 'a', url: '/etc/passwd' }))).rejects.toThrow('camera a: file "/etc/passwd" is outside the allowed folders');
    await expect(confined.update(cameraSchema.parse({ id: 'a', url: 'file:///etc/passwd' }))).rejects.toMatchObject({ code: 'SOURCE_INVALID' });
    await confined.add(cameraSchema.parse({ id: 'b', url: '/srv/media/b.mp4' }));
    await confined.add(cameraSchema.parse({ id: 'c', url: 'rtsp://cam/1' }));
    expect(added).toEqual(['b', 'c']);
  });

  it('does not open a file outside to test it', async () => {
    const opened: string[] = [];
    const test = confineSourceTest(async (url) => (opened.push(url), { ok: false, reason: 'opened' }), ['/srv/media']);
    expect(await test('/etc/shadow')).toEqual({ ok: false, reason: 'file "/etc/shadow" is outside the allowed folders (security.allowedDirs: /srv/media)' });
    expect(opened).toEqual([]);
  });

  it('is the plain control when no folder is set', () => expect(confineCameras(fake, [])).toBe(fake));
});
