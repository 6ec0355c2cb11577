namespace Voice.Engine.Conferences;

/// <summary>Why a conference operation is refused; each dialect maps these onto its own error codes.</summary>
public enum ConferenceRefusal
{
    /// <summary>The account has no such call (the one to create the conference with, or to join).</summary>
    CallNotFound,

    /// <summary>The call has ended.</summary>
    CallEnded,

    /// <summary>The call is not answered yet.</summary>
    CallNotAnswered,

    /// <summary>The conference has ended.</summary>
    ConferenceEnded,

    /// <summary>A live conference of the account already has this name (calls join conferences by name).</summary>
    NameInUse,

    /// <summary>The conference has its maximum number of participants.</summary>
    Full,

    /// <summary>The call is not (or no longer) a participant of the conference.</summary>
    NotAParticipant,
}
