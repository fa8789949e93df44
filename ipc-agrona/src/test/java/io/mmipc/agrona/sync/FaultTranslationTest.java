package io.mmipc.agrona.sync;

import io.mmipc.IpcContext;
import io.mmipc.SharedBoolean;
import io.mmipc.SharedDouble;
import io.mmipc.SharedDoubleArray;
import io.mmipc.SharedInt;
import io.mmipc.SharedIntArray;
import io.mmipc.SharedLock;
import io.mmipc.SharedLong;
import io.mmipc.SharedLongArray;
import io.mmipc.SharedMap;
import io.mmipc.SharedMemory;
import io.mmipc.codec.Codecs;
import io.mmipc.internal.launch.ChildJvm;
import io.mmipc.test.Children;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A file truncated under a live mapping, touched with plain reads and writes of every kind: the
 * toucher's JVM survives, and the fault is reported as {@code SharedMemoryFaultException} naming
 * the file whenever HotSpot delivers it inside mmipc's guard. HotSpot 17 defers the fault of a
 * compiled (or intrinsic) access to the thread's next entry into the VM, which may come after the
 * call returned: then the caller sees HotSpot's own {@code InternalError} ("a fault occurred in a
 * recent unsafe memory access operation"), and mmipc's {@code checkBacked} names the file. That is
 * the documented limitation of {@code SharedMemoryFaultException}; it cannot be closed without a
 * call into the VM on every access. An atomic read-modify-write on the lost page is not guarded by
 * HotSpot at all: the JVM dies with SIGBUS, also documented. Touchers are child JVMs so that
 * nothing lands in the test's JVM.
 */
@Timeout(180)
class FaultTranslationTest
{
    /** HotSpot's exit after a fatal error under {@code -XX:-CreateCoredumpOnCrash}; 134 when dumping core. */
    private static final int CRASHED_WITHOUT_CORE_EXIT = 1;

    @TempDir
    Path root;

