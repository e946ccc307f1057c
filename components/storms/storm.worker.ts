/**
 * The storm lab's Web Worker: runs the model off the main thread so the
 * sliders stay smooth (see components/lab/serve-steps.ts and ./pipeline.ts).
 */
import { serveSteps } from '@/components/lab/serve-steps';
import { driveStorm } from './pipeline';

serveSteps(driveStorm);
