package io.mmipc.agrona.sync;

import io.mmipc.SharedResource;
import io.mmipc.internal.file.ObjectKind;
import io.mmipc.internal.file.SharedFile;
import io.mmipc.internal.file.SharedFileSpec;
import io.mmipc.internal.spi.Handle;
import io.mmipc.internal.spi.TransportContext;

import java.util.function.Function;

/**
 * How every object of this package comes to be: its file is created or opened by spec, then
 * wrapped, and tracked by its context; plus the specs of values and arrays and the checked
 * parameters of handles. Shared by {@link AgronaSyncProvider} and the generated
 * {@link AgronaValueProvider}.
 */
final class SyncFiles
{
    private SyncFiles()
    {
    }

    /**
     * @param create false to only open: the file must exist, as when a handle is re-opened.
     */
    static <T extends SharedResource> T make(final TransportContext ctx, final String name,
        final SharedFileSpec spec, final boolean create, final Function<SharedFile, T> factory)
    {
        final SharedFile file = create ? ctx.createOrOpenFile(name, spec) : ctx.openFile(name, spec);
        final T object;
        try
        {
            object = factory.apply(file);
        }
        catch (final RuntimeException ex)
        {
            file.close();
            throw ex;
        }
        return ctx.track(object);
    }

    static SharedFileSpec valueSpec(final String type, final SharedFileSpec.BodyInitializer initializer)
    {
        final SharedFileSpec.Builder builder = SharedFileSpec.builder(ObjectKind.VALUE, ValueDescriptor.BODY_LENGTH)
            .typeTag(type);
        return (initializer != null ? builder.initializer(initializer) : builder).build();
    }

    static SharedFileSpec arraySpec(final String name, final String type, final int elementSize,
        final int length, final SharedFileSpec.BodyInitializer initializer)
    {
        ArrayDescriptor.checkLength(name, length, elementSize);
        final SharedFileSpec.Builder builder = SharedFileSpec.builder(ObjectKind.ARRAY,
            ArrayDescriptor.bodyLength(length, elementSize))
            .param(ArrayDescriptor.PARAM_LENGTH, "length", length)
            .param(ArrayDescriptor.PARAM_ELEMENT_SIZE, "element size", elementSize)
            .typeTag(type);
        return (initializer != null ? builder.initializer(initializer) : builder).build();
    }

    /**
     * @return an array handle's length.
     */
    static int length(final Handle handle)
    {
        return intParam(handle, "length", 0, Integer.MAX_VALUE);
    }

    /**
     * @return the handle's parameter, checked to be in [min, max]: crafted bytes can carry any long.
     */
    static int intParam(final Handle handle, final String what, final int min, final int max)
    {
        final long value = handle.param();
        if (value < min || value > max)
        {
            throw new IllegalArgumentException(handle + ": " + what + " must be in [" + min + ", " + max + "], got " +
                value);
        }
        return (int)value;
    }
}
