package io.mmipc.bench.report;

import io.mmipc.bench.support.Contender;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Quick mode passes each contender parameter to JMH once, for every suite ({@code -p} is global):
 * every value it passes must be a constant of every quick suite's parameter of that name, or
 * JMH fails those suites ("No enum constant ...") in the demo.
 */
@Timeout(60)
class QuickModeTest
{
    @Test
    void everyQuickParameterValueExistsInEveryQuickSuiteThatHasTheParameter() throws Exception
    {
        final Map<String, List<String>> quick = ReportMain.quickParameters();
        final List<String> suites = ReportMain.contenders(true);
        assertFalse(suites.isEmpty(), "quick mode runs something");
        for (final String benchmark : suites)
        {
            final Method method = ResultReader.findMethod(benchmark);
            assertNotNull(method, benchmark);
            final Contender contender = method.getAnnotation(Contender.class);
            if (contender.param().isEmpty() || !quick.containsKey(contender.param()))
            {
                continue;
            }
            final Field field = method.getDeclaringClass().getField(contender.param());
            final List<String> allowed = field.getType().isEnum() ?
                Arrays.stream(field.getType().getEnumConstants()).map(c -> ((Enum<?>)c).name()).toList() :
                Arrays.asList(field.getAnnotation(org.openjdk.jmh.annotations.Param.class).value());
            for (final String value : quick.get(contender.param()))
            {
                assertTrue(allowed.contains(value), benchmark + ": quick mode would pass " + contender.param() + "=" +
                    value + ", which is not one of " + allowed);
            }
        }
    }
}
