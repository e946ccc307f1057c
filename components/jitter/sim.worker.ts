/**
 * The jitter lab's Web Worker: runs the simulator off the main thread so the
 * sliders stay smooth (see components/lab/serve-steps.ts and ./pipeline.ts).
 */
import { serveSteps } from '@/components/lab/serve-steps';
import { driveLab } from './pipeline';

serveSteps(driveLab);
