package dev.vigil.stream.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The layering of the three modules, pinned (ArchUnit over the main classes of all of them). The rules name modules
 * and stream-app's layers, never a list of model/'s packages, so packages may move inside a module freely; within
 * each module no two packages may depend on each other in a cycle.
 */
@AnalyzeClasses(packages = "dev.vigil", importOptions = ImportOption.DoNotIncludeTests.class)
class LayeringTest {

    @ArchTest
    static final ArchRule modelKnowsNoKafkaNoWireFormatAndNoStream = noClasses()
            .that()
            .resideInAPackage("dev.vigil.model..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.apache.kafka..", "dev.vigil.stream..", "dev.vigil.schemas..")
            .because("model/ is the detector on DJL; Kafka and the wire format live above it");

    @ArchTest
    static final ArchRule schemasKnowNoModelAndNoStream = noClasses()
            .that()
            .resideInAPackage("dev.vigil.schemas..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("dev.vigil.model..", "dev.vigil.stream..")
            .because("schemas/ is the wire contract that subscribers depend on, nothing else");

    @ArchTest
    static final ArchRule noCycleBetweenModules =
            slices().matching("dev.vigil.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule noCycleInsideModel =
            slices().matching("dev.vigil.model.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule noCycleInsideSchemas =
            slices().matching("dev.vigil.schemas.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule noCycleInsideStream =
            slices().matching("dev.vigil.stream.(*)..").should().beFreeOfCycles();

    /**
     * stream-app from the top: the command line; the programs that wire whole pipelines (demo, benchmarks, retrain);
     * the applications and tools (ingest, detect, snapshot, labels on Kafka, consume, the embedded broker, the model registry, the
     * comparison of detection topics); the shared plumbing (Kafka
     * topics and start-up, the web server, metrics, configuration, retries). No layer reaches one above it.
     */
    @ArchTest
    static final ArchRule streamLayers = layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .layer("Command line")
            .definedBy("dev.vigil.stream.cli..")
            .layer("Pipelines")
            .definedBy("dev.vigil.stream.demo..", "dev.vigil.stream.bench..", "dev.vigil.stream.retrain..")
            .layer("Applications")
            .definedBy(
                    "dev.vigil.stream.ingest..",
                    "dev.vigil.stream.detect..",
                    "dev.vigil.stream.snapshot..",
                    "dev.vigil.stream.labels..",
                    "dev.vigil.stream.consume..",
                    "dev.vigil.stream.live..",
                    "dev.vigil.stream.infra..",
                    "dev.vigil.stream.release..",
                    "dev.vigil.stream.compare..")
            .layer("Plumbing")
            .definedBy(
                    "dev.vigil.stream.kafka..",
                    "dev.vigil.stream.web..",
                    "dev.vigil.stream.metrics..",
                    "dev.vigil.stream.config..",
                    "dev.vigil.stream.retry..",
                    "dev.vigil.stream.logging..")
            .whereLayer("Command line")
            .mayNotBeAccessedByAnyLayer()
            .whereLayer("Pipelines")
            .mayOnlyBeAccessedByLayers("Command line")
            .whereLayer("Applications")
            .mayOnlyBeAccessedByLayers("Command line", "Pipelines")
            .whereLayer("Plumbing")
            .mayOnlyBeAccessedByLayers("Command line", "Pipelines", "Applications");
}
