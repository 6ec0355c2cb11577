namespace Voice.Core.Queues;

/// <summary>Why a call left its queue (Telnyx's call.dequeued reasons).</summary>
public static class QueueDepartureReasons
{
    /// <summary>A bridge with the queue took it.</summary>
    public const string Bridged = "bridged";

    public const string Hangup = "hangup";

    /// <summary>A leave-queue command (or the API removed it).</summary>
    public const string Leave = "leave";

    /// <summary>Its maximum wait ran out.</summary>
    public const string Timeout = "timeout";
}
