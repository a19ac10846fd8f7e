package dev.vigil.schemas.registry.server;

import dev.vigil.schemas.registry.BasicCredentials;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refuses, before anything else is read, every request whose {@code Authorization: Basic} header does not carry the
 * configured credentials. What a client sent is never logged.
 */
final class BasicAuthCheck implements Handler {

    private static final Logger LOG = LoggerFactory.getLogger(BasicAuthCheck.class);
    private static final String PREFIX = "Basic ";
    static final String REALM = "schema-registry";

    private final BasicCredentials credentials;

    BasicAuthCheck(BasicCredentials credentials) {
        this.credentials = credentials;
    }

    @Override
    public void handle(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            refuse(ctx, "no basic-auth credentials");
        } else if (!credentials.matches(decode(header.substring(PREFIX.length()).trim()))) {
            refuse(ctx, "wrong basic-auth credentials");
        }
    }

    private static String decode(String encoded) {
        try {
            return new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    private static void refuse(Context ctx, String reason) {
        LOG.debug("Refused {} {} from {}: {}", ctx.method(), ctx.path(), ctx.ip(), reason);
        ctx.header("WWW-Authenticate", "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"");
        throw RegistryErrors.unauthorized();
    }
}
