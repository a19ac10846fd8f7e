package dev.vigil.schemas.serde;

import org.apache.avro.util.ClassSecurityValidator;
import org.apache.avro.util.ClassSecurityValidator.ClassSecurityPredicate;

/**
 * Avro 1.12 refuses to instantiate classes outside trusted packages while decoding specific
 * records ({@code SecurityException: Forbidden}). This extends Avro's global trust to Vigil's
 * packages, so that users need not set {@code org.apache.avro.SERIALIZABLE_PACKAGES}.
 */
public final class AvroTrust {

    /** Vigil's package prefix, trusted by default. */
    public static final String VIGIL_PACKAGES = "dev.vigil.";

    private static final String SERIALIZABLE_PACKAGES = "org.apache.avro.SERIALIZABLE_PACKAGES";

    private AvroTrust() {}

    /**
     * Trusts every class whose name starts with {@code packagePrefix}, on top of what Avro already
     * trusts; sets the system property too when nobody did, for code that reads it later.
     */
    public static synchronized void trustPackage(String packagePrefix) {
        if (System.getProperty(SERIALIZABLE_PACKAGES) == null) {
            System.setProperty(SERIALIZABLE_PACKAGES, packagePrefix.replaceAll("\\.$", ""));
        }
        ClassSecurityPredicate current = ClassSecurityValidator.getGlobal();
        ClassSecurityValidator.setGlobal(
                ClassSecurityValidator.composite(current, type -> type.getName().startsWith(packagePrefix)));
    }

    /** Trusts one class (the record class a deserializer was built for). */
    public static synchronized void trustClass(Class<?> type) {
        ClassSecurityPredicate current = ClassSecurityValidator.getGlobal();
        if (!current.isTrusted(type)) {
            ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(
                    current, ClassSecurityValidator.builder().add(type).build()));
        }
    }
}
