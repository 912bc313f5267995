/** Worker thread entry: owns one ONNX detector, answers one request at a time. */
import { parentPort, workerData } from 'node:worker_threads';
import { createOnnxDetector, type TimedDetector } from './onnx-detector.ts';
import { serialiseError, type DetectRequest, type WorkerData, type WorkerReply } from './worker-protocol.ts';

const port = parentPort;
if (!port) throw new Error('detect/worker.ts must run in a worker thread');
const { spec } = workerData as WorkerData;
const send = (reply: WorkerReply): void => port.postMessage(reply);
// The request's buffer goes back with the reply (transferred): the caller copies the next frame into it.
const answer = (reply: Extract<WorkerReply, { buffer: ArrayBuffer }>): void => port.postMessage(reply, [reply.buffer]);

let detector: TimedDetector | undefined;
try {
  detector = await createOnnxDetector(spec);
  send({ kind: 'ready', name: detector.name });
} catch (err) {
  send({ kind: 'init-failed', error: serialiseError(err) });
}

if (detector) {
  const d = detector;
  port.on('message', (req: DetectRequest) => {
    d.detectTimed({ width: req.width, height: req.height, tMs: req.tMs, data: new Uint8Array(req.data) }, req.looks, req.padded ? { padded: true } : undefined).then(
      ({ detections, timings, interiors }) => answer({ kind: 'result', id: req.id, detections, timings, ...(interiors ? { interiors } : {}), buffer: req.data }),
      (err: unknown) => answer({ kind: 'failed', id: req.id, error: serialiseError(err), buffer: req.data }),
    );
  });
}
