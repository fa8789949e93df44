package io.mmipc.codec;

/**
 * Bytes that do not decode: a wrong length, a class outside the allow-list, a corrupt stream.
 */
public class CodecException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    public CodecException(final String message)
    {
        super(message);
    }

    public CodecException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}
