package io.mmipc.aeron;

import java.io.Serializable;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * What a network object's handle carries besides its name: where its home node is, the address
 * a JVM that receives the handle should use, and, for child JVMs on the same host, the owner-only
 * file that holds the secret (the secret itself never travels). Validated on construction:
 * deserialized bytes cannot make an odd one.
 *
 * @param homeHost         the object's home node.
 * @param homePort         its UDP port.
 * @param nodeHost         the address of the node that sent the handle (the receiver binds there when it has no node).
 * @param secretFile       the sender's secret file, readable only on its host by its user.
 * @param peerTimeoutMs    the sender's peer timeout.
 * @param maxMessageLength the object's largest message.
 * @param flag             a pipe's duplex flag or a queue's one-to-one flag.
 */
record NetRef(String homeHost, int homePort, String nodeHost, String secretFile, long peerTimeoutMs,
    int maxMessageLength, boolean flag) implements Serializable
{
    NetRef
    {
        checkHost(homeHost);
        checkHost(nodeHost);
        if (homePort <= 0 || homePort > 65535 || peerTimeoutMs < 500 || peerTimeoutMs > 3_600_000 ||
            maxMessageLength < 0)
        {
            throw new IllegalArgumentException("network handle out of range: port " + homePort + ", peer timeout " +
                peerTimeoutMs + " ms, largest message " + maxMessageLength);
        }
        if (secretFile == null || secretFile.indexOf('\0') >= 0 || !Paths.get(secretFile).isAbsolute())
        {
            throw new IllegalArgumentException("network handle secret file is not an absolute path");
        }
    }

    Path secretPath()
    {
        return Paths.get(secretFile);
    }

    private static void checkHost(final String host)
    {
        if (host == null || host.isEmpty() || host.length() > 255 ||
            !host.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == ':'))
        {
            throw new IllegalArgumentException("network handle host \"" + host + "\" is not an address");
        }
    }
}
