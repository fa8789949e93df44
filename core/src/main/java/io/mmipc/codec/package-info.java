/**
 * How objects become bytes in shared memory and back: {@link io.mmipc.codec.Codec} and the
 * built-ins of {@link io.mmipc.codec.Codecs} ({@code byte[]}, UTF-8 strings, primitives, and Java
 * serialization behind the {@link io.mmipc.codec.SerialFilter} allow-list, since bytes in a
 * shared file are input like any other). A {@link io.mmipc.codec.CodecRef} names a codec in a
 * file's header, so that opening an object with another codec is an error rather than garbage.
 */
package io.mmipc.codec;
