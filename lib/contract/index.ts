/**
 * lib/contract — the wire contract between the sandbox's routes and its pages:
 * limits, zod schemas and payload types. A leaf: it imports only the
 * framework-free lib/resilience and lib/scenario, never a server module, so a
 * client component can import it without pulling the server in.
 */
export * from './limits';
export * from './policy';
export * from './requests';
export * from './session-update';
export * from './protocol';
export * from './script';
export * from './replay-link';
export * from './export';
export * from './room';
