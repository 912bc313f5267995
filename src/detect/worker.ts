/** Worker thread entry: owns one ONNX detector, answers one request at a time. */
import { parentPort, workerData } from 'node:worker_threads';
import { createOnnxDetector, type TimedDetector } from './onnx-detector.ts';
import { serialiseError, type DetectRequest, type WorkerData, type WorkerReply } from './worker-protocol.ts';

const port = parentPort;
if (!port) throw new Error('detect/worker.ts must run in a worker thread');
const { spec } = workerData as WorkerData;
const send = (reply: WorkerReply): void => port.postMessage(reply);

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
    d.detectTimed({ width: req.width, height: req.height, tMs: req.tMs, data: new Uint8Array(req.data) }).then(
      ({ detections, timings }) => send({ kind: 'result', id: req.id, detections, timings }),
      (err: unknown) => send({ kind: 'failed', id: req.id, error: serialiseError(err) }),
    );
  });
}
