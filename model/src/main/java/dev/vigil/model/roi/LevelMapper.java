package dev.vigil.model.roi;

import dev.vigil.model.box.Boxes;

/**
 * Assigns each RoI to a feature-pyramid level by eq. 1 of the FPN paper, as torchvision's {@code LevelMapper}:
 * {@code k = floor(k0 + log2(sqrt(area) / s0) + eps)} clamped to [kMin, kMax], in float32.
 *
 * @param kMin finest level present (e.g. 2 for P2, stride 4)
 * @param kMax coarsest level present (e.g. 5 for P5, stride 32)
 * @param canonicalScale s0: a RoI of s0×s0 pixels maps to level k0 (224, the ImageNet size)
 * @param canonicalLevel k0 (4)
 * @param eps added before the floor so exact powers of two do not fall a level lower
 */
public record LevelMapper(int kMin, int kMax, int canonicalScale, int canonicalLevel, float eps) {

    /** torchvision's canonical scale: 224. */
    public static final int CANONICAL_SCALE = 224;
    /** torchvision's canonical level: 4. */
    public static final int CANONICAL_LEVEL = 4;
    /** torchvision's eps: 1e-6. */
    public static final float EPS = 1e-6f;

    public LevelMapper {
        if (kMin > kMax || canonicalScale <= 0) {
            throw new IllegalArgumentException("LevelMapper needs kMin <= kMax and canonicalScale > 0, got kMin " + kMin
                    + ", kMax " + kMax + ", canonicalScale " + canonicalScale);
        }
    }

    /** A mapper over levels [kMin, kMax] with torchvision's canonical scale, level and eps. */
    public static LevelMapper of(int kMin, int kMax) {
        return new LevelMapper(kMin, kMax, CANONICAL_SCALE, CANONICAL_LEVEL, EPS);
    }

    /**
     * @param boxes K×4 boxes in image pixels
     * @return per box its level minus kMin, in [0, kMax - kMin]
     */
    public int[] levels(float[] boxes) {
        int k = Boxes.count(boxes, "boxes");
        int[] levels = new int[k];
        for (int i = 0; i < k; i++) {
            float size = (float) Math.sqrt(Boxes.area(boxes, i));
            float level = (canonicalLevel + log2(size / canonicalScale)) + eps;
            float clamped = Math.min(Math.max((float) Math.floor(level), kMin), kMax);
            levels[i] = (int) clamped - kMin;
        }
        return levels;
    }

    /** log2 rounded to float (torch.log2 on float32). */
    static float log2(float x) {
        return (float) (Math.log(x) / Math.log(2));
    }
}
