package dev.vigil.model.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VocDatasetTest {

    @TempDir
    Path voc;

    @BeforeEach
    void layout() throws IOException {
        Files.createDirectories(voc.resolve(VocDataset.ANNOTATIONS_DIR));
        Files.createDirectories(voc.resolve(VocDataset.IMAGE_SETS_DIR));
    }

    @Test
    void readsAnImageSetConvertingOneBasedCornersAndDifficult() throws IOException {
        annotation("000005", """
                <annotation><folder>VOC2007</folder><filename>000005.jpg</filename>
                  <size><width>500</width><height>375</height><depth>3</depth></size>
                  <object><name>chair</name><pose>Rear</pose><truncated>0</truncated><difficult>0</difficult>
                    <bndbox><xmin>263</xmin><ymin>211</ymin><xmax>324</xmax><ymax>339</ymax></bndbox></object>
                  <object><name>person</name><difficult>1</difficult>
                    <bndbox><xmin>1</xmin><ymin>1</ymin><xmax>500</xmax><ymax>375</ymax></bndbox>
                    <part><name>head</name><bndbox><xmin>5</xmin><ymin>5</ymin><xmax>9</xmax><ymax>9</ymax></bndbox></part>
                  </object>
                </annotation>""");
        annotation("000007", """
                <annotation><size><width>50</width><height>40</height></size></annotation>""");
        imageSet("trainval", "000005\n000007\n\n");

        Dataset dataset = VocDataset.read(voc, "trainval");

        assertThat(dataset.imagesDir()).isEqualTo(voc.resolve("JPEGImages"));
        assertThat(dataset.categories()).hasSize(20).first().isEqualTo(new Category(1, "aeroplane"));
        assertThat(dataset.categories()).contains(new Category(9, "chair"), new Category(15, "person"));
        assertThat(dataset.images())
                .extracting(AnnotatedImage::id, AnnotatedImage::fileName, AnnotatedImage::width, AnnotatedImage::height)
                .containsExactly(tuple(1L, "000005.jpg", 500, 375), tuple(2L, "000007.jpg", 50, 40));
        assertThat(dataset.images().get(0).boxes())
                .containsExactly(
                        new GroundTruthBox(262, 210, 324, 339, 9, false, 62 * 129, 1f),
                        new GroundTruthBox(0, 0, 500, 375, 15, true, 500 * 375, 1f));
        assertThat(dataset.images().get(1).boxes()).isEmpty();
    }

    @Test
    void classSpecificImageSetsUseTheFirstColumnAndOwnClassesWork() throws IOException {
        annotation("a", """
                <annotation><size><width>20</width><height>20</height></size>
                  <object><name>forklift</name><bndbox><xmin>2</xmin><ymin>3</ymin><xmax>30</xmax><ymax>8</ymax>
                  </bndbox></object></annotation>""");
        imageSet("forklift_train", "a  1\n");
        DatasetProblems problems = new DatasetProblems();

        Dataset dataset = VocDataset.read(voc, "forklift_train", List.of("pallet", "forklift"), problems);

        assertThat(dataset.images().get(0).boxes())
                .containsExactly(new GroundTruthBox(1, 2, 20, 8, 2, false, 19 * 6, 1f));
        assertThat(problems.count(DatasetProblems.Action.CLIPPED)).isEqualTo(1);
        assertThat(problems.all().get(0).entry()).endsWith("a.xml: object[0] (forklift)");
    }

    @Test
    void unknownClassIsAnErrorNamingFileAndObject() throws IOException {
        Path xml = annotation("b", """
                <annotation><size><width>20</width><height>20</height></size>
                  <object><name>dog</name><bndbox><xmin>2</xmin><ymin>3</ymin><xmax>9</xmax><ymax>8</ymax></bndbox>
                  </object>
                  <object><name>unicorn</name><bndbox><xmin>2</xmin><ymin>3</ymin><xmax>9</xmax><ymax>8</ymax></bndbox>
                  </object></annotation>""");
        imageSet("val", "b\n");
        assertThatThrownBy(() -> VocDataset.read(voc, "val"))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessageStartingWith(xml + ": object[1] (unicorn): class 'unicorn' is not one of [aeroplane,");
    }

    @Test
    void malformedFilesAreErrorsNamingTheFile() throws IOException {
        Path noBox = annotation("c", """
                <annotation><size><width>20</width><height>20</height></size>
                  <object><name>dog</name></object></annotation>""");
        imageSet("one", "c\n");
        assertThatThrownBy(() -> VocDataset.read(voc, "one"))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessage(noBox + ": object[0] (dog): <bndbox> is missing");

        Path badNumber = annotation("c", """
                <annotation><size><width>twenty</width><height>20</height></size></annotation>""");
        assertThatThrownBy(() -> VocDataset.read(voc, "one"))
                .hasMessage(badNumber + ": size: <width> is not a number: 'twenty'");

        Path broken = annotation("c", "<annotation><size>");
        assertThatThrownBy(() -> VocDataset.read(voc, "one"))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessageStartingWith(broken + ": XML: not well-formed");
    }

    @Test
    void externalEntitiesAreRefused() throws IOException {
        Files.writeString(voc.resolve("secret.txt"), "42");
        annotation("d", """
                <?xml version="1.0"?>
                <!DOCTYPE annotation [<!ENTITY w SYSTEM "file://%s">]>
                <annotation><size><width>&w;</width><height>20</height></size></annotation>""".formatted(voc.resolve("secret.txt")));
        imageSet("one", "d\n");
        assertThatThrownBy(() -> VocDataset.read(voc, "one"))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining("not well-formed")
                .hasMessageContaining("DOCTYPE");
    }

    @Test
    void missingFilesAreNamed() throws IOException {
        assertThatThrownBy(() -> VocDataset.read(voc, "test"))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("ImageSets/Main/test.txt");
        imageSet("test", "000001\n");
        assertThatThrownBy(() -> VocDataset.read(voc, "test"))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("Annotations/000001.xml")
                .hasMessageContaining("line 1");
    }

    private Path annotation(String name, String xml) throws IOException {
        return Files.writeString(voc.resolve(VocDataset.ANNOTATIONS_DIR).resolve(name + ".xml"), xml);
    }

    private void imageSet(String name, String lines) throws IOException {
        Files.writeString(voc.resolve(VocDataset.IMAGE_SETS_DIR).resolve(name + ".txt"), lines);
    }
}
