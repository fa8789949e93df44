/**
 * Child JVMs (internal): the one launcher that starts them with the same {@code java}, class path
 * and JVM flags; the parent watch that ends a child whose parent died; how a task is serialized,
 * checked against the child's allow-list and read there.
 */
package io.mmipc.internal.launch;
