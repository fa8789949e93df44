package io.mmipc.internal.pool;

import io.mmipc.JvmProcess;

import java.time.Duration;
import java.util.OptionalInt;

/**
 * Starts pool workers as child JVMs of this one.
 */
final class LocalWorkers implements WorkerLauncher
{
    @Override
    public WorkerProcess start(final WorkerRequest request)
    {
        final JvmProcess process = JvmProcess.of(request.task(request.pipe().end2(), true))
            .name(request.name())
            .daemon(true)
            .jvmOptions(request.jvmOptions().toArray(String[]::new));
        process.start();
        return new Local(process);
    }

    private record Local(JvmProcess process) implements WorkerProcess
    {
        @Override
        public String name()
        {
            return process.name();
        }

        @Override
        public long pid()
        {
            return process.pid();
        }

        @Override
        public boolean isAlive()
        {
            return process.isAlive();
        }

        @Override
        public void kill()
        {
            process.kill();
        }

        @Override
        public boolean join(final Duration timeout) throws InterruptedException
        {
            return process.join(timeout);
        }

        @Override
        public OptionalInt exitCode()
        {
            return process.exitCode();
        }
    }
}
