package dev.vigil.stream.release;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.model.data.CocoDataset;
import dev.vigil.model.data.Dataset;
import dev.vigil.model.detector.ArtifactManifest;
import dev.vigil.model.detector.ModelArtifact;
import dev.vigil.model.detector.ModelVersion;
import dev.vigil.model.gate.GateFigures;
import dev.vigil.model.gate.GateVerdict;
import dev.vigil.model.gate.PromotionGate;
import dev.vigil.model.io.Sha256;
import dev.vigil.schemas.ClassFigures;
import dev.vigil.schemas.DatasetReference;
import dev.vigil.schemas.GateDecision;
import dev.vigil.schemas.GateRecord;
import dev.vigil.schemas.ModelRelease;
import dev.vigil.schemas.ModelStage;
import dev.vigil.schemas.StageChange;
import dev.vigil.schemas.serde.AvroSerdes;
import dev.vigil.stream.kafka.TopicProvisioner;
import dev.vigil.stream.kafka.TopicReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The model registry: {@link ModelRelease} records on the compacted models topic, one key per release ({@code
 * NAME:VERSION}), each record the release's latest state with its whole stage history (the audit trail). The Java API
 * behind {@code vigil model publish | list | promote | rollback | history}, and what {@code vigil retrain} uses:
 *
 * <pre>{@code
 * try (ModelRegistry registry = ModelRegistry.connect(RegistrySettings.defaults(clientConfig, serdeConfig))) {
 *     ModelRelease candidate = registry.publish(runDir.resolve("model"), null);   // stage CANDIDATE
 *     ModelRegistry.Promotion promotion = registry.promote(
 *             ModelReleases.ref(candidate), ModelRegistry.GateSettings.defaults(), progress);
 *     if (promotion.decision() == GateDecision.REFUSED) { ... promotion.verdict().findings() ... }
 * }
 * }</pre>
 *
 * <p>Each change reads the topic to its end and writes its records in one Kafka transaction whose id is the model
 * name's, so two changes to one model never interleave: the later one fences the earlier, which reads again and decides
 * again once (a promotion or rollback whose premise changed then fails, asking to be run again). A promotion evaluates the candidate and the production release on one held-out dataset ({@link
 * PromotionGate}) and records the decision and both sets of figures in the release. Not thread-safe.
 */
