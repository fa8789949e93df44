/**
 * mmipc's internals, public only so that mmipc's own modules can reach them: no compatibility is
 * promised. This package holds the start-up check of Agrona's JVM flag
 * ({@link io.mmipc.internal.AgronaAccess}) and core's declaration of that flag.
 */
package io.mmipc.internal;
