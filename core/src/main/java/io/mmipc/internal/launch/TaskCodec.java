package io.mmipc.internal.launch;

import io.mmipc.codec.SerialFilter;
import io.mmipc.internal.FilteredSerialization;

import java.io.IOException;
import java.io.NotSerializableException;
import java.io.Serializable;
import java.lang.invoke.MethodHandleInfo;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns a task into bytes for a child JVM, and says in plain words what went wrong when it cannot:
 * which lambda, which captured value, of what type.
 */
public final class TaskCodec
{
    private TaskCodec()
    {
    }

    /**
     * Serializes a process's task, checking every class it writes against the child's allow-list.
     *
     * @throws IllegalArgumentException naming what the task captured that cannot be serialized, or
     *         the class the child's allow-list would refuse and how to admit it.
     */
    public static byte[] serialize(final Object task, final String what, final SerialFilter childFilter)
    {
        try
        {
            return FilteredSerialization.write(task, childFilter);
        }
        catch (final FilteredSerialization.RefusedException ex)
        {
            throw new IllegalArgumentException(what + " cannot be sent to a child JVM: it holds " +
                ex.refusedClass() + ", which the child's allow-list does not admit; admit it with " +
                admitHint("JvmProcess", ex), ex);
        }
        catch (final NotSerializableException ex)
        {
            throw new IllegalArgumentException(what + " cannot be sent to a child JVM: " + describe(task, ex.getMessage()),
                ex);
        }
        catch (final IOException ex)
        {
            throw new IllegalArgumentException(what + " cannot be sent to a child JVM: " + ex, ex);
        }
    }

    /**
     * @param owner the class whose {@code allowClass}/{@code allowPackage} admit more ("JvmProcess", "PoolOptions").
     * @return {@code owner.allowClass(X.class)}, and {@code owner.allowPackage("p")} for a class in a package.
     */
    public static String admitHint(final String owner, final FilteredSerialization.RefusedException refused)
    {
        return admitHint(owner, refused.refusedClass(), refused.refusedPackage());
    }

    /**
     * A lambda's class is hidden ({@code Outer$$Lambda$12/0x...}): no {@code allowClass} can name
     * it, so the hint names its package, or, in the unnamed package, says to leave it.
     */
    static String admitHint(final String owner, final String refusedClass, final String pkg)
    {
        final int lambda = refusedClass.indexOf("$$Lambda");
        if (lambda > 0)
        {
            final String capturing = refusedClass.substring(0, lambda);
            return pkg.isEmpty() ? "nothing: " + capturing + " is in the unnamed package, whose lambdas cannot " +
                "be admitted; move " + capturing + " into a named package" :
                owner + ".allowPackage(\"" + pkg + "\") (a lambda of " + capturing + ")";
        }
        return owner + ".allowClass(" + refusedClass.replace('$', '.') + ".class)" +
            (pkg.isEmpty() ? "" : " or " + owner + ".allowPackage(\"" + pkg + "\")");
    }

    /**
     * The allow-list a child uses to read the task: the defaults, the packages of the task's class
     * and of the class that wrote the lambda, and what the user added.
     */
    public static SerialFilter filterFor(final Object task, final List<String> userPatterns)
    {
        final Set<String> patterns = new LinkedHashSet<>();
        for (final String className : writerClasses(task))
        {
            final String pkg = packageOf(className);
            // A class of the default package is admitted by name; any other by its package.
            patterns.add(pkg.isEmpty() ? className : pkg + ".*");
        }
        SerialFilter filter = SerialFilter.defaults();
        for (final String pattern : patterns)
        {
            if (!pattern.startsWith("java."))
            {
                filter = filter.allowPattern(pattern);
            }
        }
        for (final String pattern : userPatterns)
        {
            filter = filter.allowPattern(pattern);
        }
        return filter;
    }

    /**
     * @return the serialized form of a serializable lambda, or null for anything else.
     */
    public static SerializedLambda serializedLambda(final Object task)
    {
        final Class<?> type = task.getClass();
        if (!type.isSynthetic() || !(task instanceof Serializable))
        {
            return null;
        }
        try
        {
            final Method writeReplace = type.getDeclaredMethod("writeReplace");
            writeReplace.setAccessible(true);
            final Object replaced = writeReplace.invoke(task);
            return replaced instanceof SerializedLambda ? (SerializedLambda)replaced : null;
        }
        catch (final ReflectiveOperationException | RuntimeException ex)
        {
            return null;
        }
    }

    /**
     * @param culprit the class {@link NotSerializableException} named.
     * @return which lambda captured what that is not serializable, in plain words.
     */
    public static String describe(final Object task, final String culprit)
    {
        for (final Object root : roots(task))
        {
            final String found = describeLambda(root, 0);
            if (found != null)
            {
                return found;
            }
            final SerializedLambda lambda = serializedLambda(root);
            if (lambda != null)
            {
                return where(lambda) + " captures something that holds a " + culprit + ", which is not Serializable";
            }
        }
        return "it holds a " + culprit + ", which is not Serializable";
    }

    /**
     * Looks through a lambda's captured values, and through the lambdas it captured (a pool wraps
     * the user's lambda in one of its own), for one that is not serializable.
     */
    private static String describeLambda(final Object candidate, final int depth)
    {
        final SerializedLambda lambda = serializedLambda(candidate);
        if (lambda == null || depth > 8)
        {
            return null;
        }
        final boolean capturesThis = lambda.getImplMethodKind() == MethodHandleInfo.REF_invokeVirtual ||
            lambda.getImplMethodKind() == MethodHandleInfo.REF_invokeSpecial ||
            lambda.getImplMethodKind() == MethodHandleInfo.REF_invokeInterface;
        for (int i = 0; i < lambda.getCapturedArgCount(); i++)
        {
            final Object arg = lambda.getCapturedArg(i);
            if (arg != null && !(arg instanceof Serializable))
            {
                final String name = i == 0 && capturesThis ? "'this'" : "captured value #" + i;
                return where(lambda) + " captures " + name + ", a " + arg.getClass().getName() +
                    ", which is not Serializable (capture only serializable values, or call a static method)";
            }
            final String inner = describeLambda(arg, depth + 1);
            if (inner != null)
            {
                return inner;
            }
        }
        return null;
    }

    private static String where(final SerializedLambda lambda)
    {
        return "the lambda in " + lambda.getCapturingClass().replace('/', '.') + " (" + lambda.getImplMethodName() + ")";
    }

    /**
     * @return the task's class (unless it is a lambda's hidden class) and the classes that wrote its lambdas.
     */
    public static List<String> writerClasses(final Object task)
    {
        final List<String> classes = new ArrayList<>();
        for (final Object root : roots(task))
        {
            final SerializedLambda lambda = serializedLambda(root);
            if (lambda != null)
            {
                classes.add(lambda.getCapturingClass().replace('/', '.'));
            }
            else
            {
                classes.add(root.getClass().getName());
            }
        }
        return classes;
    }

    /**
     * @return the task, and a process's target when it has one: the objects whose lambdas matter.
     */
    private static List<Object> roots(final Object task)
    {
        final List<Object> roots = new ArrayList<>();
        roots.add(task);
        if (task instanceof io.mmipc.JvmProcess process && process.target() != null)
        {
            roots.add(process.target());
        }
        return roots;
    }

    private static String packageOf(final String className)
    {
        final int dot = className.lastIndexOf('.');
        return dot < 0 ? "" : className.substring(0, dot);
    }
}
