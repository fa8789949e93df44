package io.mmipc.chronicle;

import io.mmipc.DurableLog;
import io.mmipc.IpcContext;
import io.mmipc.LogAppender;
import io.mmipc.codec.Codecs;
import io.mmipc.internal.launch.ChildJvm;
import io.mmipc.internal.spi.JvmFlags;
import io.mmipc.test.Children;
import net.openhft.chronicle.core.analytics.AnalyticsFacade;
import net.openhft.chronicle.queue.internal.AnalyticsHolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Chronicle stays inside ipc-chronicle: its analytics are off in every JVM (no network traffic),
 * it loads only when a log is opened, and it prints nothing.
 */
class ContainmentTest
{
    private static final String CLASS_LOAD_LOG = "-Xlog:class+load=info:stdout";

    @TempDir
    Path root;

    @Test
    @Timeout(120)
    void everyJvmTheLauncherStartsHasAnalyticsOff() throws Exception
    {
        final String out = Children.run(Duration.ofSeconds(60), AnalyticsProbe.class, root.resolve("log").toString());
        assertTrue(out.contains("property before: true"), out);
        assertTrue(out.contains("analytics enabled: false"), out);
    }

    @Test
    @Timeout(120)
    void openingALogSwitchesAnalyticsOffBeforeChronicleLoadsEvenWithoutTheFlag() throws Exception
    {
        final List<String> withoutProperties = JvmFlags.current().jvmOptions().stream()
            .filter(option -> !option.startsWith("-D"))
            .collect(Collectors.toList());
        try (ChildJvm child = Children.launcher(AnalyticsProbe.class, root.resolve("log").toString())
            .requiredFlags(false)
            .jvmOptions(withoutProperties)
            .jvmOptions(CLASS_LOAD_LOG)
            .start())
        {
            final String out = Children.finish(child, Duration.ofSeconds(60));
            assertTrue(out.contains("property before: null"), out);
            assertTrue(out.contains("property after: true"), out);
            assertTrue(out.contains("analytics enabled: false"), out);
            assertTrue(out.contains("analytics holder muted: true"), out);
            final int setup = out.indexOf(" io.mmipc.chronicle.ChronicleSetup ");
            final int firstChronicle = out.indexOf(" net.openhft.");
            assertTrue(setup > 0 && firstChronicle > setup, "mmipc's setup loads before any Chronicle class");
            assertFalse(child.stderr().contains("SLF4J"), "no SLF4J warning: " + child.stderr());
            assertEquals("", child.stderr().trim(), "Chronicle printed nothing");
        }
    }

    @Test
    @Timeout(120)
    void aJvmThatNeverOpensALogNeverLoadsChronicle() throws Exception
    {
        try (ChildJvm child = Children.launcher(NoLogUser.class, root.toString()).jvmOptions(CLASS_LOAD_LOG).start())
        {
            final String out = Children.finish(child, Duration.ofSeconds(60));
            assertTrue(out.contains("io.mmipc.SharedMemory "), "the class-load log works: " + out.length());
            assertTrue(out.contains("used shared memory"), out);
            assertFalse(out.contains("net.openhft"), "no Chronicle class loaded");
            assertFalse(out.contains("io.mmipc.chronicle.ChronicleDurableLog"), "nor mmipc's log implementation");
        }
    }

    /** Opens a log and reports what Chronicle's analytics made of it. */
    public static final class AnalyticsProbe
    {
        public static void main(final String[] args)
        {
            System.out.println("property before: " + System.getProperty(ChronicleJvmRequirements.ANALYTICS_PROPERTY));
            try (DurableLog log = DurableLog.open(Paths.get(args[0])); LogAppender appender = log.appender())
            {
                appender.append("hello", Codecs.utf8());
            }
            System.out.println("property after: " + System.getProperty(ChronicleJvmRequirements.ANALYTICS_PROPERTY));
            System.out.println("analytics enabled: " + AnalyticsFacade.isEnabled());
            System.out.println("analytics holder muted: " +
                AnalyticsHolder.instance().getClass().getName().toLowerCase().contains("mute"));
        }
    }

    /** Uses mmipc without a durable log. */
    public static final class NoLogUser
    {
        public static void main(final String[] args)
        {
            try (IpcContext ctx = IpcContext.create(Paths.get(args[0])))
            {
                ctx.sharedMemory("block", 64).putLongRelease(0, 1);
                System.out.println("used shared memory");
            }
        }
    }
}
