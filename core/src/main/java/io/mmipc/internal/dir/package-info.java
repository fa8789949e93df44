/**
 * Context directories (internal): where they live (per user, under {@code /dev/shm} by default),
 * who may use them (owner-only, never a symlink or another user's), who created them (pid and
 * process start time in a marker file), and how a dead creator's directory is swept.
 */
package io.mmipc.internal.dir;
