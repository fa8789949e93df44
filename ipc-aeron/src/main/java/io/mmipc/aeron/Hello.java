package io.mmipc.aeron;

import org.agrona.concurrent.UnsafeBuffer;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static io.mmipc.aeron.FrameDescriptor.BODY_OFFSET;
import static io.mmipc.aeron.FrameDescriptor.HELLO;
import static io.mmipc.aeron.FrameDescriptor.NONCE_LENGTH;
import static io.mmipc.aeron.FrameDescriptor.VERSION;
import static io.mmipc.aeron.FrameDescriptor.VERSION_OFFSET;

/**
 * The HELLO frame ({@link FrameDescriptor}): who connects, from where, to what. It is read from
 * anyone on the network before any authentication, so every length is checked before use and
 * anything odd is null, never an exception.
 */
final class Hello
{
    final byte[] nonceC;
    final int port;
    final int end;
    final byte kind;
    final String host;
    final String name;
    final String codec;

    private Hello(final byte[] nonceC, final int port, final int end, final byte kind, final String host,
        final String name, final String codec)
    {
        this.nonceC = nonceC;
        this.port = port;
        this.end = end;
        this.kind = kind;
        this.host = host;
        this.name = name;
        this.codec = codec;
    }

    /**
     * @return the length written into {@code frame} (at least {@link FrameDescriptor#MAX_HELLO_LENGTH} long).
     */
    static int write(final byte[] frame, final byte[] nonceC, final String host, final int port, final byte end,
        final byte kind, final String name, final String codec)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(frame);
        buffer.putByte(0, HELLO);
        buffer.putByte(VERSION_OFFSET, VERSION);
        int at = BODY_OFFSET;
        buffer.putBytes(at, nonceC);
        at += NONCE_LENGTH;
        buffer.putInt(at, port);
        at += 4;
        buffer.putByte(at++, end);
        buffer.putByte(at++, kind);
        for (final String text : new String[] {host, name, codec})
        {
            final byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            if (bytes.length > 255)
            {
                throw new IllegalArgumentException("\"" + text + "\" is longer than 255 bytes");
            }
            buffer.putByte(at++, (byte)bytes.length);
            buffer.putBytes(at, bytes);
            at += bytes.length;
        }
        return at;
    }

    /**
     * @return the HELLO in {@code length} bytes of {@code frame}, or null when it is not a well-formed one.
     */
    static Hello parse(final byte[] frame, final int length)
    {
        if (length < BODY_OFFSET + NONCE_LENGTH + 4 + 2 + 3 || frame[0] != HELLO || frame[VERSION_OFFSET] != VERSION)
        {
            return null;
        }
        final UnsafeBuffer buffer = new UnsafeBuffer(frame, 0, length);
        int at = BODY_OFFSET;
        final byte[] nonceC = Arrays.copyOfRange(frame, at, at + NONCE_LENGTH);
        at += NONCE_LENGTH;
        final int port = buffer.getInt(at);
        at += 4;
        final int end = buffer.getByte(at++);
        final byte kind = buffer.getByte(at++);
        final String[] texts = new String[3];
        for (int i = 0; i < texts.length; i++)
        {
            if (at >= length)
            {
                return null;
            }
            final int textLength = buffer.getByte(at++) & 0xFF;
            if (textLength == 0 || at + textLength > length)
            {
                return null;
            }
            texts[i] = new String(frame, at, textLength, StandardCharsets.UTF_8);
            at += textLength;
        }
        if (at != length || port <= 0 || port > 65535 || end < 0 || end > 2 ||
            !texts[0].chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == ':'))
        {
            return null;
        }
        return new Hello(nonceC, port, end, kind, texts[0], texts[1], texts[2]);
    }
}
