package dev.vigil.model.teacher;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Images to pseudo-label, one after the other: the frames of a video, or the image files of a folder. */
public interface ImageSource extends AutoCloseable {

    /** The folder the images' file names are relative to. */
    Path imagesDir();

    /** The next image, its file in {@link #imagesDir()}; null after the last. */
    SourceImage next() throws IOException;

    /** How many images the source expects to give, or -1 when it cannot tell (for progress only). */
    long expectedCount();

    /** Files that were passed over because they could not be read, each with the reason. */
    default List<String> skipped() {
        return List.of();
    }

    @Override
    void close();
}
