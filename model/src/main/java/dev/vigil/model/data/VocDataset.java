package dev.vigil.model.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Reads a PASCAL VOC image set from the VOCdevkit layout: {@code ImageSets/Main/<set>.txt} lists image names,
 * {@code Annotations/<name>.xml} holds each image's size and objects, {@code JPEGImages} the pictures.
 *
 * <p>VOC's 1-based inclusive pixel corners become 0-based corners {@code (xmin - 1, ymin - 1, xmax, ymax)}, as
 * torchvision's and Detectron's converters do. {@code difficult} objects become crowd boxes, which COCO-style
 * evaluation ignores. Category ids are 1-based positions in the class list; image ids are 1-based positions in
 * the image set.
 */
public final class VocDataset {

    /** The 20 PASCAL VOC classes in their usual order (category ids 1 to 20). */
    public static final List<String> CLASSES = List.of(
            "aeroplane",
            "bicycle",
            "bird",
            "boat",
            "bottle",
            "bus",
            "car",
            "cat",
            "chair",
            "cow",
            "diningtable",
            "dog",
            "horse",
            "motorbike",
            "person",
            "pottedplant",
            "sheep",
            "sofa",
            "train",
            "tvmonitor");

    public static final String ANNOTATIONS_DIR = "Annotations";
    public static final String IMAGE_SETS_DIR = "ImageSets/Main";
    public static final String IMAGES_DIR = "JPEGImages";

    private static final Logger LOG = LoggerFactory.getLogger(VocDataset.class);

    private VocDataset() {}

    /** Reads image set {@code imageSet} (e.g. "trainval", "test") of the 20 VOC classes; repairs are logged. */
    public static Dataset read(Path vocRoot, String imageSet) throws IOException {
        DatasetProblems problems = new DatasetProblems();
        Dataset dataset = read(vocRoot, imageSet, CLASSES, problems);
        if (!problems.isEmpty()) {
            LOG.warn("{} {}: {}", vocRoot, imageSet, problems.summary());
        }
        return dataset;
    }

    /**
     * Reads an image set of a VOC-layout dataset with its own classes, reporting clipped and skipped boxes.
     *
     * @throws NoSuchFileException when the image set or an image's annotation file is missing
     * @throws DatasetFormatException when an XML file is malformed or names a class not in {@code classNames}
     */
    public static Dataset read(Path vocRoot, String imageSet, List<String> classNames, DatasetProblems problems)
            throws IOException {
        Path setFile = vocRoot.resolve(IMAGE_SETS_DIR).resolve(imageSet + ".txt");
        if (!Files.isRegularFile(setFile)) {
            throw new NoSuchFileException(setFile.toString(), null, "no such VOC image set");
        }
        List<Category> categories = IntStream.range(0, classNames.size())
                .mapToObj(i -> new Category(i + 1, classNames.get(i)))
                .toList();
        DocumentBuilder xml = secureDocumentBuilder();
        List<String> names = Files.readAllLines(setFile, StandardCharsets.UTF_8).stream()
                .map(String::strip)
                .filter(line -> !line.isEmpty())
                .map(line -> line.split("\\s+")[0])
                .toList();
        List<AnnotatedImage> images = new ArrayList<>(names.size());
        for (int i = 0; i < names.size(); i++) {
            Path annotation = vocRoot.resolve(ANNOTATIONS_DIR).resolve(names.get(i) + ".xml");
            if (!Files.isRegularFile(annotation)) {
                throw new NoSuchFileException(
                        annotation.toString(),
                        null,
                        "annotation of image '" + names.get(i) + "' (line " + (i + 1) + " of " + setFile
                                + ") is missing");
            }
            images.add(readImage(xml, annotation, i + 1, names.get(i), classNames, problems));
        }
        return new Dataset(vocRoot.resolve(IMAGES_DIR), categories, images);
    }

    private static AnnotatedImage readImage(
            DocumentBuilder xml, Path file, long id, String name, List<String> classNames, DatasetProblems problems)
            throws IOException {
        Element root;
        try {
            Document document = xml.parse(file.toFile());
            root = document.getDocumentElement();
        } catch (SAXException e) {
            throw new DatasetFormatException(file, "XML", "not well-formed (" + e.getMessage() + ")", e);
        }
        Element size = child(file, root, "size", "annotation");
        int width = (int) number(file, size, "width", "size");
        int height = (int) number(file, size, "height", "size");
        if (width <= 0 || height <= 0) {
            throw new DatasetFormatException(file, "size", "image size " + width + "x" + height + " has no pixels");
        }
        String fileName = optionalText(root, "filename");
        List<GroundTruthBox> boxes = new ArrayList<>();
        List<Element> objects = children(root, "object");
        for (int k = 0; k < objects.size(); k++) {
            Element object = objects.get(k);
            String className = optionalText(object, "name");
            String entry = "object[" + k + "]" + (className == null ? "" : " (" + className + ")");
            int categoryId = classNames.indexOf(className) + 1;
            if (categoryId == 0) {
                throw new DatasetFormatException(file, entry, "class '" + className + "' is not one of " + classNames);
            }
            Element box = child(file, object, "bndbox", entry);
            String difficult = optionalText(object, "difficult");
            ImageBoxes.fit(
                            (float) number(file, box, "xmin", entry) - 1,
                            (float) number(file, box, "ymin", entry) - 1,
                            (float) number(file, box, "xmax", entry),
                            (float) number(file, box, "ymax", entry),
                            width,
                            height,
                            categoryId,
                            "1".equals(difficult),
                            Double.NaN,
                            1f,
                            file + ": " + entry,
                            problems)
                    .ifPresent(boxes::add);
        }
        return new AnnotatedImage(id, fileName != null ? fileName : name + ".jpg", width, height, boxes);
    }

    /** A parser that refuses DTDs, so a hostile file cannot pull in external entities. */
    private static DocumentBuilder secureDocumentBuilder() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(new DefaultHandler());
            return builder;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser lacks secure processing", e);
        }
    }

    /** The direct children named {@code tag} (not deeper ones: a person's {@code <part>}s have names too). */
    private static List<Element> children(Element parent, String tag) {
        List<Element> children = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equals(tag)) {
                children.add(element);
            }
        }
        return children;
    }

    private static Element child(Path file, Element parent, String tag, String entry) throws DatasetFormatException {
        List<Element> children = children(parent, tag);
        if (children.isEmpty()) {
            throw new DatasetFormatException(file, entry, "<" + tag + "> is missing");
        }
        return children.get(0);
    }

    private static String optionalText(Element parent, String tag) {
        List<Element> children = children(parent, tag);
        return children.isEmpty() ? null : children.get(0).getTextContent().strip();
    }

    private static double number(Path file, Element parent, String tag, String entry) throws DatasetFormatException {
        String text = child(file, parent, tag, entry).getTextContent().strip();
        try {
            double value = Double.parseDouble(text);
            if (Double.isFinite(value)) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new DatasetFormatException(file, entry, "<" + tag + "> is not a number: '" + text + "'");
    }
}
