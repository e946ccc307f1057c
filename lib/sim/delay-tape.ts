import { BROOKER_NETWORK, HerdNetwork } from './normal';

/**
 * One run's network delays, drawn once per client and replayed for every strategy.
 *
 * Why? Common random numbers (./seeds.ts): in run r, client c's k-th message takes the
 * same time under every strategy; only how many messages it sends differs. Drawing a
 * delay (Box–Muller: a log, a square root, a sine and a cosine per pair) is most of the
 * simulator's time, so `runExperiment` draws each run's herd once and lets the other
 * strategies replay it. The values are exactly {@link HerdNetwork}'s, in the same order,
 * so a result does not depend on whether a tape was shared.
 *
 * Bounded: a tape holds at most `maxDelays` values (a 10 000-client herd with no backoff
 * sends ~25 million writes per run). A client whose delays do not fit stops recording;
 * replays past its end continue its stream from where the recording stopped, so the
 * values stay the same and only the saving is lost.
 */
export class DelayTape {
  /** Draws the tape. Client c's stream stands at its `drawn[c]`-th delay. */
  private readonly recorder: HerdNetwork;
  /** Draws, during one replay, the delays past the end of a client's full tape. */
  private readonly overflow: HerdNetwork;
  /** Client c's recorded delays in ms: `tapes[c][0 … drawn[c])`. */
  private readonly tapes: Float64Array[];
  private readonly drawn: Int32Array;
  /** Client c's next delay to hand out in this replay. */
  private readonly cursor: Int32Array;
  /** 1 when `overflow` holds client c's stream in this replay. */
  private readonly overflowing: Uint8Array;
  /** Float64 slots allocated by all tapes: what `maxDelays` bounds. */
  private slots: number;
  private seed: number | undefined;

  /**
   * @param clients number of clients.
   * @param meanMs mean delay in ms. Default 10.
   * @param sdMs standard deviation in ms. Default 2.
   * @param maxDelays most delays all tapes may hold (8 bytes each; every client has room for 16). Default 2²⁰ (8 MiB).
   */
  constructor(
    readonly clients: number,
    readonly meanMs: number = BROOKER_NETWORK.meanMs,
    readonly sdMs: number = BROOKER_NETWORK.sdMs,
    private readonly maxDelays = 2 ** 20,
  ) {
    this.recorder = new HerdNetwork(clients, meanMs, sdMs);
    this.overflow = new HerdNetwork(clients, meanMs, sdMs);
    // Four delays per attempt and a few attempts each: most clients never grow their tape.
    this.tapes = Array.from({ length: clients }, () => new Float64Array(16));
    this.slots = 16 * clients;
    this.drawn = new Int32Array(clients);
    this.cursor = new Int32Array(clients);
    this.overflowing = new Uint8Array(clients);
  }

  /** Float64 slots the tapes hold now, at most `max(maxDelays, 16 · clients)`. */
  get heldDelays(): number {
    return this.slots;
  }

  /**
   * Start (or restart) run `runSeed`: every client's next delay is its first one.
   * The same seed as last time replays the tape; another seed erases it and draws anew.
   */
  start(runSeed: number): void {
    this.cursor.fill(0);
    this.overflowing.fill(0);
    if (runSeed === this.seed) return;
    this.seed = runSeed;
    this.recorder.reseed(runSeed);
    this.drawn.fill(0);
  }

  /** Client `c`'s next message delay in ms: replayed when on the tape, else drawn. */
  delay(c: number): number {
    const k = this.cursor[c]!++;
    if (k < this.drawn[c]!) return this.tapes[c]![k]!;
    return this.draw(c, k);
  }

  /** Delay `k` (= `drawn[c]` or later) of client `c`: recorded if it fits, else drawn past the tape's end. */
  private draw(c: number, k: number): number {
    if (this.overflowing[c] === 1) return this.overflow.delay(c);
    let tape = this.tapes[c]!;
    if (k === tape.length) {
      if (this.slots + tape.length > this.maxDelays) {
        // Full: from here this replay draws client c's stream itself, starting where the recording stopped.
        this.overflow.copyClient(this.recorder, c);
        this.overflowing[c] = 1;
        return this.overflow.delay(c);
      }
      const grown = new Float64Array(tape.length * 2);
      grown.set(tape);
      this.slots += tape.length;
      this.tapes[c] = tape = grown;
    }
    const d = this.recorder.delay(c);
    tape[k] = d;
    this.drawn[c] = k + 1;
    return d;
  }
}
