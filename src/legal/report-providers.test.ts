import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openConsoleStore, type ConsoleStore } from '../store/console-store.ts';
import { reportProviders } from './report-providers.ts';

describe('the evaluation report lists the recorded authorisations and kill switches', () => {
  let dir: string;
  let store: ConsoleStore;
  afterEach(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('as recorded: order, authority, window, cameras, events, revoked; switches with who, why and release', () => {
    dir = mkdtempSync(path.join(tmpdir(), 'vigie-report-legal-'));
    store = openConsoleStore({ dir });
    const a = store.authorisations.create({ reference: 'AP-2026-0142', authority: 'Préfecture de police', perimeter: 'Gare', cameraIds: ['gate'], events: ['intrusion'], startMs: 1000, endMs: 9000 }, 'admin', 500);
    store.authorisations.create({ reference: 'AP-2026-0001', authority: 'Préfecture', perimeter: 'Parvis', cameraIds: ['dock'], events: ['fire'], startMs: 0, endMs: 5000 }, 'admin', 500);
    store.authorisations.revoke(a.id, 'admin', 'order annulled', 600);
    const k = store.authorisations.engage('camera', 'gate', 'sam', 'crowd incident', 700)!;
    store.authorisations.release(k.id, 'admin', 'over', 800);
    const p = reportProviders(store.authorisations);
    expect(p.authorisations().map((x) => [x.reference, x.authority, x.startMs, x.endMs, x.cameraIds, x.eventTypes, x.revoked ?? false])).toEqual([
      ['AP-2026-0001', 'Préfecture', 0, 5000, ['dock'], ['fire'], false],
      ['AP-2026-0142', 'Préfecture de police', 1000, 9000, ['gate'], ['intrusion'], true],
    ]);
    expect(p.killSwitches()).toEqual([{ scope: 'camera', target: 'gate', engagedAtMs: 700, engagedBy: 'sam', why: 'crowd incident', releasedAtMs: 800 }]);
  });
});
