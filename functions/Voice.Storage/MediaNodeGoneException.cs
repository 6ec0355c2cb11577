namespace Voice.Storage;

/// <summary>A command for a call whose media node run has ended (or that has none): nobody would execute it.</summary>
public sealed class MediaNodeGoneException : Exception
{
    public MediaNodeGoneException(string message)
        : base(message)
    {
    }

    public MediaNodeGoneException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public MediaNodeGoneException()
    {
    }
}
