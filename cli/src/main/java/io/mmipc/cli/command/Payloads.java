package io.mmipc.cli.command;

import io.mmipc.cli.text.Formats;

/**
 * How {@code tail} and {@code peek} show a message's bytes.
 */
enum Payloads
{
    /** UTF-8 text on one line, control characters escaped. */
    utf8,
    /** Hexadecimal digits, two per byte. */
    hex,
    /** A Python bytes literal: printable ASCII as is, the rest as escapes ({@code b'hi\x00'}). */
    bytes;

    String show(final byte[] payload)
    {
        return switch (this)
        {
            case utf8 -> Formats.utf8Line(payload);
            case hex -> Formats.hex(payload);
            case bytes -> Formats.pythonBytes(payload);
        };
    }
}
