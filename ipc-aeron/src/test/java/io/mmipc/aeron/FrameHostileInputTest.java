package io.mmipc.aeron;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What anyone on the network can send before and after the handshake: HELLOs of any shape, and
 * sealed frames that are replayed, altered, truncated or sealed with another key.
 */
class FrameHostileInputTest
{
    private static final byte[] KEY = "key of thirty-two bytes........!".getBytes();

    @Test
    void aWellFormedHelloParsesAndEveryTruncationOrRandomFrameIsNull()
    {
        final byte[] frame = new byte[FrameDescriptor.MAX_HELLO_LENGTH];
        final byte[] nonce = Handshake.nonce();
        final int length = Hello.write(frame, nonce, "10.0.0.2", 40123, (byte)2, StreamIds.PIPE, "p", "utf8");
        final Hello hello = Hello.parse(frame, length);
        assertNotNull(hello);
        assertEquals("10.0.0.2", hello.host);
        assertEquals(40123, hello.port);
        assertEquals("p", hello.name);
        assertArrayEquals(nonce, hello.nonceC);
        for (int cut = 0; cut < length; cut++)
        {
            assertNull(Hello.parse(Arrays.copyOf(frame, cut), cut), "cut at " + cut);
        }
        final Random random = new Random(42);
        for (int i = 0; i < 10_000; i++)
        {
            final byte[] junk = new byte[random.nextInt(FrameDescriptor.MAX_HELLO_LENGTH)];
            random.nextBytes(junk);
            if (junk.length > 1)
            {
                junk[0] = FrameDescriptor.HELLO;
                junk[1] = FrameDescriptor.VERSION;
            }
            Hello.parse(junk, junk.length); // null or a hello, never an exception
        }
        final byte[] badHost = new byte[FrameDescriptor.MAX_HELLO_LENGTH];
        final int badLength = Hello.write(badHost, nonce, "a/b", 1, (byte)0, StreamIds.QUEUE, "q", "utf8");
        assertNull(Hello.parse(badHost, badLength));
    }

    @Test
    void aSealedFrameOpensOnceAndNotWhenReplayedAlteredTruncatedOrForeign()
    {
        final Seal sender = new Seal(KEY);
        final Seal receiver = new Seal(KEY);
        final byte[] frame = new byte[Seal.frameCapacity(5)];
        frame[0] = FrameDescriptor.DATA;
        System.arraycopy("hello".getBytes(), 0, frame, FrameDescriptor.SEALED_HEADER_LENGTH, 5);
        final int length = sender.seal(frame, FrameDescriptor.SEALED_HEADER_LENGTH + 5);
        final byte[] copy = frame.clone();

        final byte[] altered = copy.clone();
        altered[FrameDescriptor.SEALED_HEADER_LENGTH] ^= 1;
        assertFalse(receiver.open(altered, length));
        final byte[] otherType = copy.clone();
        otherType[0] = FrameDescriptor.CLOSE;
        assertFalse(receiver.open(otherType, length), "the header is authenticated too");
        assertFalse(receiver.open(copy.clone(), length - 1));
        assertFalse(new Seal("another key of thirty-two bytes!".getBytes()).open(copy.clone(), length));
        final byte[] opened = copy.clone();
        assertTrue(receiver.open(opened, length));
        assertEquals("hello", new String(opened, FrameDescriptor.SEALED_HEADER_LENGTH, Seal.payloadLength(length)));
        assertFalse(receiver.open(copy.clone(), length), "a replay");

        final byte[] next = new byte[Seal.frameCapacity(0)];
        next[0] = FrameDescriptor.CLOSE;
        final int nextLength = sender.seal(next, FrameDescriptor.SEALED_HEADER_LENGTH);
        assertTrue(receiver.open(next, nextLength));
    }

