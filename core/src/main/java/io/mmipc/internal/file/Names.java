package io.mmipc.internal.file;

/**
 * Names of shared objects and context directories: {@code [A-Za-z0-9._-]}, 1 to {@value #MAX_LENGTH}
 * characters, never {@code "."} or {@code ".."}. A name is a single path element, so no name can
 * reach outside its directory.
 */
public final class Names
{
    public static final int MAX_LENGTH = 200;

    private Names()
    {
    }

    /**
     * @param what  what the name is for, used in the message ("queue name", "context name").
     * @param name  the name to check.
     * @return the name, when valid.
     * @throws IllegalArgumentException naming the bad name and the rule it breaks.
     */
    public static String validate(final String what, final String name)
    {
        if (name == null)
        {
            throw new IllegalArgumentException(what + " must not be null");
        }
        if (name.isEmpty())
        {
            throw new IllegalArgumentException(what + " must not be empty");
        }
        if (name.length() > MAX_LENGTH)
        {
            throw new IllegalArgumentException(
                what + " is " + name.length() + " characters, the limit is " + MAX_LENGTH + ": \"" +
                name.substring(0, 40) + "...\"");
        }
        if (name.equals(".") || name.equals(".."))
        {
            throw new IllegalArgumentException(what + " must not be \"" + name + "\"");
        }
        for (int i = 0; i < name.length(); i++)
        {
            final char c = name.charAt(i);
            if (!isAllowed(c))
            {
                throw new IllegalArgumentException(
                    what + " \"" + printable(name) + "\" has the character '" + printable(String.valueOf(c)) +
                    "' at index " + i + "; allowed are A-Z a-z 0-9 . _ -");
            }
        }
        return name;
    }

    public static boolean isValid(final String name)
    {
        if (name == null || name.isEmpty() || name.length() > MAX_LENGTH || name.equals(".") || name.equals(".."))
        {
            return false;
        }
        for (int i = 0; i < name.length(); i++)
        {
            if (!isAllowed(name.charAt(i)))
            {
                return false;
            }
        }
        return true;
    }

    private static boolean isAllowed(final char c)
    {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
            c == '.' || c == '_' || c == '-';
    }

    private static String printable(final String s)
    {
        final StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++)
        {
            final char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f)
            {
                sb.append(String.format("\\u%04x", (int)c));
            }
            else
            {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
