/**
 * The {@code "aeron"} transport: the same {@link io.mmipc.MessageQueue} and {@link io.mmipc.Pipe}
 * across hosts, on Aeron UDP with an embedded media driver per node ({@link io.mmipc.aeron.AeronMessaging}).
 * <p>
 * Each object has a home node (where it was created) and two Aeron streams ({@code StreamIds}):
 * toward the home and from it. Every remote end holds an authenticated session with the home: a
 * challenge-response handshake over HMAC-SHA256 with nonces from both sides, then frames sealed
 * (AES-256-GCM: encrypted and authenticated) with per-direction session keys and sequence numbers ({@code FrameDescriptor}, {@code Handshake},
 * {@code Seal}). Messages above 64 KiB travel in chunks; Aeron fragments and repairs the rest.
 */
package io.mmipc.aeron;
