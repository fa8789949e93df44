package com.example.pooltest;

import io.mmipc.RemoteFunction;

/**
 * A function written outside the test's package, so outside a pool's default allow-list.
 */
public final class OutsideFunctions
{
    private OutsideFunctions()
    {
    }

    public static RemoteFunction<Integer, Integer> twice()
    {
        return n -> n * 2;
    }
}
