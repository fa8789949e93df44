/**
 * The mapped-file layer (internal): every shared object is one file that starts with a fixed
 * header ({@link io.mmipc.internal.file.SharedFileDescriptor}: magic, version, kind, parameters,
 * creator), is written in full under a temporary name and published with a hard link (of two
 * racing creators one creates, the other opens), is checked before it is mapped, and is never
 * unmapped under a running operation ({@link io.mmipc.internal.file.SharedFile}).
 */
package io.mmipc.internal.file;
