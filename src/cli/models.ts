/** `vigie models install [--force]`: converts the bundled TensorFlow.js graphs to ONNX (cached). */
import { parseArgs } from 'node:util';
import { VigieError } from '../core/errors.ts';
import { installModels } from '../models/install.ts';

export async function modelsCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { force: { type: 'boolean', default: false } } });
  if (positionals[0] !== 'install' || positionals.length > 1) throw new VigieError('USAGE', 'usage: vigie models install [--force]');
  const report = await installModels({ force: values.force, log: (line: string) => process.stdout.write(`${line}\n`) });
  return report.ok ? 0 : 1;
}
