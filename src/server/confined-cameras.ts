/**
 * The cameras and the source test as the API sees them when `security.allowedDirs` is set: a
 * camera reading a file (or a model) outside the allowed folders is refused with a clear reason
 * (400), and the connection test does not open such a file.
 */
import type { CameraConfig } from '../config/schema.ts';
import { confinementProblem, sourceProblem } from '../config/allowed-dirs.ts';
import { VigieError } from '../core/errors.ts';
import type { CameraControl, CameraTestResult } from '../api/deps.ts';

/** The first confinement problem of a camera (its file, its models), or undefined. */
export function cameraProblem(camera: CameraConfig, dirs: readonly string[]): string | undefined {
  return (
    sourceProblem(camera.url, dirs) ??
    (camera.fireDetector ? confinementProblem('model', camera.fireDetector.model, dirs) : undefined) ??
    (camera.weaponDetector ? confinementProblem('model', camera.weaponDetector.model, dirs) : undefined)
  );
}

const refuse = (camera: CameraConfig, dirs: readonly string[]): void => {
  const problem = cameraProblem(camera, dirs);
  if (problem) throw new VigieError('SOURCE_INVALID', `camera ${camera.id}: ${problem}`);
};

export function confineCameras(cameras: CameraControl, dirs: readonly string[]): CameraControl {
  if (dirs.length === 0) return cameras;
  return {
    list: () => cameras.list(),
    view: (id) => cameras.view(id),
    add: async (camera) => {
      refuse(camera, dirs);
      return cameras.add(camera);
    },
    update: async (camera) => {
      refuse(camera, dirs);
      return cameras.update(camera);
    },
    remove: (id) => cameras.remove(id),
    latestFrame: (id) => cameras.latestFrame(id),
  };
}

export function confineSourceTest(test: (url: string) => Promise<CameraTestResult>, dirs: readonly string[]): (url: string) => Promise<CameraTestResult> {
  return async (url) => {
    const problem = sourceProblem(url, dirs);
    return problem ? { ok: false, reason: problem } : test(url);
  };
}
