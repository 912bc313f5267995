/**
 * ResizeBilinear / ResizeNearestNeighbor (NHWC, size [h, w]) to ONNX Resize with explicit sizes,
 * in the input's storage layout. TF's coordinate rules map to ONNX coordinate_transformation_mode:
 * half_pixel_centers -> half_pixel (tf_half_pixel_for_nn for nearest), align_corners ->
 * align_corners, neither -> asymmetric.
 */
import { attr } from '../../onnx/builder.ts';
import type { AttributeValue } from '../../onnx/types.ts';
import { tensorValue } from '../context.ts';
import type { Value } from '../context.ts';
import { attrBool } from '../graph.ts';
import type { TfNode } from '../graph.ts';
import { physicalShape } from '../layout.ts';
import { constNumbers, opError, tensorInput } from './common.ts';
import type { OpConverter } from './common.ts';
import type { ConvertContext } from '../context.ts';

function resizeAttributes(node: TfNode, nearest: boolean): Record<string, AttributeValue> {
  const halfPixel = attrBool(node, 'half_pixel_centers');
  const alignCorners = attrBool(node, 'align_corners');
  if (halfPixel && alignCorners) throw opError(node, 'half_pixel_centers with align_corners is not supported');
  if (!nearest) {
    const mode = halfPixel ? 'half_pixel' : alignCorners ? 'align_corners' : 'asymmetric';
    return { mode: attr.string('linear'), coordinate_transformation_mode: attr.string(mode) };
  }
  const mode = halfPixel ? 'tf_half_pixel_for_nn' : alignCorners ? 'align_corners' : 'asymmetric';
  return {
    mode: attr.string('nearest'),
    coordinate_transformation_mode: attr.string(mode),
    nearest_mode: attr.string(alignCorners ? 'round_prefer_ceil' : 'floor'),
  };
}

function resize(node: TfNode, inputs: readonly Value[], ctx: ConvertContext, nearest: boolean): Value[] {
  const x = tensorInput(node, inputs, 0);
  const [h, w] = constNumbers(node, inputs, 1);
  if (x.shape.length !== 4 || h === undefined || w === undefined) throw opError(node, 'expects NHWC input and size [h, w]');
  const shape = [x.shape[0]!, h, w, x.shape[3]!];
  const sizes = ctx.int64(physicalShape(shape, x.perm), `${node.name}/sizes`);
  const [out] = ctx.emit('Resize', [x.name, '', '', sizes], node.name, resizeAttributes(node, nearest));
  return [tensorValue(out!, x.dtype, shape, x.perm)];
}

export const resizeOps: Readonly<Record<string, OpConverter>> = {
  ResizeBilinear: (node, inputs, ctx) => resize(node, inputs, ctx, false),
  ResizeNearestNeighbor: (node, inputs, ctx) => resize(node, inputs, ctx, true),
};
