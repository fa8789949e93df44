package io.mmipc.agrona.map;

import org.agrona.DirectBuffer;

/**
 * The 64-bit hash of a key's bytes, seeded per map (a random seed stored in the file at creation,
 * so keys chosen to collide in one map do not collide in another). Eight bytes at a time, then a
 * murmur-style finaliser; every process on the host computes the same value.
 */
final class MapHash
{
    private static final long C1 = 0x87C3_7B91_1142_53D5L;
    private static final long C2 = 0x4CF5_AD43_2745_937FL;
    private static final long GOLDEN = 0x9E37_79B9_7F4A_7C15L;

    private MapHash()
    {
    }

    static long hash(final long seed, final DirectBuffer buffer, final int offset, final int length)
    {
        long h = seed ^ (length * GOLDEN);
        int i = 0;
        for (; i + Long.BYTES <= length; i += Long.BYTES)
        {
            h = mix(h, buffer.getLong(offset + i));
        }
        if (i < length)
        {
            long tail = 0;
            for (int shift = 0; i < length; i++, shift += 8)
            {
                tail |= (buffer.getByte(offset + i) & 0xFFL) << shift;
            }
            h = mix(h, tail);
        }
        h ^= h >>> 33;
        h *= 0xFF51_AFD7_ED55_8CCDL;
        h ^= h >>> 33;
        h *= 0xC4CE_B9FE_1A85_EC53L;
        return h ^ (h >>> 33);
    }

    private static long mix(final long h, final long word)
    {
        return Long.rotateLeft(h ^ Long.rotateLeft(word * C1, 31) * C2, 27) * 5 + 0x52DC_E729L;
    }
}
