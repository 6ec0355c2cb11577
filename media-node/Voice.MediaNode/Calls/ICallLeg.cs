using Voice.Media.Contracts;

namespace Voice.MediaNode.Calls;

/// <summary>One live call on this node, addressed by its call id.</summary>
public interface ICallLeg
{
    string CallId { get; }

    /// <summary>Executes a command addressed to this call; reports results and failures as events.</summary>
    Task HandleAsync(MediaCommand command, CancellationToken cancellationToken);

    /// <summary>Ends the call now (CANCEL before answer, BYE after) and emits its hangup event with <paramref name="cause"/>.</summary>
    Task EndAsync(string cause, CancellationToken cancellationToken);
}
