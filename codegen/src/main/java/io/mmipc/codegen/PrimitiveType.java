package io.mmipc.codegen;

import java.util.List;
import java.util.Locale;

/**
 * The type table: one line per shared primitive type, and everything the value/array family
 * needs to know about it. <b>Adding a type is one line in {@link #TABLE}</b> (then
 * {@code mvn -B -o -pl codegen -am -Pregenerate process-classes}); the interfaces, the
 * implementations, the factories on {@code IpcContext}, the provider, handle re-opening, the
 * cli's type names and the contract test all follow from it.
 * <p>
 * How each Java type is stored (derived here, not written in the table):
 * <ul>
 * <li>A value owns a 128-byte record; its slot is an int32 word, or an int64 word for 8-byte
 *     types, so every type gets the word's atomics (CAS, get-and-set). A byte, short or char
 *     sits zero-extended in its int32 slot, little-endian, so the slot's first bytes are the value.</li>
 * <li>An array is contiguous, {@link #width} bytes per element, as in Python. 1- and 2-byte
 *     elements use Agrona's byte/short volatile accessors, and CAS on the aligned int32 word that
 *     holds them ({@code SubWords}), as the JDK's own {@code Unsafe.compareAndSetByte} does.</li>
 * <li>float and double are stored as their raw bits: compare-and-set compares bit patterns,
 *     arithmetic is a CAS loop on the bits.</li>
 * <li>boolean is a word that is 1 for true; any non-zero word reads as true, and its
 *     compare-and-set compares what the word means, not its bits.</li>
 * </ul>
 *
 * @param name      the capitalised name in class and method names ({@code SharedFloat}, {@code floatValue}).
 * @param type      the Java primitive.
 * @param boxed     its box.
 * @param width     bytes per array element.
 * @param tag       the file header's type tag: never change one that shipped, files carry it.
 * @param typecodes Python's {@code multiprocessing} typecodes served by this type ("" for none).
 * @param ops       which operations beyond get/set/getAndSet/compareAndSet it has.
 */
public record PrimitiveType(String name, String type, String boxed, int width, String tag, String typecodes,
    Ops ops)
{
    /**
     * What a type can do beyond the atomics every type has.
     */
    public enum Ops
    {
        /** get, set, getAndSet, compareAndSet. */
        PLAIN,
        /** ... and a {@code value()}/{@code raw()} string view of an array (Python's {@code Array('c')}). */
        TEXT,
        /** ... and getAndAdd/addAndGet (a CAS loop where the word has no add). */
        ARITHMETIC,
        /** ... and increments and decrements, which wrap as Java's arithmetic does. */
        INTEGRAL,
        /** ... and the java.util.function operator updates, where the JDK has the operator types. */
        INTEGRAL_UPDATE,
        /** Arithmetic with operator updates. */
        ARITHMETIC_UPDATE;

        boolean arithmetic()
        {
            return this != PLAIN && this != TEXT;
        }

        boolean integral()
        {
            return this == INTEGRAL || this == INTEGRAL_UPDATE;
        }

        boolean update()
        {
            return this == INTEGRAL_UPDATE || this == ARITHMETIC_UPDATE;
        }
    }

    // @formatter:off
    public static final List<PrimitiveType> TABLE = List.of(
        //                name       type       boxed        width tag        typecodes ops
        new PrimitiveType("Int",     "int",     "Integer",   4,    "int32",   "i",      Ops.INTEGRAL_UPDATE),
        new PrimitiveType("Long",    "long",    "Long",      8,    "int64",   "q l",    Ops.INTEGRAL_UPDATE),
        new PrimitiveType("Double",  "double",  "Double",    8,    "float64", "d",      Ops.ARITHMETIC_UPDATE),
        new PrimitiveType("Boolean", "boolean", "Boolean",   1,    "bool",    "",       Ops.PLAIN),
        new PrimitiveType("Byte",    "byte",    "Byte",      1,    "int8",    "b B",    Ops.INTEGRAL),
        new PrimitiveType("Short",   "short",   "Short",     2,    "int16",   "h H",    Ops.INTEGRAL),
        new PrimitiveType("Float",   "float",   "Float",     4,    "float32", "f",      Ops.ARITHMETIC),
        new PrimitiveType("Char",    "char",    "Character", 2,    "char16",  "c u",    Ops.TEXT));
    // @formatter:on

    public PrimitiveType
    {
        final int javaWidth = switch (type)
        {
            case "boolean", "byte" -> 1;
            case "short", "char" -> 2;
            case "int", "float" -> 4;
            case "long", "double" -> 8;
            default -> throw new IllegalArgumentException("type table: " + name + " has no Java primitive type, got " +
                type);
        };
        if (width != javaWidth)
        {
            throw new IllegalArgumentException("type table: " + name + " is " + type + ", " + javaWidth +
                " bytes, not " + width);
        }
        if (ops.integral() && (type.equals("float") || type.equals("double")) ||
            ops.arithmetic() && (type.equals("boolean") || type.equals("char")) ||
            ops.update() && !(type.equals("int") || type.equals("long") || type.equals("double")))
        {
            throw new IllegalArgumentException("type table: " + name + " (" + type + ") cannot have ops " + ops);
        }
    }

    /**
     * @return the lower-case name that starts factory methods and handle kinds ({@code float}).
     */
    public String lower()
    {
        return name.substring(0, 1).toLowerCase(Locale.ROOT) + name.substring(1);
    }

    /**
     * @return the Python typecodes as {@code 'b'} or {@code 'b'/'B'}, or null when none.
     */
    public String pythonCodes()
    {
        if (typecodes.isBlank())
        {
            return null;
        }
        final StringBuilder codes = new StringBuilder();
        for (final String code : typecodes.trim().split(" +"))
        {
            codes.append(codes.length() == 0 ? "" : "/").append('\'').append(code).append('\'');
        }
        return codes.toString();
    }
}