public final class ModelRegistry implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RegistrySettings settings;
    private final ReleaseArtifacts artifacts;
    private final Serializer<ModelRelease> serializer;
    private final Deserializer<ModelRelease> deserializer;
    private final Runnable beforeWrite;

    private ModelRegistry(RegistrySettings settings, Runnable beforeWrite) {
        this.settings = settings;
        this.beforeWrite = beforeWrite;
        this.artifacts = settings.artifacts();
        this.serializer =
                AvroSerdes.specific(ModelRelease.class, settings.serdeConfig()).serializer();
        this.deserializer =
                AvroSerdes.specific(ModelRelease.class, settings.serdeConfig()).deserializer();
    }

    /**
     * Connects to the registry, creating its topic (compacted, one partition) when it is missing and topic creation is
     * on.
     */
    public static ModelRegistry connect(RegistrySettings settings) {
        return connect(settings, () -> {});
    }

    /**
     * As {@link #connect(RegistrySettings)}, with {@code beforeWrite} run by each change between its read of the
     * registry and its write (tests make two changes race with it).
     */
    static ModelRegistry connect(RegistrySettings settings, Runnable beforeWrite) {
        try (Admin admin = Admin.create(settings.clientConfig())) {
            new TopicProvisioner(admin, settings.topics()).ensureCompacted(settings.topic());
        }
        return new ModelRegistry(settings, beforeWrite);
    }

    /**
     * How a promotion is gated.
     *
     * @param tolerance how far (AP, 0..1) a figure of the candidate may fall below production's
     * @param dataset the held-out dataset (COCO JSON), or null for the one the candidate's metrics come from
     * @param images its images' folder, or null for the JSON's own
     * @param force promote even when the gate refuses or cannot evaluate
     * @param standIn the model to compare with when the name has no production release (vigil retrain's starting
     *     model), or null to compare with nothing then
     */
    public record GateSettings(double tolerance, Path dataset, Path images, boolean force, StandIn standIn) {

        public GateSettings(double tolerance, Path dataset, Path images, boolean force) {
            this(tolerance, dataset, images, force, null);
        }

        public static GateSettings defaults() {
            return new GateSettings(PromotionGate.DEFAULT_TOLERANCE, null, null, false);
        }
    }

    /**
     * A model the gate compares a candidate with in place of a production release that does not exist.
     *
     * @param description what it is, recorded in the release's gate record as the model compared with
     */
    public record StandIn(ModelArtifact artifact, String description) {}

    /**
     * What a promotion did.
     *
     * @param decision ACCEPTED or FORCED (the release is now in production) or REFUSED (it keeps its stage, the
     *     refusal recorded in it)
     * @param release the release as written
     * @param replaced the release it replaced in production, as written (retired), or null
     * @param verdict the gate's verdict, or null when it did not evaluate
     */
    public record Promotion(GateDecision decision, ModelRelease release, ModelRelease replaced, GateVerdict verdict) {}

    /** The registry's current state, read from the topic to its end. */
    public ReleaseBook read() {
        ReleaseBook book = new ReleaseBook();
        try (TopicReader<ModelRelease> reader =
                new TopicReader<>(settings.clientConfig(), settings.topic(), deserializer, settings.timeout())) {
            Map<TopicPartition, Long> end = reader.endOffsets();
            reader.seekToBeginning();
            long deadline = System.nanoTime() + settings.timeout().toNanos();
            while (!reachedEnd(reader, end)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Could not read the model registry '" + settings.topic()
                            + "' to its end within " + settings.timeout().toSeconds() + " s");
                }
                for (ConsumerRecord<String, ModelRelease> record : reader.poll(Duration.ofMillis(200))) {
                    book.apply(record.key(), record.value());
                }
            }
        }
        return book;
    }

    private static boolean reachedEnd(TopicReader<?> reader, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> reader.position(e.getKey()) >= e.getValue());
    }

    /**
     * Publishes the artifact in {@code artifactDir} as a candidate. An artifact without a manifest gets one first
     * (written from its files as they are). Publishing the same artifact again changes nothing.
     *
     * @param artifactUri where detect will find it (an absolute path or an http(s) URL serving the folder), or null
     *     for the folder's absolute path; a URL is fetched and checked before anything is written
     * @return the release
     * @throws IllegalArgumentException when the release exists with other content, or the URL does not serve this
     *     artifact
     */
    public ModelRelease publish(Path artifactDir, String artifactUri) throws IOException {
        ModelArtifact artifact = ModelArtifact.read(artifactDir);
        if (!artifact.hasManifest()) {
            ArtifactManifest.writeFor(artifactDir);
            artifact = ModelArtifact.read(artifactDir);
        }
        String name = ModelVersion.checkName(artifact.info().name());
        String version = ModelVersion.checkVersion(artifact.info().version());
        String uri = artifactUri != null
                ? artifactUri
                : artifactDir.toAbsolutePath().normalize().toString();
        Instant now = Instant.now();
        ModelRelease release = ModelRelease.newBuilder()
                .setName(name)
                .setVersion(version)
                .setDigest(artifact.weightsSha256())
                .setManifestDigest(artifact.files().manifestSha256().orElseThrow())
                .setArtifactUri(uri)
                .setStage(ModelStage.CANDIDATE)
                .setChangedAt(now)
                .setChangedBy(settings.user())
                .setReason("published")
                .setMetrics(metrics(artifact))
                .setMetricsDataset(metricsDataset(artifact))
                .setGate(null)
                .setHistory(List.of(new StageChange(ModelStage.CANDIDATE, now, settings.user(), "published")))
                .build();
        if (ArtifactFetcher.isHttp(uri)) {
            try {
                artifacts.load(release);
            } catch (ReleaseRefusedException e) {
                throw new IllegalArgumentException(
                        uri + " does not serve the artifact in " + artifactDir + ": " + e.getMessage(), e);
            }
        }
        return change(name, book -> {
            Optional<ModelRelease> existing = book.get(ModelReleases.ref(release));
            if (existing.isPresent()) {
                if (existing.get().getDigest().equals(release.getDigest())
                        && existing.get().getManifestDigest().equals(release.getManifestDigest())) {
                    return new Change<>(List.of(), existing.get());
                }
                throw new IllegalArgumentException(ModelReleases.ref(release) + " is published already with other "
                        + "content (weights " + existing.get().getDigest() + "); give this model another version "
                        + "(vigil train --version)");
            }
            return new Change<>(List.of(release), release);
        });
    }

    /**
     * Promotes a release to production through the gate: evaluates it and the production release (without one, the
     * gate settings' stand-in, if any) on the held-out dataset, and promotes it (retiring the production release) when no figure is worse by more than the tolerance,
     * or when forced. A refusal is recorded in the release, which keeps its stage.
     *
     * @param progress where evaluations report progress
     * @throws IllegalArgumentException when there is no such release, its artifact cannot be used, or the gate has
     *     nothing to evaluate on and is not forced
     */
    public Promotion promote(ModelReleases.Ref ref, GateSettings gate, PrintWriter progress) throws IOException {
        ReleaseBook before = read();
        ModelRelease candidate = before.get(ref)
                .orElseThrow(() ->
                        new IllegalArgumentException("There is no release " + ref + " (vigil model list shows them)"));
        if (candidate.getStage() == ModelStage.PRODUCTION) {
            return new Promotion(GateDecision.ACCEPTED, candidate, null, null);
        }
        ModelArtifact candidateArtifact = loadOrExplain(candidate, "the candidate");
        Optional<ModelRelease> production = before.production(ref.name());
        ModelArtifact productionArtifact = null;
        String productionProblem = null;
        if (production.isPresent()) {
            try {
                productionArtifact = artifacts.load(production.get());
            } catch (ReleaseRefusedException e) {
                productionProblem = "the production release cannot be evaluated: " + e.getMessage();
            }
        }
        StandIn standIn = production.isEmpty() ? gate.standIn() : null;
        if (standIn != null) {
            productionArtifact = standIn.artifact();
        }
        HeldOut heldOut = heldOut(gate, candidate);
        GateVerdict verdict = null;
        List<String> findings = new ArrayList<>();
        if (heldOut != null && productionProblem == null) {
            verdict = new PromotionGate(gate.tolerance())
                    .evaluate(candidateArtifact, productionArtifact, heldOut.dataset(), progress);
            findings.addAll(verdict.findings());
        } else if (production.isPresent() || standIn != null) {
            findings.add(
                    productionProblem != null
                            ? productionProblem
                            : "no held-out dataset to compare on (give --dataset; the candidate records none)");
        }
        GateDecision decision;
        if (findings.isEmpty()) {
            decision = GateDecision.ACCEPTED;
        } else if (gate.force()) {
            decision = GateDecision.FORCED;
        } else if (verdict == null) {
            throw new IllegalArgumentException("The gate cannot evaluate " + ref + ": " + findings.get(0)
                    + ". Use --force to promote it without the gate.");
        } else {
            decision = GateDecision.REFUSED;
        }
        String comparedWith =
                production.map(p -> ModelReleases.ref(p).key()).orElse(standIn == null ? "" : standIn.description());
        GateRecord record = gateRecord(decision, gate.tolerance(), heldOut, comparedWith, verdict, findings);
        Instant now = Instant.now();
        String by = settings.user();
        GateVerdict finalVerdict = verdict;
        return change(ref.name(), book -> {
            ModelRelease current = book.get(ref).orElseThrow();
            Optional<ModelRelease> currentProduction = book.production(ref.name());
            if (!current.equals(candidate) || !currentProduction.equals(production)) {
                throw new IllegalStateException("The releases of " + ref.name() + " changed while this promotion "
                        + "ran (another change was written at the same time); run the promotion again");
            }
            if (decision == GateDecision.REFUSED) {
                ModelRelease refused = ModelReleases.moved(
                        current,
                        current.getStage(),
                        now,
                        by,
                        "promotion refused by the gate: " + String.join("; ", findings),
                        record);
                return new Change<>(List.of(refused), new Promotion(decision, refused, null, finalVerdict));
            }
            ModelRelease promoted = ModelReleases.moved(
                    current,
                    ModelStage.PRODUCTION,
                    now,
                    by,
                    decision == GateDecision.FORCED
                            ? "promoted with --force (" + String.join("; ", findings) + ")"
                            : "promoted: the gate accepted it",
                    record);
            List<ModelRelease> writes = new ArrayList<>(List.of(promoted));
            ModelRelease retired = currentProduction
                    .map(p -> ModelReleases.moved(p, ModelStage.RETIRED, now, by, "replaced by " + ref, null))
                    .orElse(null);
            if (retired != null) {
                writes.add(0, retired);
            }
            return new Change<>(writes, new Promotion(decision, promoted, retired, finalVerdict));
        });
    }

    /**
     * Puts back in production the release of {@code name} that was in production before the current one, and
     * retires the current one. No gate: a rollback returns to a release that served before.
     *
     * @return the release now in production
     * @throws IllegalArgumentException when there is nothing to roll back to, or its artifact cannot be used
     */
    public ModelRelease rollback(String name, String reason) throws IOException {
        ReleaseBook before = read();
        ModelRelease current = before.production(name)
                .orElseThrow(() -> new IllegalArgumentException("There is no production release of " + name));
        ModelRelease previous = before.previousProduction(name)
                .orElseThrow(() -> new IllegalArgumentException(
                        "There is no earlier production release of " + name + " to roll back to"));
        loadOrExplain(previous, "the release to roll back to");
        Instant now = Instant.now();
        String by = settings.user();
        String why = reason == null || reason.isBlank() ? "" : ": " + reason;
        return change(name, book -> {
            if (!book.production(name).equals(Optional.of(current))) {
                throw new IllegalStateException(
                        "The production release of " + name + " changed meanwhile; run the rollback again");
            }
            ModelRelease back = ModelReleases.moved(
                    book.get(ModelReleases.ref(previous)).orElseThrow(),
                    ModelStage.PRODUCTION,
                    now,
                    by,
                    "rollback from " + ModelReleases.ref(current) + why,
                    null);
            ModelRelease retired = ModelReleases.moved(
                    current, ModelStage.RETIRED, now, by, "rolled back to " + ModelReleases.ref(previous) + why, null);
            return new Change<>(List.of(retired, back), back);
        });
    }

    /**
     * Writes a release record as it is, in a transaction, without any check. For tools that repair the registry,
     * and for tests that need a record no command would write.
     */
    public void write(ModelRelease release) {
        change(release.getName(), book -> new Change<>(List.of(release), release));
    }

    private ModelArtifact loadOrExplain(ModelRelease release, String role) {
        try {
            return artifacts.load(release);
        } catch (ReleaseRefusedException e) {
            throw new IllegalArgumentException("Cannot use " + role + ": " + e.getMessage(), e);
        }
    }

    /** The held-out dataset of a promotion: the one given, else the candidate's metrics dataset if unchanged. */
    private record HeldOut(Dataset dataset, DatasetReference reference) {}

    private static HeldOut heldOut(GateSettings gate, ModelRelease candidate) throws IOException {
        Path json = gate.dataset();
        if (json == null && candidate.getMetricsDataset() != null) {
            Path recorded = Path.of(candidate.getMetricsDataset().getPath());
            if (Files.isRegularFile(recorded)
                    && Sha256.of(recorded).equals(candidate.getMetricsDataset().getSha256())) {
                json = recorded;
            }
        }
        if (json == null) {
            return null;
        }
        Dataset dataset = CocoDataset.read(json, gate.images());
        return new HeldOut(dataset, new DatasetReference(json.toAbsolutePath().toString(), Sha256.of(json)));
    }

    private static GateRecord gateRecord(
            GateDecision decision,
            double tolerance,
            HeldOut heldOut,
            String comparedWith,
            GateVerdict verdict,
            List<String> findings) {
        return GateRecord.newBuilder()
                .setDecision(decision)
                .setTolerance(tolerance)
                .setDataset(verdict == null || heldOut == null ? null : heldOut.reference())
                .setComparedWith(comparedWith)
                .setCandidate(verdict == null ? null : figures(verdict.candidate()))
                .setProduction(verdict == null ? null : figures(verdict.production()))
                .setFindings(findings)
                .build();
    }

    private static dev.vigil.schemas.GateFigures figures(GateFigures figures) {
        if (figures == null) {
            return null;
        }
        List<ClassFigures> perClass = new ArrayList<>();
        figures.perClass().forEach((label, f) -> perClass.add(new ClassFigures(label, f.ap50(), f.cocoAp())));
        return new dev.vigil.schemas.GateFigures(figures.cocoAp(), figures.ap50(), perClass);
    }

    /** The validation metrics in the artifact's training.json: AP, AP50, AP75, AR100 and AP50/AP per class. */
    private static Map<String, Double> metrics(ModelArtifact artifact) throws IOException {
        Map<String, Double> metrics = new LinkedHashMap<>();
        JsonNode validation = training(artifact).path("validation");
        for (String key : List.of("AP", "AP50", "AP75", "AR100")) {
            if (validation.path(key).isNumber()) {
                metrics.put(key, validation.path(key).asDouble());
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it =
                        validation.path("per_class").fields();
                it.hasNext(); ) {
            Map.Entry<String, JsonNode> perClass = it.next();
            for (String key : List.of("AP50", "AP")) {
                if (perClass.getValue().path(key).isNumber()) {
                    metrics.put(
                            key + "/" + perClass.getKey(),
                            perClass.getValue().path(key).asDouble());
                }
            }
        }
        return metrics;
    }

    private static DatasetReference metricsDataset(ModelArtifact artifact) throws IOException {
        JsonNode dataset = training(artifact).path("validation_dataset");
        return dataset.path("path").isTextual()
                        && Sha256.isHex(dataset.path("sha256").asText())
                ? new DatasetReference(
                        dataset.path("path").asText(), dataset.path("sha256").asText())
                : null;
    }

    private static JsonNode training(ModelArtifact artifact) throws IOException {
        if (!artifact.files().has(ModelArtifact.TRAINING)) {
            return JSON.createObjectNode();
        }
        try (var in = artifact.files().open(ModelArtifact.TRAINING)) {
            return JSON.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /** The records a change writes, and what it returns. */
    private record Change<T>(List<ModelRelease> writes, T result) {}

    /**
     * Reads the registry and writes what {@code decide} returns, in one transaction fenced per model name. When
     * another change to the model was written between the read and the write (it fenced this one), reads again and
     * decides again once: {@code decide} checks that what it relies on still holds.
     */
    private <T> T change(String name, Function<ReleaseBook, Change<T>> decide) {
        try {
            return changeOnce(name, decide);
        } catch (FencedException first) {
            try {
                return changeOnce(name, decide);
            } catch (FencedException again) {
                throw new IllegalStateException(
                        "Another change to " + name + " was written at the same time; run the command again",
                        again.getCause());
            }
        }
    }

    private <T> T changeOnce(String name, Function<ReleaseBook, Change<T>> decide) {
        Map<String, Object> config = new HashMap<>(settings.clientConfig());
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "vigil-model-registry-" + name);
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, ModelRelease> producer =
                new KafkaProducer<>(config, new StringSerializer(), serializer)) {
            // after initTransactions, an earlier change to this model has ended (committed or aborted), so the read
            // below sees it
            producer.initTransactions();
            Change<T> change = decide.apply(read());
            if (change.writes().isEmpty()) {
                return change.result();
            }
            beforeWrite.run();
            Map<TopicPartition, Long> written = new HashMap<>();
            try {
                producer.beginTransaction();
                for (ModelRelease release : change.writes()) {
                    RecordMetadata sent = producer.send(new ProducerRecord<>(
                                    settings.topic(), ModelReleases.ref(release).key(), release))
                            .get();
                    written.merge(new TopicPartition(sent.topic(), sent.partition()), sent.offset(), Math::max);
                }
                producer.commitTransaction();
            } catch (ExecutionException | KafkaException e) {
                if (fenced(e)) {
                    throw new FencedException(e);
                }
                abortQuietly(producer, e);
                throw new IllegalStateException("Could not write to the model registry: " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while writing to the model registry", e);
            }
            awaitReadable(written);
            return change.result();
        }
    }

    /** Whether {@code e} says that a later producer with this transactional id (another change) fenced this one. */
    private static boolean fenced(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ProducerFencedException || t instanceof InvalidProducerEpochException) {
                return true;
            }
        }
        return false;
    }

    private static void abortQuietly(KafkaProducer<?, ?> producer, Exception cause) {
        try {
            producer.abortTransaction();
        } catch (KafkaException e) {
            cause.addSuppressed(e);
        }
    }

    /** This change was fenced by another change to the same model, written after it read the registry. */
    private static final class FencedException extends RuntimeException {
        FencedException(Throwable cause) {
            super(cause);
        }
    }

    /**
     * Waits until readers see the records just committed: the transaction's markers reach the partitions after
     * {@code commitTransaction} returns, and until then a read_committed reader's end stops before them (a promote
     * right after a publish would not find the release).
     */
    private void awaitReadable(Map<TopicPartition, Long> written) {
        try (TopicReader<ModelRelease> reader =
                new TopicReader<>(settings.clientConfig(), settings.topic(), deserializer, settings.timeout())) {
            long deadline = System.nanoTime() + settings.timeout().toNanos();
            while (!written.entrySet().stream()
                    .allMatch(w -> reader.endOffsets().getOrDefault(w.getKey(), 0L) > w.getValue())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            "The model registry's change was committed but is not readable " + "on '" + settings.topic()
                                    + "' after " + settings.timeout().toSeconds() + " s");
                }
                Thread.sleep(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the model registry's change", e);
        }
    }

    @Override
    public void close() {
        serializer.close();
        deserializer.close();
    }
}