    /**
     * A sealed payload is unreadable (no run of 8 plain bytes survives sealing), every single bit
     * flipped anywhere in the frame (header, payload or tag) is refused, and the same payload
     * sealed under the next sequence or another session's key comes out different.
     */
    @Test
    void aSealedPayloadIsUnreadableAndAnyFlippedBitIsRefused()
    {
        final byte[] plain = new byte[300];
        for (int i = 0; i < plain.length; i++)
        {
            plain[i] = (byte)('a' + i % 26);
        }
        final Seal sender = new Seal(KEY);
        final int start = FrameDescriptor.SEALED_HEADER_LENGTH;
        final byte[][] sealed = new byte[2][];
        int length = 0;
        for (int n = 0; n < 2; n++)
        {
            final byte[] frame = new byte[Seal.frameCapacity(plain.length)];
            frame[0] = FrameDescriptor.DATA;
            System.arraycopy(plain, 0, frame, start, plain.length);
            length = sender.seal(frame, start + plain.length);
            sealed[n] = frame;
        }
        assertEquals(start + plain.length + FrameDescriptor.MAC_LENGTH, length);
        for (int i = 0; i + 8 <= plain.length; i++)
        {
            assertEquals(-1, indexOf(sealed[0], Arrays.copyOfRange(plain, i, i + 8)), "plain bytes at " + i);
        }
        assertFalse(Arrays.equals(sealed[0], start, length, sealed[1], start, length), "the next sequence seals differently");

        final Seal receiver = new Seal(KEY);
        for (int bit = 0; bit < length * 8; bit++)
        {
            final byte[] flipped = sealed[0].clone();
            flipped[bit / 8] ^= (byte)(1 << (bit % 8));
            assertFalse(receiver.open(flipped, length), "bit " + bit + " flipped");
        }
        final byte[] intact = sealed[0].clone();
        assertTrue(receiver.open(intact, length));
        assertArrayEquals(plain, Arrays.copyOfRange(intact, start, start + plain.length));
        assertTrue(receiver.open(sealed[1].clone(), length), "in sequence");

        final byte[] other = new byte[Seal.frameCapacity(plain.length)];
        System.arraycopy(plain, 0, other, start, plain.length);
        new Seal("another key of thirty-two bytes!".getBytes()).seal(other, start + plain.length);
        assertFalse(Arrays.equals(sealed[0], start, length, other, start, length), "another session's key seals differently");
        assertThrows(IllegalArgumentException.class, () -> new Seal(new byte[Seal.KEY_LENGTH - 1]));
    }

