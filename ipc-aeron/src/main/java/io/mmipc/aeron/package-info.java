/**
 * The {@code "aeron"} transport: the same {@link io.mmipc.MessageQueue} and {@link io.mmipc.Pipe}
 * across hosts, on Aeron UDP with an embedded media driver per node ({@link io.mmipc.aeron.AeronMessaging}).
 * <p>
 * Each object has a home node (where it was created) and two Aeron streams ({@code StreamIds}):
 * toward the home and from it. Every remote end holds an authenticated session with the home: a
 * challenge-response handshake over HMAC-SHA256 with nonces from both sides, then frames sealed
 * (AES-128-GCM: encrypted and authenticated) with per-direction session keys and sequence numbers ({@code FrameDescriptor}, {@code Handshake},
 * {@code Seal}). Messages above 16 KiB travel in chunks; Aeron fragments and repairs the rest.
 * <p>
 * A {@link io.mmipc.Pool} of a network context keeps one network pipe per worker. Its workers may
 * run on other nodes ({@code PoolOptions.remoteWorkers(agent, count)}): a {@link io.mmipc.aeron.PoolAgent}
 * there takes start requests from its queue on the home node and starts each worker as its own
 * child JVM ({@code AgentLauncher}, {@code RemoteWorker}, {@code AgentMessages}); a worker whose
 * node falls silent for the peer timeout is dead, and its replacement starts on the pool's host.
 */
package io.mmipc.aeron;
