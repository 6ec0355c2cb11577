namespace Voice.Core.CallFlow;

/// <summary>
/// What is wrong with a call-flow document and where: <see cref="Path"/> is a JSON pointer into the
/// document (<c>/2/dtmf/maxDigits</c>; <c>/</c> for the document as a whole).
/// </summary>
public sealed record CallFlowError(string Path, string Message)
{
    /// <summary><c>/2/dtmf/maxDigits: must be 1..20</c>.</summary>
    public override string ToString() => $"{Path}: {Message}";
}
