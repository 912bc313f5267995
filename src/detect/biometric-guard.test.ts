import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildModel, floatTensor, node } from '../models/onnx/index.ts';
import { verifyModel } from '../models/verify.ts';
import { REPO_ROOT } from '../models/paths.ts';
import { biometricRefusal, biometricSignature } from './biometric-guard.ts';
import { readModelHeader, type ModelHeader, type OutputInfo } from './biometric-guard-read.ts';
import { createDetector } from './factory.ts';
import { createOrtSession, openModelSession } from './onnx-session.ts';
import { buildYoloFixture, writeTempModel } from './test-models.ts';

const out = (name: string, ...shape: (number | string | null)[]): OutputInfo => ({ name, elemType: 1, shape });
const header = (outputs: OutputInfo[], more: Partial<ModelHeader> = {}): ModelHeader => ({
  producer: 'pytorch',
  domain: '',
  doc: '',
  graphName: 'main_graph',
  graphDoc: '',
  metadata: {},
  outputs,
  ...more,
});
const YOLO = [out('output0', 1, 84, 8400)];

describe('biometricRefusal by name: the file name and what the file says of itself', () => {
  it.each<[string, string, Partial<ModelHeader>, RegExp | undefined]>([
    ['arcface named', 'models/arcface_r100.onnx', {}, /"arcface_r100.onnx" names a face recognition model/],
    ['insightface recogniser of a buffalo pack', '/srv/buffalo_l/w600k_r50.onnx', {}, /w600k_r50.onnx" names a face recognition model/],
    ['scrfd detector of the same pack', 'det_10g.onnx', {}, /names a face detector/],
    ['RetinaFace in capitals', 'RetinaFace-R50.onnx', {}, /face detector/],
    ['YuNet from OpenCV Zoo', 'face_detection_yunet_2023mar.onnx', {}, /face detector/],
    ['SFace from OpenCV Zoo', 'face_recognition_sface_2021dec.onnx', {}, /face recognition/],
    ['OpenVINO face detector by its word', 'face-detection-retail-0004.onnx', {}, /a face model/],
    ['a camelCase FaceDetector', 'FaceDetector.onnx', {}, /face detector/],
    ['OSNet re-identification', 'osnet_x1_0_msmt17.onnx', {}, /re-identification/],
    ['OpenVINO person re-identification', 'person-reidentification-retail-0277.onnx', {}, /re-identification/],
    ['DeepSORT embedder', 'mars-small128.onnx', {}, /re-identification/],
    ['named only in the graph', 'model.onnx', { graphName: 'ArcFaceResNet' }, /"ArcFaceResNet" names a face recognition model/],
    ['named only by the producer', 'model.onnx', { producer: 'insightface' }, /face recognition/],
    ['an Ultralytics YOLO trained on faces (class names in the metadata)', 'best.onnx', { metadata: { names: "{0: 'face'}", task: 'detect' } }, /"\{0: 'face'\}" names a face model/],
    ['an Ultralytics pose model with 5 keypoints', 'best.onnx', { metadata: { kpt_shape: '[5, 3]', names: "{0: 'person'}" } }, /5 keypoints/],
    ['a COCO YOLO passes', 'yolov8n.onnx', { metadata: { names: "{0: 'person', 1: 'bicycle', 27: 'tie'}", kpt_shape: '' } }, undefined],
    ['body pose with 17 keypoints passes', 'yolov8n-pose.onnx', { metadata: { kpt_shape: '[17, 3]' } }, undefined],
    ['a fire model whose text says "surface" passes', 'fire_smoke.onnx', { doc: 'flames on any surface' }, undefined],
  ])('%s', (_name, file, more, want) => {
    const why = biometricRefusal(file, header(YOLO, more));
    if (want) expect(why).toMatch(want);
    else expect(why).toBeUndefined();
  });
});

describe('biometricSignature: the outputs', () => {
  it.each<[string, OutputInfo[], RegExp | undefined]>([
    ['a face embedding [1, 512]', [out('fc1', 1, 512)], /one feature vector per image/],
    ['a batch of embeddings [N, 128]', [out('emb', 'N', 128)], /identity embedding/],
    ['a person re-id feature [1, 2048, 1, 1]', [out('feat', 1, 2048, 1, 1)], /identity embedding/],
    ['RetinaFace: boxes, scores and 5-point landmarks', [out('loc', 1, 16800, 4), out('conf', 1, 16800, 2), out('landms', 1, 16800, 10)], /five-point facial landmarks/],
    ['SCRFD stride outputs', [out('score_8', 12800, 1), out('bbox_8', 12800, 4), out('kps_8', 12800, 10)], /five-point facial landmarks/],
    ['a 106-point landmark regressor', [out('fc1', 1, 212)], /landmark regression/],
    ['YOLOv8 [1, 84, 8400]', YOLO, undefined],
    ['YOLO with 6 classes, channels last [1, 8400, 10] and no box output', [out('output0', 1, 8400, 10)], undefined],
    ['NanoDet levels', [out('Identity', 1, 2704, 80), out('Identity_3', 1, 2704, 44)], undefined],
    ['MoveNet keypoints [1, 1, 17, 3]', [out('Identity', 1, 1, 17, 3)], undefined],
    ['an ImageNet classifier [1, 1000]', [out('logits', 1, 1000)], undefined],
    ['a two-class fire classifier [1, 2]', [out('prob', 1, 2)], undefined],
    ['boxes and class scores as 2-D tensors', [out('boxes', 'N', 4), out('scores', 'N', 80)], undefined],
    ['an integer output is not a feature vector', [{ name: 'ids', elemType: 7, shape: [1, 512] }], undefined],
  ])('%s', (_name, outputs, want) => {
    const why = biometricSignature(outputs);
    if (want) expect(why).toMatch(want);
    else expect(why).toBeUndefined();
  });
});

describe('readModelHeader', () => {
  it('reads what the builder wrote: producer, graph name, metadata, outputs with symbolic dimensions', () => {
    const bytes = buildModel({
      name: 'g1',
      inputs: [{ name: 'x', dtype: 'float32', shape: ['batch', 3] }],
      outputs: [{ name: 'y', dtype: 'float32', shape: ['batch', 3] }, { name: 'z', dtype: 'float32' }],
      nodes: [node('Relu', ['x'], ['y']), node('Neg', ['x'], ['z'])],
      producerName: 'someone',
      doc: 'a doc',
      metadata: { names: "{0: 'person'}", stride: '32' },
    });
    expect(readModelHeader(bytes)).toEqual({
      producer: 'someone',
      domain: '',
      doc: 'a doc',
      graphName: 'g1',
      graphDoc: 'a doc',
      metadata: { names: "{0: 'person'}", stride: '32' },
      outputs: [{ name: 'y', elemType: 1, shape: ['batch', 3] }, { name: 'z', elemType: 1 }],
    });
  });

  it('refuses bytes that are not a model', () => {
    expect(() => readModelHeader(new Uint8Array([0x0a, 0xff, 0xff, 0xff]))).toThrow(/not an ONNX model/);
  });
});

/** An embedding network in miniature: images [1, 3, 112, 112] -> a float vector [1, 512]. */
function embeddingModel(): Uint8Array {
  return buildModel({
    inputs: [{ name: 'images', dtype: 'float32', shape: [1, 3, 112, 112] }],
    outputs: [{ name: 'embedding', dtype: 'float32', shape: [1, 512] }],
    initializers: [floatTensor('w', [3, 512], new Array<number>(3 * 512).fill(0.01))],
    nodes: [node('GlobalAveragePool', ['images'], ['pooled']), node('Flatten', ['pooled'], ['flat']), node('MatMul', ['flat', 'w'], ['embedding'])],
  });
}

describe('every model Vigie opens passes the guard', () => {
  it('refuses an embedding model [1, 512] whatever its name, naming the file and why', async () => {
    const file = writeTempModel(embeddingModel(), 'helper.onnx');
    await expect(openModelSession(file, 1)).rejects.toThrow(new RegExp(`model ${file.replace(/[.\\/]/g, '\\$&')} refused: output "embedding" \\[1, 512\\] is one feature vector per image`));
    await expect(createOrtSession(file, 1)).rejects.toThrow(/never runs face detection, face recognition or re-identification/);
  });

  it('refuses a detector-shaped model named arcface.onnx, in process and in a detector worker', async () => {
    const file = writeTempModel(buildYoloFixture(64, 2, [{ cx: 0.5, cy: 0.5, w: 0.2, h: 0.2, scores: [0.9, 0] }]), 'arcface.onnx');
    const spec = { kind: 'yolo', model: file, classMap: { '0': 'person' }, inputSize: 64, thresholds: { default: 0.3 }, lowScore: 0.1, threads: 1 } as const;
    await expect(createDetector(spec, { modelsDir: path.dirname(file), inProcess: true })).rejects.toThrow(/arcface\.onnx" names a face recognition model/);
    await expect(createDetector(spec, { modelsDir: path.dirname(file) })).rejects.toThrow(/arcface\.onnx" names a face recognition model/);
  });

  it('opens the same detector under another name', async () => {
    const file = writeTempModel(buildYoloFixture(64, 2, [{ cx: 0.5, cy: 0.5, w: 0.2, h: 0.2, scores: [0.9, 0] }]), 'yolo-yard.onnx');
    const spec = { kind: 'yolo', model: file, classMap: { '0': 'person' }, inputSize: 64, thresholds: { default: 0.3 }, lowScore: 0.1, threads: 1 } as const;
    const detector = await createDetector(spec, { modelsDir: path.dirname(file), inProcess: true });
    await detector.close();
  });

  const bundled = ['nanodet', 'movenet-lightning'].map((name) => path.join(REPO_ROOT, 'models', `${name}.onnx`));
  it.skipIf(!bundled.every((f) => existsSync(f)))('passes the bundled converted models (NanoDet, MoveNet)', async () => {
    for (const file of bundled) {
      expect(biometricRefusal(file, readModelHeader(readFileSync(file)))).toBeUndefined();
      const session = await createOrtSession(file, 1);
      await session.release();
    }
  });

  it('refuses at install: a converted graph named after a face model, and an embedding graph', async () => {
    const named = buildModel({ name: 'blazeface', inputs: [{ name: 'x', dtype: 'float32', shape: [1, 4] }], outputs: [{ name: 'y', dtype: 'float32', shape: [1, 4] }], nodes: [node('Relu', ['x'], ['y'])] });
    await expect(verifyModel(named, [{ name: 'x', dtype: 'float32', shape: [1, 4] }], [{ name: 'y', dtype: 'float32', shape: [1, 4] }])).rejects.toThrow(/blazeface\.onnx refused: "blazeface\.onnx" names a face detector/);
    await expect(verifyModel(embeddingModel(), [{ name: 'images', dtype: 'float32', shape: [1, 3, 112, 112] }], [])).rejects.toThrow(/identity embedding/);
  });
});
