package dev.vigil.model.teacher;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * The image files (JPEG, PNG, BMP) in a folder and its sub-folders (a snapshot's images/CAMERA/), by path; files OpenCV cannot decode are passed over
 * and listed in {@link #skipped()}. Not thread-safe.
 */
public final class ImageFolderSource implements ImageSource {

    /** File name extensions taken, lower case. */
    public static final Set<String> EXTENSIONS = Set.of("jpg", "jpeg", "png", "bmp");
    /** How deep sub-folders are searched: a snapshot's images/CAMERA/ and a little more. */
    static final int MAX_DEPTH = 4;

    private final Path folder;
    private final List<Path> files;
    private final List<String> skipped = new ArrayList<>();
    private int position;
    private Mat current;

    private ImageFolderSource(Path folder, List<Path> files) {
        this.folder = folder;
        this.files = files;
    }

    /** Lists the folder's images. @throws IOException naming the folder when it is missing or unreadable */
    public static ImageFolderSource open(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new NoSuchFileException(folder.toString(), null, "no such image folder");
        }
        try (Stream<Path> entries = Files.walk(folder, MAX_DEPTH)) {
            List<Path> files = entries.filter(Files::isRegularFile)
                    .filter(ImageFolderSource::hasImageExtension)
                    .sorted()
                    .toList();
            return new ImageFolderSource(folder, files);
        }
    }

    /**
     * The given files of a folder (paths relative to it), in this order.
     *
     * @throws IllegalArgumentException naming a path that leads out of the folder
     */
    public static ImageFolderSource of(Path folder, List<String> relativeNames) {
        Path root = folder.toAbsolutePath().normalize();
        List<Path> files = new ArrayList<>(relativeNames.size());
        for (String name : relativeNames) {
            Path file = root.resolve(name).normalize();
            if (!file.startsWith(root) || file.equals(root)) {
                throw new IllegalArgumentException("image '" + name + "' is not a file inside " + folder);
            }
            files.add(file);
        }
        return new ImageFolderSource(root, files);
    }

    private static boolean hasImageExtension(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 && EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /** The file's path below the folder, '/'-separated as COCO file names are. */
    private String relativeName(Path file) {
        return folder.relativize(file).toString().replace(java.io.File.separatorChar, '/');
    }

    @Override
    public Path imagesDir() {
        return folder;
    }

    @Override
    public SourceImage next() {
        releaseCurrent();
        while (position < files.size()) {
            Path file = files.get(position++);
            Mat image = imread(file.toString(), IMREAD_COLOR);
            if (image.empty()) {
                image.close();
                skipped.add(relativeName(file) + ": not an image OpenCV can decode");
                continue;
            }
            current = image;
            return new SourceImage(relativeName(file), image);
        }
        return null;
    }

    @Override
    public long expectedCount() {
        return files.size();
    }

    @Override
    public List<String> skipped() {
        return List.copyOf(skipped);
    }

    @Override
    public void close() {
        releaseCurrent();
    }

    private void releaseCurrent() {
        if (current != null) {
            current.close();
            current = null;
        }
    }
}
