/**
 * The mapped-file layer (internal): every shared object is one file that starts with a fixed
 * header ({@link io.mmipc.internal.file.SharedFileDescriptor}: magic, version, kind, parameters,
 * creator), is written in full under a temporary name and published with a hard link (of two
 * racing creators one creates, the other opens), is checked before it is mapped, and is never
 * unmapped under a running operation ({@link io.mmipc.internal.file.SharedFile}). A fault in mapped
 * memory (the file truncated behind mmipc's back) is explained in one place,
 * {@link io.mmipc.internal.file.SharedFile#translateFault}; what survives it and what does not is
 * the contract of {@link io.mmipc.SharedMemoryFaultException}: plain accesses raise an exception,
 * atomic ones on a lost page crash the JVM (SIGBUS), a HotSpot limitation.
 */
package io.mmipc.internal.file;
