namespace Voice.Core.Calls;

/// <summary>Wire names of <see cref="CallStatus"/> ("in-progress", "no-answer", …) and terminal-state rules.</summary>
public static class CallStatusNames
{
    private static readonly string[] Names = ["queued", "ringing", "in-progress", "completed", "failed", "busy", "no-answer", "canceled"];

    public static IReadOnlyList<string> All => Names;

    public static string ToWire(this CallStatus status) => Names[(int)status];

    public static bool TryParse(string? value, out CallStatus status)
    {
        var index = Array.IndexOf(Names, value);
        status = index < 0 ? default : (CallStatus)index;
        return index >= 0;
    }

    /// <summary>Completed, failed, busy, no-answer and canceled never change again.</summary>
    public static bool IsTerminal(this CallStatus status) => status >= CallStatus.Completed;
}
