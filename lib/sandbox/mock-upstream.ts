/**
 * The one place lib/ plugs the mock upstream in. Everything else in lib/ knows
 * the scenario model (lib/scenario) but not how MSW plays it: swapping the mock
 * for another upstream means changing only this file.
 */
export {
  createUpstream,
  dialectErrorResponse,
  handleUpstreamRequest,
  notFoundResponse,
  type ResolveOptions,
  type Upstream,
  type UpstreamCall,
} from '@/mocks/upstream';
export type { WindowSnapshot } from '@/mocks/rate-window';
export { localAnswerFor } from '@/mocks/answers';
export { withSignal } from '@/mocks/request-body';
export { errorBody } from '@/mocks/openai-shapes';
