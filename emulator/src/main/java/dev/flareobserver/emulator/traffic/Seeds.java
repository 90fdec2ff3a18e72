package dev.flareobserver.emulator.traffic;

import java.nio.charset.StandardCharsets;

/** Stateless, platform-independent pseudo-randomness: everything the simulator draws comes from here. */
final class Seeds {

    private Seeds() {
    }

    /** SplitMix64's finaliser: a good 64-bit mix of any input. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    static long mix(long a, long b) {
        return mix(a * 0x9e3779b97f4a7c15L + mix(b));
    }

    static long mix(long a, long b, long c) {
        return mix(mix(a, b), c);
    }

    /** FNV-1a over UTF-8, then mixed: String.hashCode is only 32 bits and collides easily. */
    static long of(String s) {
        long h = 0xcbf29ce484222325L;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return mix(h);
    }

    /** A double in [0, 1) from a hash. */
    static double unit(long hash) {
        return (mix(hash) >>> 11) * 0x1.0p-53;
    }

    /** Uniform in [lo, hi). */
    static double between(long hash, double lo, double hi) {
        return lo + (hi - lo) * unit(hash);
    }

    /** Log-uniform in [lo, hi): rates and latencies spread over orders of magnitude. */
    static double logBetween(long hash, double lo, double hi) {
        return Math.exp(between(hash, Math.log(lo), Math.log(hi)));
    }
}
