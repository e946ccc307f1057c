/**
 * The storm lab's Web Worker: runs the model off the main thread so the
 * sliders stay smooth. It keeps only the newest request's seq; an older one
 * stops at its next step (see components/storms/pipeline.ts).
 */
import { driveStorm, type StormMessage, type StormRequest } from './pipeline';

/** The worker's global scope, typed just enough (the project's tsconfig has the DOM lib, not WebWorker's). */
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<StormRequest>) => void) | null;
  postMessage: (message: StormMessage) => void;
};

let latest = -1;

/** Let queued messages (a newer request) run before the next step. */
const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

scope.onmessage = (event) => {
  const request = event.data;
  latest = request.seq;
  void driveStorm(request, { tick, post: (m) => scope.postMessage(m), isCurrent: (seq) => seq === latest });
};
