namespace Voice.Media.Vad;

/// <summary>The VAD model file is missing or is not a model the runtime can load; the message says which and where.</summary>
public sealed class VadModelUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public VadModelUnavailableException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    public VadModelUnavailableException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public VadModelUnavailableException(string message)
        : base(message)
    {
    }
}
