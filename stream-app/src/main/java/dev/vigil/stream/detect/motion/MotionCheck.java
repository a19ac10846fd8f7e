package dev.vigil.stream.detect.motion;

/**
 * Whether something moved between two grey pictures of a camera, as Frigate's motion detector judges it (frame
 * difference on a small grey picture, a threshold on each pixel's change, then the area of the changed regions): a
 * pixel changed when its grey level differs by more than the pixel delta; the changed pixels are grouped into regions
 * (8-connected), and the frame moved when one region has at least the minimum area. Isolated changed pixels (noise,
 * compression) and changes below the delta (light drifting a little) are not motion.
 */
public final class MotionCheck {

    private final int pixelDelta;
    private final int minArea;

    /**
     * What the comparison found.
     *
     * @param changedPixels pixels whose grey level changed by more than the delta
     * @param largestRegion pixels of the largest connected region of changed pixels
     * @param moved         whether a region reached the minimum area
     */
    public record Motion(int changedPixels, int largestRegion, boolean moved) {}

    public MotionCheck(int pixelDelta, int minArea) {
        this.pixelDelta = pixelDelta;
        this.minArea = minArea;
    }

    /** @throws IllegalArgumentException when the pictures differ in size */
    public Motion compare(GreyPicture before, GreyPicture now) {
        if (before.width() != now.width() || before.height() != now.height()) {
            throw new IllegalArgumentException("cannot compare a " + before.width() + "x" + before.height()
                    + " picture with a " + now.width() + "x" + now.height() + " one");
        }
        int width = now.width();
        int height = now.height();
        boolean[] changed = new boolean[width * height];
        int changedPixels = 0;
        for (int i = 0; i < changed.length; i++) {
            if (Math.abs((before.grey()[i] & 0xFF) - (now.grey()[i] & 0xFF)) > pixelDelta) {
                changed[i] = true;
                changedPixels++;
            }
        }
        int largest = changedPixels == 0 ? 0 : largestRegion(changed, width, height);
        return new Motion(changedPixels, largest, largest >= minArea);
    }

    /** Pixels of the largest 8-connected region of changed pixels (each region flooded once, clearing it). */
    private static int largestRegion(boolean[] changed, int width, int height) {
        int[] stack = new int[changed.length];
        int largest = 0;
        for (int start = 0; start < changed.length; start++) {
            if (!changed[start]) {
                continue;
            }
            int size = 0;
            int top = 0;
            stack[top++] = start;
            changed[start] = false;
            while (top > 0) {
                int p = stack[--top];
                size++;
                int x = p % width;
                int y = p / width;
                for (int dy = -1; dy <= 1; dy++) {
                    int ny = y + dy;
                    if (ny < 0 || ny >= height) {
                        continue;
                    }
                    for (int dx = -1; dx <= 1; dx++) {
                        int nx = x + dx;
                        if (nx < 0 || nx >= width) {
                            continue;
                        }
                        int q = ny * width + nx;
                        if (changed[q]) {
                            changed[q] = false;
                            stack[top++] = q;
                        }
                    }
                }
            }
            largest = Math.max(largest, size);
        }
        return largest;
    }
}
