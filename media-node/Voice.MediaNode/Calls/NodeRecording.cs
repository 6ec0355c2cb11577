using Azure.Storage.Blobs.Models;
using Voice.Media.Contracts;
using Voice.Media.Recording;

namespace Voice.MediaNode.Calls;

/// <summary>
/// A recording in progress on this node, of a call or of a conference's mix: the WAV goes to a temporary file while
/// it runs, and <see cref="SaveAsync"/> uploads it to the <c>recordings</c> container (<c>{recording_id}.wav</c>) and
/// reports a recording_saved event (or a recording_failed error) for <c>call_id</c>.
/// </summary>
public sealed class NodeRecording
{
    private readonly FileStream file;

    private NodeRecording(RecordCommand record, FileStream file)
    {
        RecordingId = record.RecordingId;
        CommandId = record.Id;
        this.file = file;
        Recorder = new WavRecorder(file, record.Channels == 2 ? RecordingChannels.Dual : RecordingChannels.Mono);
    }

    public string RecordingId { get; }

    public string CommandId { get; }

    public WavRecorder Recorder { get; }

    /// <summary>Starts the recording <paramref name="record"/> asks for into a new temporary file.</summary>
    public static NodeRecording Start(RecordCommand record)
    {
        var path = Path.Combine(Path.GetTempPath(), $"recording-{Guid.NewGuid():N}.wav");
        var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.Asynchronous | FileOptions.DeleteOnClose);
        return new NodeRecording(record, file);
    }

    /// <summary>Completes the WAV, uploads it and reports it as <paramref name="callId"/>'s; the temporary file is gone after.</summary>
    public async Task SaveAsync(CallLegServices services, string callId)
    {
        try
        {
            var summary = await Recorder.CompleteAsync();
            file.Position = 0;
            var blob = services.Recordings.GetBlobClient(RecordingId + ".wav");
            await blob.UploadAsync(file, new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "audio/wav" } });
            await services.Events.PublishAsync(new RecordingSavedEvent
            {
                Id = "",
                CallId = callId,
                CommandId = CommandId,
                RecordingId = RecordingId,
                BlobUrl = blob.Uri.ToString(),
                DurationMs = (long)summary.Duration.TotalMilliseconds,
                Channels = summary.Channels,
                SizeBytes = summary.Bytes,
            });
        }
        catch (Exception e)
        {
            services.Logger.LogError(e, "Recording {RecordingId} of {CallId} could not be saved", RecordingId, callId);
            await services.Events.PublishErrorAsync(callId, CommandId, "recording_failed", $"recording {RecordingId} could not be saved: {e.Message}");
        }
        finally
        {
            await file.DisposeAsync();
        }
    }
}
