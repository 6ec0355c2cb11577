namespace Voice.Core.Calls;

/// <summary>Status of a call leg, as the Telefon Call schema names them (wire names in <see cref="CallStatusNames"/>).</summary>
public enum CallStatus
{
    Queued,
    Ringing,
    InProgress,
    Completed,
    Failed,
    Busy,
    NoAnswer,
    Canceled,
}
