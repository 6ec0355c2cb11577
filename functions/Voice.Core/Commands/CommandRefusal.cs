namespace Voice.Core.Commands;

/// <summary>Why a call refuses a command; each dialect maps these onto its own error codes.</summary>
public enum CommandRefusal
{
    /// <summary>The account has no such call.</summary>
    CallNotFound,

    /// <summary>The call has ended (Telnyx 90018).</summary>
    CallEnded,

    /// <summary>Answer/reject on a call that is not an inbound call still ringing.</summary>
    NotRinging,

    /// <summary>A media command on a call that is not answered yet.</summary>
    NotAnswered,

    /// <summary>Bridge with a call that is not a live answered call of the same account (or is this call).</summary>
    OtherCallNotActive,

    /// <summary>Bridge with a call that lives on another media node (media is not relayed between nodes).</summary>
    OtherCallOnAnotherNode,

    /// <summary>A bridge with a queue that has no call waiting.</summary>
    QueueEmpty,

    /// <summary>An enqueue into a queue that holds its maximum.</summary>
    QueueFull,

    /// <summary>A leave-queue on a call that is not in a queue.</summary>
    NotInQueue,
}
