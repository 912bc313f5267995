/**
 * The camera entry that docs/events/weapon.md gives for plugging in a firearm model must validate
 * against the site schema, and say what the page says it says.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseYaml, validateConfig } from '../../config/load.ts';

const page = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../docs/events/weapon.md');
const MARK = '<!-- weapon-config-example -->';

function exampleBlock(markdown: string): string {
  const from = markdown.indexOf(MARK);
  const match = /```yaml\n([\s\S]*?)```/.exec(markdown.slice(from));
  if (from < 0 || !match) throw new Error(`no yaml block after ${MARK} in ${page}`);
  return match[1]!;
}

describe('the weaponDetector example of docs/events/weapon.md', () => {
  it('validates against the site schema, with pistol and rifle mapped', () => {
    const config = validateConfig(parseYaml(exampleBlock(readFileSync(page, 'utf8')), page), page);
    const camera = config.cameras[0]!;
    expect(camera.events).toEqual(['weapon']);
    expect(camera.weaponDetector).toMatchObject({ model: 'models/firearms.onnx', classMap: { '0': 'pistol', '1': 'rifle', '2': 'knife' }, inputSize: 640, minScore: 0.4 });
    expect(camera.params).toMatchObject({ weaponMinFrames: 2, weaponWindowFrames: 5 });
  });

  it('a class mapped to a label Vigie does not know is refused', () => {
    const bad = exampleBlock(readFileSync(page, 'utf8')).replace("'0': pistol", "'0': handgun");
    expect(() => validateConfig(parseYaml(bad, page), page)).toThrow(/classMap/);
  });
});
