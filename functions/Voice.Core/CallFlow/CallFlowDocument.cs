namespace Voice.Core.CallFlow;

/// <summary>
/// A validated call-flow document: the NCCO-style list of actions a call runs in order. Built only by
/// <see cref="CallFlowParser"/>, so every action in it is known to be executable.
/// </summary>
public sealed record CallFlowDocument(IReadOnlyList<CallFlowAction> Actions);
