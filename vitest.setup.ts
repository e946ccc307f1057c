import fc from 'fast-check';

/**
 * Property tests run on a fixed seed, so `npm test` gives the same verdict on every
 * machine. To explore other inputs, set FC_SEED (e.g. `FC_SEED=$RANDOM npx vitest run`);
 * fast-check prints the seed and path of any counterexample it finds.
 */
fc.configureGlobal({ seed: Number(process.env.FC_SEED ?? 20261202) });
