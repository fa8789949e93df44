package io.mmipc.internal.launch;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class AdmitHintTest
{
    @Test
    void aNamedClassIsAdmittedByNameOrPackage()
    {
        assertEquals("JvmProcess.allowClass(com.acme.Order.Line.class) or JvmProcess.allowPackage(\"com.acme\")",
            TaskCodec.admitHint("JvmProcess", "com.acme.Order$Line", "com.acme"));
    }

    @Test
    void aLambdaIsAdmittedByItsPackageNeverByItsHiddenName()
    {
        final String hint = TaskCodec.admitHint("PoolOptions", "com.acme.Jobs$$Lambda$73/0x00007fefac03a2c0", "com.acme");
        assertEquals("PoolOptions.allowPackage(\"com.acme\") (a lambda of com.acme.Jobs)", hint);
    }

    @Test
    void aLambdaOfTheUnnamedPackageIsToldToMove()
    {
        final String hint = TaskCodec.admitHint("JvmProcess", "StatDemo$$Lambda$73/0x00007fefac03a2c0", "");
        assertTrue(hint.contains("move StatDemo into a named package") && !hint.contains("allowClass"), hint);
    }
}
