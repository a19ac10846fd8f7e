package dev.vigil.schemas.registry;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.apache.kafka.common.config.types.Password;

/**
 * A user name and password for HTTP basic authentication, written {@code user:password} as Confluent's {@code
 * basic.auth.user.info}. Its {@link #toString()} hides the password, so logging it leaks nothing.
 */
public record BasicCredentials(String user, Password password) {

    public BasicCredentials {
        if (user == null || user.isEmpty() || user.indexOf(':') >= 0) {
            throw new IllegalArgumentException("A basic-auth user name must be non-empty and hold no ':'");
        }
        if (password == null || password.value() == null) {
            throw new IllegalArgumentException("Basic-auth user " + user + " has no password");
        }
    }

    /**
     * Reads {@code user:password} (the password may hold ':').
     *
     * @throws IllegalArgumentException naming {@code source} (where the value came from) when it has no ':'; the
     *     value itself never appears in the message
     */
    public static BasicCredentials parse(String userInfo, String source) {
        int colon = userInfo == null ? -1 : userInfo.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException(source + " must be USER:PASSWORD");
        }
        return new BasicCredentials(userInfo.substring(0, colon), new Password(userInfo.substring(colon + 1)));
    }

    /** {@code user:password}, the form basic auth encodes. */
    public String userInfo() {
        return user + ":" + password.value();
    }

    /** Whether {@code userInfo} is exactly these credentials, in time independent of where they differ. */
    public boolean matches(String userInfo) {
        return MessageDigest.isEqual(
                userInfo().getBytes(StandardCharsets.UTF_8), userInfo.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return user + ":" + Password.HIDDEN;
    }
}
