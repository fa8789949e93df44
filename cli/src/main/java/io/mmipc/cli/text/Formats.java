package io.mmipc.cli.text;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * How the tool writes sizes, ages, times and payloads for people.
 */
public final class Formats
{
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS'Z'")
        .withZone(ZoneOffset.UTC);
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Formats()
    {
    }

    /**
     * @return "512 B", "4.0 KiB", "1.5 MiB", ...
     */
    public static String size(final long bytes)
    {
        if (bytes < 1024)
        {
            return bytes + " B";
        }
        final String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1)
        {
            value /= 1024;
            unit++;
        }
        return String.format("%.1f %s", value, units[unit]);
    }

    /**
     * @return "12s", "5m", "3h", "2d"; "?" for a negative age (a clock that moved back).
     */
    public static String age(final long millis)
    {
        if (millis < 0)
        {
            return "?";
        }
        final long seconds = millis / 1000;
        if (seconds < 120)
        {
            return seconds + "s";
        }
        if (seconds < 120 * 60)
        {
            return seconds / 60 + "m";
        }
        if (seconds < 48 * 3600)
        {
            return seconds / 3600 + "h";
        }
        return seconds / 86400 + "d";
    }

    /**
     * @return the time in UTC to the millisecond, "?" for 0 (unknown).
     */
    public static String time(final long epochMillis)
    {
        return epochMillis == 0 ? "?" : TIME.format(Instant.ofEpochMilli(epochMillis).truncatedTo(ChronoUnit.MILLIS));
    }

    public static String yesNo(final boolean value)
    {
        return value ? "yes" : "no";
    }

    public static String hex(final byte[] bytes)
    {
        final StringBuilder sb = new StringBuilder(bytes.length * 2);
        for (final byte b : bytes)
        {
            sb.append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
        }
        return sb.toString();
    }

    /**
     * @return the bytes as a Python bytes literal, {@code b'hi\x00'}: what Python porters read.
     */
    public static String pythonBytes(final byte[] bytes)
    {
        final StringBuilder sb = new StringBuilder(bytes.length + 3).append("b'");
        for (final byte b : bytes)
        {
            final int c = b & 0xFF;
            switch (c)
            {
                case '\\' -> sb.append("\\\\");
                case '\'' -> sb.append("\\'");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default ->
                {
                    if (c >= 0x20 && c < 0x7F)
                    {
                        sb.append((char)c);
                    }
                    else
                    {
                        sb.append("\\x").append(HEX[c >> 4]).append(HEX[c & 0xF]);
                    }
                }
            }
        }
        return sb.append('\'').toString();
    }

    /**
     * @return the bytes decoded as UTF-8 on one line: control characters escaped ({@code \n},
     *         {@code \u0000}), malformed input as U+FFFD.
     */
    public static String utf8Line(final byte[] bytes)
    {
        final String text = new String(bytes, StandardCharsets.UTF_8);
        final StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            switch (c)
            {
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default ->
                {
                    if (c < 0x20 || c == 0x7F)
                    {
                        sb.append(String.format("\\u%04x", (int)c));
                    }
                    else
                    {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }
}
