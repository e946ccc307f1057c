#!/usr/bin/env python3
"""A plain-Python reference of the herd simulator's OCC model, for `npm run bench`.

This is the model in docs REFERENCE.md section 4 (Brooker, "Exponential Backoff And
Jitter", AWS 2015), written from that description for this project: N clients race to
write one database row under optimistic concurrency. Standard library only.

It exists so the benchmark can time *the same work* in CPython in the same run,
instead of quoting a figure from elsewhere. Like Brooker's own simulator it is a
straightforward discrete-event loop with `heapq`, four events per attempt:

    READ         the read reaches the server, which notes the row's version
    READ_REPLY   the version reaches the client, which sends its conditional write
    WRITE        the write reaches the server: one call; it succeeds if the version
                 still matches (bumping it), otherwise it is a conflict
    WRITE_REPLY  the result reaches the client: done, or back off and read again

Every message takes |Normal(10 ms, 2 ms)|. After a conflict the client sets n += 1
and its next read reaches the server one network delay plus backoff(n) later.
Completion is when the last client receives its successful write reply.

Its randomness is Python's (one `random.Random(seed + r)` per run), so its means
agree with lib/sim's statistically, not number for number.

Usage:
    python3 bench/reference/occ_sim.py --clients 100 --runs 100 --seed 1

It prints one JSON object: the options, the mean (and sd) of calls and completion
time per strategy, and `computeMs`, its own time for the simulation alone (without
interpreter start-up), so the benchmark can compare in-process times too.
"""

import argparse
import heapq
import json
import math
import random
import sys
import time

READ, READ_REPLY, WRITE, WRITE_REPLY = 0, 1, 2, 3

BASE_MS = 5.0
CAP_MS = 2000.0
NET_MEAN_MS = 10.0
NET_SD_MS = 2.0


def expo(n, base, cap):
    """min(cap, base * 2**n): the exponential core every jitter scales."""
    return min(cap, base * 2.0 ** n)


# Each backoff is (n, sleep, rng, base, cap) -> delay in ms. `sleep` is the client's
# previous delay, which only decorrelated jitter reads (it starts at `base`).
def no_backoff(n, sleep, rng, base, cap):
    return 0.0


def exponential(n, sleep, rng, base, cap):
    return expo(n, base, cap)


def full_jitter(n, sleep, rng, base, cap):
    return rng.uniform(0.0, expo(n, base, cap))


def equal_jitter(n, sleep, rng, base, cap):
    half = expo(n, base, cap) / 2.0
    return half + rng.uniform(0.0, half)


def decorrelated_jitter(n, sleep, rng, base, cap):
    return min(cap, rng.uniform(base, 3.0 * sleep))


# Brooker's five, in the order lib/sim runs them by default (BROOKER_STRATEGY_IDS).
STRATEGIES = [
    ("exponential", exponential),
    ("decorrelated", decorrelated_jitter),
    ("equal", equal_jitter),
    ("full", full_jitter),
    ("none", no_backoff),
]


def simulate(clients, backoff, rng, base=BASE_MS, cap=CAP_MS):
    """One run. Returns (calls, completion_ms)."""

    def net():
        return abs(rng.normalvariate(NET_MEAN_MS, NET_SD_MS))

    # Heap entries are (time, seq, client, kind); seq keeps equal times in push order.
    heap = []
    seq = 0
    for c in range(clients):
        heap.append((net(), seq, c, READ))
        seq += 1
    heapq.heapify(heap)

    version = 0
    seen = [0] * clients
    won = [False] * clients
    attempt = [0] * clients
    sleep = [base] * clients
    calls = 0
    completion = 0.0

    while heap:
        t, _, c, kind = heapq.heappop(heap)
        if kind == READ:
            seen[c] = version
            heapq.heappush(heap, (t + net(), seq, c, READ_REPLY))
        elif kind == READ_REPLY:
            heapq.heappush(heap, (t + net(), seq, c, WRITE))
        elif kind == WRITE:
            calls += 1
            if seen[c] == version:
                version += 1
                won[c] = True
            else:
                won[c] = False
            heapq.heappush(heap, (t + net(), seq, c, WRITE_REPLY))
        else:  # WRITE_REPLY
            if won[c]:
                completion = t  # events pop in time order, so the last one is the latest
            else:
                attempt[c] += 1
                wait = backoff(attempt[c], sleep[c], rng, base, cap)
                sleep[c] = wait
                heapq.heappush(heap, (t + net() + wait, seq, c, READ))
        seq += 1
    return calls, completion


def mean_sd(xs):
    m = sum(xs) / len(xs)
    var = sum((x - m) ** 2 for x in xs) / (len(xs) - 1) if len(xs) > 1 else 0.0
    return m, math.sqrt(var)


def main(argv):
    p = argparse.ArgumentParser(description="Plain-Python reference of lib/sim's OCC model (Brooker 2015).")
    p.add_argument("--clients", type=int, default=100)
    p.add_argument("--runs", type=int, default=100)
    p.add_argument("--seed", type=int, default=1)
    args = p.parse_args(argv)
    if args.clients < 1 or args.runs < 1:
        p.error("--clients and --runs must be at least 1")

    start = time.perf_counter()
    results = []
    for name, backoff in STRATEGIES:
        calls, completion = [], []
        for r in range(args.runs):
            # Run r uses seed + r for every strategy, as lib/sim does.
            k, t = simulate(args.clients, backoff, random.Random(args.seed + r))
            calls.append(k)
            completion.append(t)
        (cm, cs), (tm, ts) = mean_sd(calls), mean_sd(completion)
        results.append({"id": name, "calls": {"mean": cm, "sd": cs}, "completionMs": {"mean": tm, "sd": ts}})
    compute_ms = (time.perf_counter() - start) * 1000.0

    out = {
        "options": {"clients": args.clients, "runs": args.runs, "seed": args.seed, "baseMs": BASE_MS, "capMs": CAP_MS},
        "python": sys.version.split()[0],
        "computeMs": compute_ms,
        "strategies": results,
    }
    sys.stdout.write(json.dumps(out) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
