using Voice.Media.Contracts;
using Voice.Media.Playback;
using Voice.Media.Sessions;
using Voice.MediaNode.Gather;

namespace Voice.MediaNode.Calls;

/// <summary>
/// The gather command: its prompts, its <see cref="GatherSession"/> rules checked every 50 ms, and gather_ended. Digits
/// reach it from CallLeg.Media, speech from CallLeg.SpeechInput.
/// </summary>
public sealed partial class CallLeg
{
    private async Task StartGatherAsync(MediaSession session, GatherCommand command, CancellationToken cancellationToken)
    {
        StopGather(GatherOutcome.Stopped);
        var prompts = new List<short>();
        foreach (var prompt in command.Prompts)
        {
            var loaded = prompt.Url is { } url ? await LoadAsync(url, cancellationToken) : await SpeakAsync(prompt.Text ?? "", prompt.Voice, 160, cancellationToken);
            prompts.AddRange(loaded.Audio?.Samples ?? []);
        }

        var gather = new GatherSession(command with { Prompts = prompts.Count > 0 ? command.Prompts : [] });
        var promptPlayer = prompts.Count > 0 ? new AudioPlayer(new PcmAudio([.. prompts], 8000)) : null;
        lock (mediaGate)
        {
            gathering = (gather, command.Id, promptPlayer);
            gather.Start(services.Time.GetUtcNow());
        }

        services.Logger.LogInformation("Call {CallId}: gather {CommandId} armed, prompt {PromptMs} ms", CallId, command.Id, prompts.Count / 8);
        if (promptPlayer is not null)
        {
            session.Play(promptPlayer);
        }

        if (command.Speech is { } speech)
        {
            StartSpeechInput(session, gather, speech);
        }

        _ = WatchGatherAsync(gather);
    }

    /// <summary>Checks the gather's timeouts every 50 ms until it ends.</summary>
    private async Task WatchGatherAsync(GatherSession gather)
    {
        while (true)
        {
            await Task.Delay(50);
            lock (mediaGate)
            {
                if (gathering?.Session != gather)
                {
                    return;
                }

                gather.Tick(services.Time.GetUtcNow());
            }

            await ReportGatherIfEndedAsync();
        }
    }

    private void StopGather(string reason)
    {
        lock (mediaGate)
        {
            gathering?.Session.Stop(reason);
        }

        _ = ReportGatherIfEndedAsync();
    }

    private async Task ReportGatherIfEndedAsync()
    {
        (GatherOutcome Outcome, string CommandId, IAudioSource? Prompt)? ended = null;
        lock (mediaGate)
        {
            if (gathering is { Session.Outcome: { } outcome } current)
            {
                ended = (outcome, current.CommandId, current.Prompt);
                gathering = null;
            }
        }

        if (ended is { } done)
        {
            StopSpeechInput();
            if (done.Prompt is not null)
            {
                media?.StopPlayback();
            }

            await services.Events.PublishAsync(new GatherEndedEvent
            {
                Id = "",
                CallId = CallId,
                CommandId = done.CommandId,
                Digits = done.Outcome.Digits,
                Reason = done.Outcome.Reason,
                Speech = done.Outcome.Speech,
            });
        }
    }
}
