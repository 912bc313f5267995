import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate } from './migrations.ts';
import { createAuthorisationStore, type AuthorisationInput, type AuthorisationStore } from './authorisations.ts';

const order: AuthorisationInput = { reference: 'AP-2025-01', authority: 'Préfecture du Rhône', perimeter: 'Gare Part-Dieu', cameraIds: ['cam1', 'cam2'], events: ['intrusion', 'fire'], startMs: 1000, endMs: 5000 };

describe('authorisation store', () => {
  let db: Database.Database;
  let store: AuthorisationStore;
  beforeEach(() => {
    db = new Database(':memory:');
    migrate(db);
    store = createAuthorisationStore(db);
  });
  afterEach(() => db.close());

  it('records an authorisation and reads it back as it was given', () => {
    const a = store.create(order, 'admin', 500);
    expect(a).toEqual({ id: a.id, ...order, demo: false, createdAtMs: 500, createdBy: 'admin', updatedAtMs: 500, updatedBy: 'admin' });
    expect(store.list()).toEqual([a]);
    expect(store.get(a.id)).toEqual(a);
  });

  it('updates with before and after, and refuses to change a revoked one', () => {
    const a = store.create(order, 'admin', 500);
    const change = store.update(a.id, { ...order, events: ['intrusion'], endMs: 9000 }, 'chief', 600);
    expect(change?.before).toEqual(a);
    expect(change?.after).toMatchObject({ events: ['intrusion'], endMs: 9000, updatedBy: 'chief', updatedAtMs: 600, createdBy: 'admin' });
    expect(store.update('nope', order, 'chief', 600)).toBeUndefined();

    const revoked = store.revoke(a.id, 'chief', 'order annulled', 700);
    expect(revoked?.after).toMatchObject({ revokedAtMs: 700, revokedBy: 'chief', revokedWhy: 'order annulled' });
    expect(store.revoke(a.id, 'chief', 'again', 800)).toBeUndefined();
    expect(store.update(a.id, order, 'chief', 800)).toBeUndefined();
    expect(store.list()).toHaveLength(1); // never deleted
  });

  it('notes each expiry once, again only when the end moves', () => {
    const a = store.create(order, 'admin', 500);
    const b = store.create({ ...order, reference: 'AP-2', endMs: 8000 }, 'admin', 500);
    expect(store.noteExpired(4999)).toEqual([]);
    expect(store.noteExpired(5000).map((x) => x.id)).toEqual([a.id]);
    expect(store.noteExpired(6000)).toEqual([]);
    store.update(a.id, { ...order, perimeter: 'Gare' }, 'admin', 6000);
    expect(store.noteExpired(6000)).toEqual([]);
    store.update(a.id, { ...order, endMs: 7000 }, 'admin', 6000);
    store.revoke(b.id, 'admin', 'annulled', 6500);
    expect(store.noteExpired(9000).map((x) => x.id)).toEqual([a.id]);
  });

  it('refuses a window that ends before it starts, and event lists that are not JSON arrays', () => {
    expect(() => store.create({ ...order, endMs: 1000 }, 'admin', 1)).toThrow(/constraint/i);
    expect(() => db.exec(`UPDATE authorisations SET events = '"fire"'`)).not.toThrow(); // no row yet
    const a = store.create(order, 'admin', 1);
    expect(() => db.prepare('UPDATE authorisations SET events = ? WHERE id = ?').run('"fire"', a.id)).toThrow(/constraint/i);
  });

  it('engages one kill switch per scope and target, releases it with who and why, keeps the row', () => {
    const g = store.engage('global', undefined, 'sup', 'incident', 100);
    expect(g).toMatchObject({ scope: 'global', engagedBy: 'sup', engagedWhy: 'incident', engagedAtMs: 100 });
    expect(g && 'targetId' in g).toBe(false);
    expect(store.engage('global', undefined, 'sup', 'twice', 110)).toBeUndefined();
    const c = store.engage('camera', 'cam1', 'sup', 'bad view', 120);
    expect(store.engage('camera', 'cam2', 'sup', 'other', 130)).toBeDefined();
    expect(store.engaged().map((k) => k.targetId ?? 'global')).toEqual(['global', 'cam1', 'cam2']);

    const released = store.release(c!.id, 'admin', 'checked', 200);
    expect(released?.before.releasedAtMs).toBeUndefined();
    expect(released?.after).toMatchObject({ releasedAtMs: 200, releasedBy: 'admin', releasedWhy: 'checked' });
    expect(store.release(c!.id, 'admin', 'again', 210)).toBeUndefined();
    expect(store.engaged().map((k) => k.targetId ?? 'global')).toEqual(['global', 'cam2']);
    expect(store.killSwitches().map((k) => k.id)).toEqual([g!.id, expect.any(String), c!.id]);
    expect(store.engage('camera', 'cam1', 'sup', 'again', 300)).toBeDefined(); // engaged anew after release
  });
});
