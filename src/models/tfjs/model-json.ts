/**
 * The TF.js graph-model format (model.json), validated with zod at the edge.
 * Only the parts the converter reads are kept; unknown keys are dropped.
 */
import { z } from 'zod';

const attrValueSchema = z.object({
  s: z.string().optional(),
  i: z.union([z.string(), z.number()]).optional(),
  f: z.number().optional(),
  b: z.boolean().optional(),
  type: z.string().optional(),
  shape: z.unknown().optional(),
  tensor: z.unknown().optional(),
  list: z
    .object({
      s: z.array(z.string()).optional(),
      i: z.array(z.union([z.string(), z.number()])).optional(),
      f: z.array(z.number()).optional(),
      b: z.array(z.boolean()).optional(),
      type: z.array(z.string()).optional(),
      shape: z.array(z.unknown()).optional(),
    })
    .optional(),
});
export type TfAttrValue = z.infer<typeof attrValueSchema>;

const nodeSchema = z.object({
  name: z.string(),
  op: z.string(),
  input: z.array(z.string()).optional(),
  attr: z.record(z.string(), attrValueSchema).optional(),
  device: z.string().optional(),
});
export type TfNodeDef = z.infer<typeof nodeSchema>;

const quantizationSchema = z.object({
  dtype: z.enum(['float16', 'uint8', 'uint16']),
  scale: z.number().optional(),
  min: z.number().optional(),
  original_dtype: z.string().optional(),
});
export type Quantization = z.infer<typeof quantizationSchema>;

const weightEntrySchema = z.object({
  name: z.string(),
  shape: z.array(z.number().int()),
  dtype: z.enum(['float32', 'int32', 'bool', 'string', 'complex64']),
  quantization: quantizationSchema.optional(),
});
export type WeightEntry = z.infer<typeof weightEntrySchema>;

const weightGroupSchema = z.object({
  paths: z.array(z.string()),
  weights: z.array(weightEntrySchema),
});

const tensorInfoSchema = z.object({
  name: z.string(),
  dtype: z.string().optional(),
  tensorShape: z.unknown().optional(),
});

export const graphModelJsonSchema = z.object({
  format: z.string().optional(),
  generatedBy: z.string().optional(),
  convertedBy: z.string().nullable().optional(),
  signature: z
    .object({
      inputs: z.record(z.string(), tensorInfoSchema).optional(),
      outputs: z.record(z.string(), tensorInfoSchema).optional(),
    })
    .optional(),
  modelTopology: z.object({
    node: z.array(nodeSchema),
    library: z.unknown().optional(),
    versions: z.unknown().optional(),
  }),
  weightsManifest: z.array(weightGroupSchema),
});
export type GraphModelJson = z.infer<typeof graphModelJsonSchema>;
