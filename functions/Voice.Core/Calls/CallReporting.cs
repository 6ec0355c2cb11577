namespace Voice.Core.Calls;

/// <summary>Which of a call's events go to its webhook URL (<see cref="CallRecord.StatusCallback"/>).</summary>
public enum CallReporting
{
    /// <summary>Status changes only, as status callbacks (Telefon, Vonage).</summary>
    StatusChanges,

    /// <summary>Every event the call publishes (Telnyx Call Control: call.initiated, call.speak.ended, …).</summary>
    EveryEvent,
}
