package io.mmipc.codec;

import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.io.Serializable;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class CodecsTest
{
    private static <T> T roundTrip(final Codec<T> codec, final T value)
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(8);
        final int length = codec.encode(value, buffer, 3);
        if (codec.fixedLength() >= 0)
        {
            assertEquals(codec.fixedLength(), length);
        }
        return codec.decode(buffer, 3, length);
    }

    @Test
    void builtInsRoundTrip()
    {
        assertArrayEquals(new byte[] {1, 2, 3}, roundTrip(Codecs.bytes(), new byte[] {1, 2, 3}));
        assertEquals("grüße, 世界", roundTrip(Codecs.utf8(), "grüße, 世界"));
        assertEquals("", roundTrip(Codecs.utf8(), ""));
        assertEquals(-7, roundTrip(Codecs.int32(), -7));
        assertEquals(Long.MIN_VALUE, roundTrip(Codecs.int64(), Long.MIN_VALUE));
        assertEquals(Math.PI, roundTrip(Codecs.float64(), Math.PI));
        final ArrayList<Object> list = new ArrayList<>(List.of(1, "two", 3.0, Map.of("k", 4L)));
        assertEquals(list, roundTrip(Codecs.java(), list));
    }

    @Test
    void idsAreStable()
    {
        assertEquals("bytes", Codecs.bytes().id());
        assertEquals("utf8", Codecs.utf8().id());
        assertEquals("int32", Codecs.int32().id());
        assertEquals("int64", Codecs.int64().id());
        assertEquals("float64", Codecs.float64().id());
        assertEquals("java", Codecs.java().id());
    }

    @Test
    void fixedLengthCodecsRefuseOtherLengths()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[16]);
        final CodecException ex = assertThrows(CodecException.class, () -> Codecs.int64().decode(buffer, 0, 5));
        assertTrue(ex.getMessage().contains("8 bytes, got 5"), ex.getMessage());
    }

    @Test
    void aClassOutsideTheAllowListIsRefusedByName()
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer();
        final Codec<Serializable> codec = Codecs.java();
        final int length = codec.encode(InetSocketAddress.createUnresolved("example.org", 80), buffer, 0);
        final CodecException ex = assertThrows(CodecException.class, () -> codec.decode(buffer, 0, length));
        assertTrue(ex.getMessage().contains("java.net.InetSocketAddress"), ex.getMessage());
        assertTrue(ex.getMessage().contains("allowClass"), ex.getMessage());

        final Codec<Serializable> widened = Codecs.java(SerialFilter.defaults().allowPackage("java.net"));
        assertEquals(InetSocketAddress.createUnresolved("example.org", 80), widened.decode(buffer, 0, length));
    }

    @Test
    void anObjectInsideAnAllowedContainerIsCheckedToo()
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer();
        final ArrayList<Object> list = new ArrayList<>(List.of("fine", InetSocketAddress.createUnresolved("h", 1)));
        final Codec<ArrayList<Object>> codec = Codecs.java();
        final int length = codec.encode(list, buffer, 0);
        assertThrows(CodecException.class, () -> codec.decode(buffer, 0, length));
    }

    @Test
    void somethingNotSerializableIsAClearError()
    {
        final Codec<Serializable> codec = Codecs.java();
        final ArrayList<Object> list = new ArrayList<>(List.of(new Object()));
        final CodecException ex = assertThrows(CodecException.class,
            () -> codec.encode(list, new ExpandableArrayBuffer(), 0));
        assertTrue(ex.getMessage().contains("java.lang.Object"), ex.getMessage());
    }

    @Test
    void garbageIsACodecException()
    {
        final UnsafeBuffer junk = new UnsafeBuffer(new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        assertThrows(CodecException.class, () -> Codecs.java().decode(junk, 0, 8));
    }

    @Test
    void allowPatternsAreValidated()
    {
        assertThrows(IllegalArgumentException.class, () -> SerialFilter.defaults().allowPattern("!*"));
        assertThrows(IllegalArgumentException.class, () -> SerialFilter.defaults().allowPattern("a;b"));
        assertTrue(SerialFilter.defaults().allowPackage("com.acme").spec().endsWith("com.acme.**;!*"));
    }
}
