package dev.vigil.stream.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.EncoderBase;
import java.nio.charset.StandardCharsets;

/**
 * A logback encoder around another (plain text or JSON) that takes credentials out of everything it writes: the
 * message, the arguments and stack traces, whoever logged them (Vigil, Kafka, FFmpeg through JavaCPP). Vigil redacts
 * URIs where it builds its messages; this is the net under that for text it does not build itself. The wrapped
 * encoder must write UTF-8.
 */
public final class RedactingEncoder extends EncoderBase<ILoggingEvent> {

    private Encoder<ILoggingEvent> encoder;

    /** The encoder that formats the events (logback sets it from the nested {@code <encoder>}). */
    public void setEncoder(Encoder<ILoggingEvent> encoder) {
        this.encoder = encoder;
    }

    @Override
    public void start() {
        if (encoder == null) {
            addError("RedactingEncoder needs a nested <encoder>");
            return;
        }
        if (!encoder.isStarted()) {
            encoder.start();
        }
        super.start();
    }

    @Override
    public byte[] headerBytes() {
        return redact(encoder.headerBytes());
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        return redact(encoder.encode(event));
    }

    @Override
    public byte[] footerBytes() {
        return redact(encoder.footerBytes());
    }

    private static byte[] redact(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        String redacted = Credentials.redact(text);
        return redacted.equals(text) ? bytes : redacted.getBytes(StandardCharsets.UTF_8);
    }
}
