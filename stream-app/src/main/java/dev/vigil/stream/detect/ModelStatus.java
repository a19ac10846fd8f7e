package dev.vigil.stream.detect;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What a running detect says of its model ({@code /api/model}, readiness details): the model running, what it
 * follows, a model being loaded, and the last one refused and why.
 *
 * @param running the model the stream threads run (each takes a new one at its next batch)
 * @param following what it follows, e.g. "production release of lobby", or null for a fixed model
 * @param loading the model being loaded and verified, or null
 * @param lastRefused the last model that could not be used, or null
 * Times are ISO-8601.
 *
 * @param switches models switched to since start
 * @param refusals models refused since start
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ModelStatus(
        Running running,
        String following,
        Loading loading,
        @JsonProperty("last_refused") Refused lastRefused,
        long switches,
        long refusals) {

    /** The model in use: who it is, where it came from, since when. */
    public record Running(String name, String version, String digest, String source, String since) {}

    /** A model being loaded. */
    public record Loading(String source, String since) {}

    /** A model that could not be used. */
    public record Refused(String source, String cause, String reason, String at) {}
}
