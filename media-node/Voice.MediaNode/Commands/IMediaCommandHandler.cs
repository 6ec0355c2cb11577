using Voice.Media.Contracts;

namespace Voice.MediaNode.Commands;

/// <summary>
/// Executes one parsed media command. Must return promptly (long operations such as ringing or playback run on
/// after it returns and report through events) and report expected failures as <c>error</c> events; an
/// exception means "try again later": the queue message is left to be redelivered.
/// </summary>
public interface IMediaCommandHandler
{
    Task HandleAsync(MediaCommand command, CancellationToken cancellationToken);
}
