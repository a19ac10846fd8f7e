package dev.vigil.model.data.synthetic;

/** Derives independent seeds from a seed and an index (SplitMix64's finaliser). */
final class Seeds {

    private Seeds() {}

    static long mix(long seed, long index) {
        return finish(seed ^ finish(index + 0x9E3779B97F4A7C15L));
    }

    private static long finish(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
