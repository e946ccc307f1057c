/**
 * The jitter lab's Web Worker: runs the simulator off the main thread so the
 * sliders stay smooth. It keeps only the newest request's seq; an older request
 * stops at its next step (see components/jitter/pipeline.ts).
 */
import { driveLab, type LabMessage, type LabRequest } from './pipeline';

/** The worker's global scope, typed just enough (the project's tsconfig has the DOM lib, not WebWorker's). */
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<LabRequest>) => void) | null;
  postMessage: (message: LabMessage) => void;
};

let latest = -1;

/** Let queued messages (a newer request) run before the next step. */
const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

scope.onmessage = (event) => {
  const request = event.data;
  latest = request.seq;
  void driveLab(request, { tick, post: (m) => scope.postMessage(m), isCurrent: (seq) => seq === latest });
};