    static int indexOf(final byte[] haystack, final byte[] needle)
    {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++)
        {
            for (int j = 0; j < needle.length; j++)
            {
                if (haystack[i + j] != needle[j])
                {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /**
     * A batch's records are counted only when they fill it exactly: any cut, any length word made
     * negative, too large or running past the end is refused as a whole (never an exception, never
     * a partial count), so a receiver hands on nothing of a batch that does not parse.
     */
    @Test
    void aBatchParsesOnlyWhenItsRecordsFillItExactly()
    {
        final UnsafeBuffer frame = new UnsafeBuffer(new byte[FrameDescriptor.BATCH_PAYLOAD + 64]);
        final int start = FrameDescriptor.SEALED_HEADER_LENGTH;
        int end = start;
        final String[] messages = {"a", "", "three", "x".repeat(FrameDescriptor.MAX_BATCHED)};
        for (final String message : messages)
        {
            final byte[] bytes = message.getBytes();
            end = Batch.append(frame, end, new UnsafeBuffer(bytes), 0, bytes.length);
        }
        assertEquals(messages.length, Batch.count(frame, start, end, FrameDescriptor.MAX_BATCHED));
        int position = start;
        for (final String message : messages)
        {
            final int length = Batch.length(frame, position);
            assertEquals(message, frame.getStringWithoutLengthAscii(position + FrameDescriptor.RECORD_HEADER_LENGTH,
                length));
            position += FrameDescriptor.RECORD_HEADER_LENGTH + length;
        }
        assertEquals(-1, Batch.count(frame, start, end, FrameDescriptor.MAX_BATCHED - 1), "a record over the limit");
        assertEquals(-1, Batch.count(frame, start, start, FrameDescriptor.MAX_BATCHED), "no records");
        for (int cut = start + 1; cut < end; cut++)
        {
            final int count = Batch.count(frame, start, cut, FrameDescriptor.MAX_BATCHED);
            assertTrue(count == -1 || count < messages.length, "cut at " + cut + ": " + count);
        }
        for (final int bad : new int[] {-1, Integer.MIN_VALUE, end - start, Integer.MAX_VALUE})
        {
            final UnsafeBuffer forged = new UnsafeBuffer(frame.byteArray().clone());
            forged.putInt(start, bad, java.nio.ByteOrder.LITTLE_ENDIAN);
            assertEquals(-1, Batch.count(forged, start, end, Integer.MAX_VALUE), "length word " + bad);
        }
        final Random random = new Random(7);
        for (int i = 0; i < 10_000; i++)
        {
            final byte[] junk = new byte[random.nextInt(FrameDescriptor.BATCH_PAYLOAD)];
            random.nextBytes(junk);
            final int count = Batch.count(new UnsafeBuffer(junk), 0, junk.length, FrameDescriptor.MAX_BATCHED);
            assertTrue(count >= -1 && count <= junk.length / FrameDescriptor.RECORD_HEADER_LENGTH);
        }
    }

    /**
     * Senders cut at {@link FrameDescriptor#SEND_CHUNK}; a receiver joins chunks of any size up to
     * {@link FrameDescriptor#MAX_CHUNK} (a peer that cuts larger still interoperates), and refuses a
     * chunk that continues no message or grows one past the largest message.
     */
    @Test
    void chunksOfAnySizeUpToTheLargestJoinAndAStrayOrOversizedChunkIsRefused()
    {
        assertTrue(FrameDescriptor.SEND_CHUNK < FrameDescriptor.MAX_CHUNK);
        final int maxMessage = FrameDescriptor.MAX_CHUNK + 2 * FrameDescriptor.SEND_CHUNK + 5;
        final NetSession session = new NetSession(null, "peer", 1, 1_000_000_000L, maxMessage, 0);
        final byte[] whole = new byte[maxMessage];
        new Random(11).nextBytes(whole);
        final int[] cuts = {FrameDescriptor.SEND_CHUNK, FrameDescriptor.MAX_CHUNK, FrameDescriptor.SEND_CHUNK + 5};
        int position = 0;
        int result = -1;
        for (int i = 0; i < cuts.length; i++)
        {
            final byte flags = (byte)((i == 0 ? FrameDescriptor.FLAG_FIRST : 0) |
                (i == cuts.length - 1 ? FrameDescriptor.FLAG_LAST : 0));
            result = session.addChunk(chunk(flags, whole, position, cuts[i]),
                FrameDescriptor.SEALED_OVERHEAD + cuts[i]);
            position += cuts[i];
            assertEquals(i == cuts.length - 1 ? maxMessage : -1, result, "after chunk " + i);
        }
        final byte[] joined = new byte[result];
        session.message().getBytes(0, joined);
        assertArrayEquals(whole, joined);

        assertEquals(-1, session.addChunk(chunk(FrameDescriptor.FLAG_LAST, whole, 0, 10),
            FrameDescriptor.SEALED_OVERHEAD + 10));
        assertTrue(session.untrusted, "a chunk that continues no message breaks the protocol");

        final NetSession small = new NetSession(null, "peer", 1, 1_000_000_000L, FrameDescriptor.SEND_CHUNK, 0);
        assertEquals(-1, small.addChunk(chunk(FrameDescriptor.FLAG_FIRST, whole, 0, FrameDescriptor.SEND_CHUNK),
            FrameDescriptor.SEALED_OVERHEAD + FrameDescriptor.SEND_CHUNK));
        assertEquals(-1, small.addChunk(chunk(FrameDescriptor.FLAG_LAST, whole, 0, 1),
            FrameDescriptor.SEALED_OVERHEAD + 1));
        assertTrue(small.untrusted, "a message past the largest is refused");
    }

    /**
     * A DATA frame holding {@code length} bytes of {@code src}, not sealed: {@link NetSession#addChunk}
     * takes frames already opened.
     */
    private static byte[] chunk(final byte flags, final byte[] src, final int offset, final int length)
    {
        final byte[] frame = new byte[Seal.frameCapacity(length)];
        frame[FrameDescriptor.TYPE_OFFSET] = FrameDescriptor.DATA;
        frame[FrameDescriptor.SEALED_FLAGS_OFFSET] = flags;
        System.arraycopy(src, offset, frame, FrameDescriptor.SEALED_HEADER_LENGTH, length);
        return frame;
    }

    @Test
    void aHandleReferenceOutOfRangeIsRefused()
    {
        assertThrows(IllegalArgumentException.class, () -> new NetRef("10.0.0.1", 0, "10.0.0.2", "/s", 5000, 1, true));
        assertThrows(IllegalArgumentException.class, () -> new NetRef("10.0.0.1/x", 1, "10.0.0.2", "/s", 5000, 1, true));
        assertThrows(IllegalArgumentException.class, () -> new NetRef("10.0.0.1", 1, "10.0.0.2", "s", 5000, 1, true));
        assertThrows(IllegalArgumentException.class, () -> new NetRef("10.0.0.1", 1, "10.0.0.2", "/s", 1, 1, true));
        assertNotNull(new NetRef("10.0.0.1", 1, "10.0.0.2", "/s", 5000, 1, true));
    }
}