    @ParameterizedTest
    @ValueSource(strings = {"memory", "int.get", "int.set", "long.get", "long.set", "double.get", "double.set",
        "boolean.get", "boolean.set", "intArray.get", "intArray.set", "longArray.get", "longArray.set",
        "doubleArray.get", "doubleArray.set", "lock", "dict"})
    void aTruncatedFileFaultsWithTheDocumentedExceptionNamingTheFile(final String kind) throws Exception
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final Path path = Toucher.open(ctx, kind).path;
            final String out = Children.run(Duration.ofSeconds(150), Toucher.class, ctx.directory().toString(), kind);
            final boolean translated = out.contains("caught io.mmipc.SharedMemoryFaultException: " + path + ": ");
            final boolean deferred = out.contains(
                "caught java.lang.InternalError: a fault occurred in a recent unsafe memory access operation");
            assertTrue(translated ^ deferred, kind + ": the fault is reported exactly once: " + out);
            assertTrue(out.contains("but was mapped with"), kind + ": " + out);
            if (deferred && !kind.equals("dict"))
            {
                assertTrue(out.contains("checkBacked: io.mmipc.SharedMemoryFaultException: " + path +
                    ": the file is 0 bytes but was mapped with"), kind + ": " + out);
            }
            assertTrue(out.contains("toucher alive"), kind + ": " + out);
        }
    }

    @Test
    void anAtomicOperationOnATruncatedFileCrashesTheJvmAsDocumented() throws Exception
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            Toucher.open(ctx, "int.cas");
            // The crash report goes to the temp directory and no core is dumped: nothing is left behind.
            final Path crashReport = root.resolve("hs_err_toucher.log");
            try (ChildJvm child = Children.launcher(Toucher.class, ctx.directory().toString(), "int.cas")
                .jvmOptions("-XX:ErrorFile=" + crashReport, "-XX:-CreateCoredumpOnCrash").start())
            {
                assertTrue(child.waitFor(Duration.ofSeconds(150)), child::toString);
                final String all = child.stdout() + child.stderr();
                assertEquals(CRASHED_WITHOUT_CORE_EXIT, child.exitCode().getAsInt(), all);
                assertTrue(all.contains("SIGBUS"), all);
                assertFalse(all.contains("toucher alive"), all);
                assertTrue(Files.readString(crashReport).contains("Unsafe_CompareAndSetInt"), all);
            }
        }
    }

    /** Opens one object, truncates its file to nothing, touches it once, then checks it. */
    public static final class Toucher
    {
        final AutoCloseable object;
        final Path path;

        private Toucher(final AutoCloseable object, final Path path)
        {
            this.object = object;
            this.path = path;
        }

        static Toucher open(final IpcContext ctx, final String kind)
        {
            switch (kind.substring(0, kind.indexOf('.') < 0 ? kind.length() : kind.indexOf('.')))
            {
                case "memory":
                    final SharedMemory memory = ctx.sharedMemory("m", 1 << 16);
                    return new Toucher(memory, memory.path());
                case "int": final SharedInt i = ctx.intValue("v", 0); return new Toucher(i, i.path());
                case "long": final SharedLong l = ctx.longValue("v", 0); return new Toucher(l, l.path());
                case "double": final SharedDouble d = ctx.doubleValue("v", 0); return new Toucher(d, d.path());
                case "boolean": final SharedBoolean b = ctx.booleanValue("v", false); return new Toucher(b, b.path());
                case "intArray": final SharedIntArray ia = ctx.intArray("a", 4096); return new Toucher(ia, ia.path());
                case "longArray":
                    final SharedLongArray la = ctx.longArray("a", 4096);
                    return new Toucher(la, la.path());
                case "doubleArray":
                    final SharedDoubleArray da = ctx.doubleArray("a", 4096);
                    return new Toucher(da, da.path());
                case "lock": final SharedLock lock = ctx.lock("l"); return new Toucher(lock, lock.path());
                case "dict":
                    final SharedMap<String, String> dict = ctx.dict("d", Codecs.utf8(), Codecs.utf8());
                    return new Toucher(dict, dict.path());
                default: throw new IllegalArgumentException("kind " + kind);
            }
        }

        @SuppressWarnings("unchecked")
        long touch(final String kind)
        {
            switch (kind)
            {
                case "memory": return ((SharedMemory)object).getLong(8192);
                case "int.get": return ((SharedInt)object).get();
                case "int.set": ((SharedInt)object).set(1); return 0;
                case "int.cas": return ((SharedInt)object).compareAndSet(0, 1) ? 1 : 0;
                case "long.get": return ((SharedLong)object).get();
                case "long.set": ((SharedLong)object).set(1); return 0;
                case "double.get": return (long)((SharedDouble)object).get();
                case "double.set": ((SharedDouble)object).set(1.0); return 0;
                case "boolean.get": return ((SharedBoolean)object).get() ? 1 : 0;
                case "boolean.set": ((SharedBoolean)object).set(true); return 0;
                case "intArray.get": return ((SharedIntArray)object).get(4000);
                case "intArray.set": ((SharedIntArray)object).set(4000, 1); return 0;
                case "longArray.get": return ((SharedLongArray)object).get(4000);
                case "longArray.set": ((SharedLongArray)object).set(4000, 1); return 0;
                case "doubleArray.get": return (long)((SharedDoubleArray)object).get(4000);
                case "doubleArray.set": ((SharedDoubleArray)object).set(4000, 1.0); return 0;
                case "lock": return ((SharedLock)object).isLocked() ? 1 : 0;
                case "dict": return ((Map<String, String>)object).get("k") == null ? 0 : 1;
                default: throw new IllegalArgumentException("kind " + kind);
            }
        }

        /** What a caller does after HotSpot's deferred InternalError: ask mmipc whether the file backs the mapping. */
        void checkBacked()
        {
            try
            {
                if (object instanceof SharedMemory)
                {
                    ((SharedMemory)object).checkBacked();
                }
                else if (object instanceof MappedObject)
                {
                    ((MappedObject)object).file.checkBacked();
                }
            }
            catch (final RuntimeException ex)
            {
                System.out.println("checkBacked: " + ex.getClass().getName() + ": " + ex.getMessage());
            }
        }

        public static void main(final String[] args) throws Exception
        {
            final String kind = args[1];
            try (IpcContext ctx = IpcContext.open(Paths.get(args[0])))
            {
                final Toucher toucher = open(ctx, kind);
                try (FileChannel ch = FileChannel.open(toucher.path, StandardOpenOption.WRITE))
                {
                    ch.truncate(0);
                }
                try
                {
                    System.out.println("no fault reported, read " + toucher.touch(kind));
                }
                catch (final Throwable ex)
                {
                    System.out.println("caught " + ex.getClass().getName() + ": " + ex.getMessage());
                }
                toucher.checkBacked();
                System.out.println("toucher alive");
                try
                {
                    toucher.object.close();
                }
                catch (final RuntimeException closing)
                {
                    System.out.println("close: " + closing);
                }
            }
        }
    }
}
