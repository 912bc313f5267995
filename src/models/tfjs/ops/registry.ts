/** Every TF op the converter knows, by TF op name. */
import type { OpConverter } from './common.ts';
import { convOps } from './conv.ts';
import { elementwiseOps } from './elementwise.ts';
import { gatherOps } from './gather.ts';
import { poolOps } from './pool.ts';
import { resizeOps } from './resize.ts';
import { shapeOps } from './shape.ts';

export const OP_CONVERTERS: Readonly<Record<string, OpConverter>> = {
  ...convOps,
  ...poolOps,
  ...elementwiseOps,
  ...shapeOps,
  ...resizeOps,
  ...gatherOps,
};
