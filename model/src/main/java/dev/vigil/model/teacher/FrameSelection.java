package dev.vigil.model.teacher;

/**
 * Which frames of a video to take: every {@code every}-th frame from {@code first} to {@code last} (0-based frame
 * numbers, both ends included).
 */
public record FrameSelection(long first, long last, int every) {

    /** Every frame of the video. */
    public static final FrameSelection ALL = new FrameSelection(0, Long.MAX_VALUE, 1);

    public FrameSelection {
        if (first < 0 || last < first) {
            throw new IllegalArgumentException("frame range must have 0 <= first <= last, got " + first + "-" + last);
        }
        if (every <= 0) {
            throw new IllegalArgumentException("frame step must be positive, got " + every);
        }
    }

    /**
     * Parses {@code A-B} (frames A to B, both included) or {@code A-} (A to the end); null means all frames.
     *
     * @throws IllegalArgumentException naming the text when it is not such a range
     */
    public static FrameSelection parse(String range, int every) {
        if (range == null) {
            return new FrameSelection(0, Long.MAX_VALUE, every);
        }
        int dash = range.indexOf('-');
        try {
            if (dash <= 0) {
                throw new NumberFormatException();
            }
            long first = Long.parseLong(range.substring(0, dash).strip());
            String end = range.substring(dash + 1).strip();
            return new FrameSelection(first, end.isEmpty() ? Long.MAX_VALUE : Long.parseLong(end), every);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "frame range '" + range + "' is not FIRST-LAST (e.g. 0-599) or FIRST-", e);
        }
    }

    /** Whether frame {@code number} is taken. */
    public boolean takes(long number) {
        return number >= first && number <= last && (number - first) % every == 0;
    }

    /** How many frames are taken from a video of {@code frameCount} frames. */
    public long countIn(long frameCount) {
        long end = Math.min(last, frameCount - 1);
        return end < first ? 0 : (end - first) / every + 1;
    }

    /** "frames 0-599", "frames 600- every 5", "all frames". */
    @Override
    public String toString() {
        String step = every == 1 ? "" : " every " + every;
        if (first == 0 && last == Long.MAX_VALUE) {
            return "all frames" + step;
        }
        return "frames " + first + "-" + (last == Long.MAX_VALUE ? "" : last) + step;
    }
}
