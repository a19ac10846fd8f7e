package dev.vigil.schemas.registry.server;

import dev.vigil.schemas.registry.RegistryException;
import dev.vigil.schemas.registry.api.CompatibilityUpdate;
import dev.vigil.schemas.registry.api.ErrorCodes;
import dev.vigil.schemas.registry.api.ErrorResponse;
import dev.vigil.schemas.registry.api.RegistryJson;
import dev.vigil.schemas.registry.api.SchemaRequest;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Confluent REST paths of {@link RegistryService}, their answers as JSON, and every refusal as Confluent's error
 * body. Request bodies are read only up to {@link RegistryLimits#maxRequestBytes()}.
 */
final class RegistryRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(RegistryRoutes.class);

    private final RegistryService registry;
    private final long maxRequestBytes;

    RegistryRoutes(RegistryService registry, RegistryLimits limits) {
        this.registry = registry;
        this.maxRequestBytes = limits.maxRequestBytes();
    }

    void addTo(RoutesConfig routes) {
        routes.get("/subjects", answer(ctx -> registry.subjects(flag(ctx, "deleted"))));
        routes.get("/subjects/{subject}/versions", answer(ctx -> registry.versions(subject(ctx))));
        routes.post(
                "/subjects/{subject}/versions",
                answer(ctx -> registry.register(subject(ctx), body(ctx, SchemaRequest.class))));
        routes.get(
                "/subjects/{subject}/versions/{version}",
                answer(ctx -> registry.version(subject(ctx), ctx.pathParam("version"))));
        routes.post(
                "/subjects/{subject}", answer(ctx -> registry.lookup(subject(ctx), body(ctx, SchemaRequest.class))));
        routes.delete(
                "/subjects/{subject}", answer(ctx -> registry.deleteSubject(subject(ctx), flag(ctx, "permanent"))));
        routes.get("/schemas/ids/{id}", answer(ctx -> registry.schemaById(schemaId(ctx))));
        routes.post(
                "/compatibility/subjects/{subject}/versions/{version}",
                answer(ctx -> registry.testCompatibility(
                        subject(ctx), ctx.pathParam("version"), body(ctx, SchemaRequest.class), flag(ctx, "verbose"))));
        routes.get("/config", answer(ctx -> registry.globalConfig()));
        routes.put("/config", answer(ctx -> registry.setGlobalConfig(body(ctx, CompatibilityUpdate.class))));
        routes.get(
                "/config/{subject}", answer(ctx -> registry.subjectConfig(subject(ctx), flag(ctx, "defaultToGlobal"))));
        routes.put(
                "/config/{subject}",
                answer(ctx -> registry.setSubjectConfig(subject(ctx), body(ctx, CompatibilityUpdate.class))));

        routes.exception(
                RegistryException.class, (e, ctx) -> error(ctx, e.status(), e.errorCode(), e.registryMessage()));
        routes.exception(HttpResponseException.class, (e, ctx) -> {
            if (e.getStatus() == HttpStatus.CONTENT_TOO_LARGE.getCode()) {
                RegistryException tooLarge = RegistryErrors.requestTooLarge(maxRequestBytes);
                error(ctx, tooLarge.status(), tooLarge.errorCode(), tooLarge.registryMessage());
            } else {
                error(ctx, e.getStatus(), e.getStatus(), "HTTP " + e.getStatus() + " " + reason(e.getStatus()));
            }
        });
        routes.exception(IOException.class, (e, ctx) -> {
            // The client went away or stalled while sending its body: its failure, not the registry's.
            LOG.debug("{} {}: the request body could not be read: {}", ctx.method(), ctx.path(), e.toString());
            error(ctx, RegistryErrors.BAD_REQUEST, RegistryErrors.BAD_REQUEST, "Request body could not be read: " + e);
        });
        routes.exception(Exception.class, (e, ctx) -> {
            LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
            error(ctx, RegistryErrors.SERVER_ERROR, ErrorCodes.STORE_ERROR, "Internal error: " + e);
        });
    }

    private static io.javalin.http.Handler answer(Function<Context, Object> action) {
        return ctx -> respond(ctx, 200, action.apply(ctx));
    }

    /** The body as {@code type}: 413 without reading when it is declared too large, or once it grows too large. */
    private <T> T body(Context ctx, Class<T> type) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > maxRequestBytes) {
            throw RegistryErrors.requestTooLarge(declared, maxRequestBytes);
        }
        byte[] bytes = ctx.bodyAsBytes();
        try {
            return RegistryJson.read(bytes, type);
        } catch (IOException e) {
            throw RegistryErrors.badRequest("Malformed JSON body: " + e.getMessage());
        }
    }

    private static String subject(Context ctx) {
        return ctx.pathParam("subject");
    }

    private static boolean flag(Context ctx, String name) {
        return Boolean.parseBoolean(ctx.queryParam(name));
    }

    private static int schemaId(Context ctx) {
        try {
            return Integer.parseInt(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw RegistryErrors.noSuchPath();
        }
    }

    private static void error(Context ctx, int status, int errorCode, String message) {
        respond(ctx, status, new ErrorResponse(errorCode, message));
    }

    private static void respond(Context ctx, int status, Object answer) {
        ctx.status(status).contentType(RegistryJson.CONTENT_TYPE).result(RegistryJson.write(answer));
    }

    private static String reason(int status) {
        return org.eclipse.jetty.http.HttpStatus.getMessage(status);
    }
}
