using Voice.Core.Calls;
using Voice.Core.Commands;
using Voice.Core.Events;
using Voice.Media.Contracts;

namespace Voice.Core.Lifecycles;

/// <summary>
/// A call's WebSocket media streams. The node does the real-time work (principle 4); the lifecycle only asks for a
/// stream and reports what the node says of it: streaming started once connected, stopped at its end (stop, hangup,
/// the peer's close), failed when it could not connect or lost its connection for good.
/// </summary>
internal static class CallStreaming
{
    public static string Start(CallStep step, StartStreaming stream) => step.Send(id => new StartStreamCommand
    {
        Id = id,
        CallId = step.Call.Id,
        IssuedAt = step.Now,
        StreamId = stream.StreamId,
        Url = stream.Url,
        Framing = stream.Framing,
        Track = stream.Track,
        Codec = stream.Codec,
        SampleRate = stream.SampleRate,
        Bidirectional = stream.Bidirectional,
        ReturnCodec = stream.ReturnCodec,
        ReturnSampleRate = stream.ReturnSampleRate,
        AuthToken = stream.AuthToken,
        Fields = stream.Fields,
        CustomParameters = stream.CustomParameters,
    });

    public static void OnMediaEvent(CallStep step, MediaEvent mediaEvent)
    {
        switch (mediaEvent)
        {
            case StreamStartedEvent started:
                step.Publish(VoiceEventTypes.CallStreamingStarted, new() { ["stream_id"] = started.StreamId, ["stream_url"] = started.Url });
                break;
            case StreamStoppedEvent stopped:
                step.Publish(VoiceEventTypes.CallStreamingStopped, new()
                {
                    ["stream_id"] = stopped.StreamId,
                    ["stream_url"] = stopped.Url,
                    ["reason"] = stopped.Reason,
                    ["dropped_frames"] = stopped.DroppedFrames,
                });
                break;
            case StreamFailedEvent failed:
                step.Publish(VoiceEventTypes.CallStreamingFailed, new()
                {
                    ["stream_id"] = failed.StreamId,
                    ["stream_url"] = failed.Url,
                    ["track"] = failed.Track,
                    ["failure_reason"] = failed.Reason,
                });
                break;
            default:
                return;
        }

        // A call flow's stream action waits for its stream's end.
        var ended = mediaEvent switch
        {
            StreamStoppedEvent stopped => stopped.StreamId,
            StreamFailedEvent failed => failed.StreamId,
            _ => null,
        };
        if (ended is not null && step.State.Waiting is { Kind: WaitKind.Stream } wait && wait.Ref == ended && !step.Status.IsTerminal())
        {
            CallFlowExecution.Continue(step);
        }
    }
}
