namespace Voice.Core.Lifecycles;

/// <summary>Why a call flow is fetched: what the answering document means for the call.</summary>
public enum WebhookPurpose
{
    /// <summary>The call's answer URL; the answer is the call flow to run.</summary>
    Answer,

    /// <summary>An input action's result; a non-empty answer replaces the rest of the flow.</summary>
    InputResult,

    /// <summary>A notify action; a non-empty answer replaces the rest of the flow, a failure is ignored.</summary>
    Notify,
}
