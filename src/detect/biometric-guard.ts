/**
 * Vigie never detects faces, never recognises anyone and never re-identifies a person from one
 * view to the next. Every ONNX model it opens passes this guard first (onnx-session.ts at run time,
 * models/verify.ts at install), which refuses:
 *
 * - by name: a deny-list of known face detectors, face recognisers, face landmark and attribute
 *   models and re-identification embedders, matched on the file name and on what the file says of
 *   itself (producer, domain, graph name, doc strings, metadata keys and values: an Ultralytics
 *   export lists its class names there, so a YOLO trained on faces is refused too);
 * - by output signature: a per-image feature vector ([B, D], D a multiple of 32 in 64..2048, the
 *   sizes of face and person embeddings: 128, 256, 512, 2048...) in a model with no box output;
 *   five-point landmarks (a last dimension of 10) beside boxes (a last dimension of 4); a facial
 *   landmark regressor ([B, 136 | 196 | 212]: 68, 98 or 106 points); keypoints declared as 5 points.
 *
 * Detectors ([1, 4+C, N] YOLO exports, NanoDet's per-level scores and box bins) and body pose
 * (MoveNet's [1, 1, 17, 3]) have none of these and pass. Pure: the caller reads the header.
 */
import { VigieError } from '../core/errors.ts';
import type { ModelHeader, OutputInfo } from './biometric-guard-read.ts';

interface Denied {
  readonly pattern: RegExp;
  readonly what: string;
}

const FACE_DETECTION = 'a face detector';
const FACE_RECOGNITION = 'a face recognition model';
const FACE_ANALYSIS = 'a face landmark or attribute model';
const REID = 'a person re-identification model';

/** Known biometric models, matched on lower-cased text. */
export const DENY_LIST: readonly Denied[] = [
  ...['retinaface', 'scrfd', 'yunet', 'blazeface', 'ultraface', 'ultra-light-fast', 'ultra_light', 'mtcnn', 'faceboxes', 'centerface', 'dsfd', 's3fd', 'libfacedetection', 'facedet', 'det_10g', 'det_2.5g', 'det_500m'].map((w) => ({ pattern: new RegExp(escape(w)), what: FACE_DETECTION })),
  ...['arcface', 'insightface', 'facenet', 'sface', 'mobilefacenet', 'adaface', 'magface', 'cosface', 'sphereface', 'curricularface', 'elasticface', 'w600k', 'glint360k', 'ms1mv', 'webface', 'vggface', 'deepface', 'openface', 'facerec', 'face_recognition', 'buffalo_', 'antelopev2', 'dlib'].map((w) => ({ pattern: new RegExp(escape(w)), what: FACE_RECOGNITION })),
  ...['facemesh', 'face_mesh', 'faceland', 'face_landmark', 'pfld', '2d106det', '1k3d68', 'genderage', 'fairface', 'ferplus', 'emotion', 'gender'].map((w) => ({ pattern: new RegExp(escape(w)), what: FACE_ANALYSIS })),
  ...['reid', 're-id', 're_id', 'reidentification', 're-identification', 'osnet', 'torchreid', 'deep_sort', 'deep-sort', 'deepsort', 'strongsort', 'strong_sort', 'mars-small128', 'market1501', 'msmt17', 'dukemtmc', 'veri776', 'veri-wild'].map((w) => ({ pattern: new RegExp(escape(w)), what: REID })),
  // "face" or "faces" as a word, or a word starting with it (FaceDetector, face-detection-retail, names {0: 'face'}).
  { pattern: /(^|[^a-z])face/, what: 'a face model' },
];

function escape(word: string): string {
  return word.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');
}

/** The first deny-list entry found in any of the texts, with the text it was found in. */
export function deniedName(texts: readonly string[]): { what: string; text: string } | undefined {
  for (const text of texts) {
    const lower = text.toLowerCase();
    const hit = DENY_LIST.find((d) => d.pattern.test(lower));
    if (hit) return { what: hit.what, text };
  }
  return undefined;
}

const FLOAT_TYPES = new Set([1, 10, 11, 16]);

/** The shape without trailing 1s beyond the first two dimensions ([1, 512, 1, 1] -> [1, 512]). */
function squeezed(shape: readonly (number | string | null)[]): readonly (number | string | null)[] {
  let end = shape.length;
  while (end > 2 && shape[end - 1] === 1) end -= 1;
  return shape.slice(0, end);
}

const lastDim = (o: OutputInfo): number | string | null | undefined => o.shape?.at(-1);
const isEmbeddingSize = (d: unknown): boolean => typeof d === 'number' && d >= 64 && d <= 2048 && d % 32 === 0;
const LANDMARK_VECTORS = new Set([136, 196, 212]);

/** Why the outputs look biometric, or undefined. */
export function biometricSignature(outputs: readonly OutputInfo[]): string | undefined {
  const floats = outputs.filter((o) => FLOAT_TYPES.has(o.elemType) && o.shape);
  const shapes = floats.map((o) => ({ o, s: squeezed(o.shape ?? []) }));
  const boxes = floats.some((o) => lastDim(o) === 4);
  const spatial = shapes.some(({ s }) => s.length >= 3);
  const embedding = shapes.find(({ s }) => s.length === 2 && isEmbeddingSize(s[1]));
  if (embedding && !boxes && !spatial) {
    return `output "${embedding.o.name}" [${embedding.o.shape?.join(', ')}] is one feature vector per image (an identity embedding), with no box output`;
  }
  const landmarks = floats.find((o) => (o.shape?.length ?? 0) >= 2 && lastDim(o) === 10);
  if (landmarks && boxes) return `output "${landmarks.name}" [${landmarks.shape?.join(', ')}] holds five-point facial landmarks beside box outputs`;
  const regressor = shapes.find(({ s }) => s.length === 2 && typeof s[1] === 'number' && LANDMARK_VECTORS.has(s[1]));
  if (regressor) return `output "${regressor.o.name}" [${regressor.o.shape?.join(', ')}] is a facial landmark regression (68, 98 or 106 points)`;
  return undefined;
}

/** Keypoints declared in the metadata (Ultralytics `kpt_shape`): five points are facial landmarks. */
function keypointProblem(metadata: Readonly<Record<string, string>>): string | undefined {
  const kpt = metadata.kpt_shape;
  return kpt !== undefined && /^\s*\[\s*5\s*,/.test(kpt) ? `its metadata declares 5 keypoints (kpt_shape ${kpt}): facial landmarks` : undefined;
}

/** Why the model is refused, or undefined when it may run. `file` is its path or name. */
export function biometricRefusal(file: string, header: ModelHeader): string | undefined {
  const base = file.split(/[\\/]/).pop() ?? file;
  const texts = [base, header.producer, header.domain, header.graphName, header.doc, header.graphDoc, ...Object.entries(header.metadata).flat()];
  const name = deniedName(texts.filter((t) => t !== ''));
  if (name) return `"${name.text}" names ${name.what}`;
  return keypointProblem(header.metadata) ?? biometricSignature(header.outputs);
}

/** Throws MODEL_INVALID naming the model and why when it is refused. */
export function assertNotBiometric(file: string, header: ModelHeader): void {
  const why = biometricRefusal(file, header);
  if (why !== undefined) {
    throw new VigieError(
      'MODEL_INVALID',
      `model ${file} refused: ${why}. Vigie never runs face detection, face recognition or re-identification (docs/legal.md, "Only the eight events, never biometrics")`,
    );
  }
}
