/**
 * ResizeBilinear / ResizeNearestNeighbor (NHWC, size [h, w]) to ONNX Resize with explicit sizes,
 * in the input's storage layout. TF's coordinate rules map to ONNX coordinate_transformation_mode:
 * half_pixel_centers -> half_pixel (tf_half_pixel_for_nn for nearest), align_corners ->
 * align_corners, neither -> asymmetric. In the probes of a dynamic-axes conversion (dynamic.ts) the
 * Resize scales by its reference ratio instead (e.g. 2 on H and W), so it holds no size.
 */
import { attr } from '../../onnx/builder.ts';
import type { AttributeValue } from '../../onnx/types.ts';
import { tensorValue } from '../context.ts';
import type { TensorValue, Value } from '../context.ts';
import { referenceShape } from '../dynamic.ts';
import { attrBool } from '../graph.ts';
import type { TfNode } from '../graph.ts';
import { hostTensor } from '../host-tensor.ts';
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

/** The NHWC scales [1, h / H, w / W, 1] from the reference input [N, H, W, C]; they must be exact in float32. */
function referenceScales(node: TfNode, refIn: readonly number[], h: number, w: number): number[] {
  const scales = [1, h / refIn[1]!, w / refIn[2]!, 1];
  if (scales.some((s) => Math.fround(s) !== s)) {
    throw opError(node, `dynamic axes: resize ratio [${scales}] (to ${h}x${w} from [${refIn}]) is not exact in float32`);
  }
  return scales;
}

function resizeByScales(node: TfNode, x: TensorValue, scales: readonly number[], ctx: ConvertContext, nearest: boolean): TensorValue {
  const shape = x.shape.map((d, i) => d * scales[i]!);
  if (shape.some((d) => !Number.isInteger(d))) throw opError(node, `dynamic axes: [${x.shape}] scaled by [${scales}] is not whole`);
  const name = ctx.initializer(hostTensor('float32', [4], physicalShape(scales, x.perm)), `${node.name}/scales`);
  const [out] = ctx.emit('Resize', [x.name, '', name], node.name, resizeAttributes(node, nearest));
  return tensorValue(out!, x.dtype, shape, x.perm);
}

function resize(node: TfNode, inputs: readonly Value[], ctx: ConvertContext, nearest: boolean): Value[] {
  const x = tensorInput(node, inputs, 0);
  const [h, w] = constNumbers(node, inputs, 1);
  if (x.shape.length !== 4 || h === undefined || w === undefined) throw opError(node, 'expects NHWC input and size [h, w]');
  const refIn = referenceShape(node, 0, ctx);
  if (refIn) return [resizeByScales(node, x, referenceScales(node, refIn, h, w), ctx, nearest)];
  const shape = [x.shape[0]!, h, w, x.shape[3]!];
  const sizes = ctx.int64(physicalShape(shape, x.perm), `${node.name}/sizes`);
  const [out] = ctx.emit('Resize', [x.name, '', '', sizes], node.name, resizeAttributes(node, nearest));
  return [tensorValue(out!, x.dtype, shape, x.perm)];
}

export const resizeOps: Readonly<Record<string, OpConverter>> = {
  ResizeBilinear: (node, inputs, ctx) => resize(node, inputs, ctx, false),
  ResizeNearestNeighbor: (node, inputs, ctx) => resize(node, inputs, ctx, true),
};
