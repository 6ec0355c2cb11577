using Azure.Storage.Blobs.Models;
using Voice.Media.Contracts;
using Voice.Media.Recording;

namespace Voice.MediaNode.Calls;

/// <summary>
/// A recording in progress on this node, of a call or of a conference's mix: the WAV goes to a temporary file while
/// it runs, and <see cref="SaveAsync"/> uploads it to the <c>recordings</c> container (<c>{recording_id}.wav</c>, or
/// <c>.mp3</c> encoded by ffmpeg when the command asked for mp3) and reports a recording_saved event (or a
/// recording_failed error) for <c>call_id</c>. If the MP3 cannot be made the WAV is saved and the event says why:
/// a recording is never lost to its encoding.
/// </summary>
public sealed class NodeRecording
{
    private readonly FileStream file;
    private readonly string format;

    private NodeRecording(RecordCommand record, FileStream file)
    {
        RecordingId = record.RecordingId;
        CommandId = record.Id;
        format = record.Format;
        this.file = file;
        Recorder = new WavRecorder(file, record.Channels == 2 ? RecordingChannels.Dual : RecordingChannels.Mono);
    }

    public string RecordingId { get; }

    public string CommandId { get; }

    public WavRecorder Recorder { get; }

    /// <summary>Starts the recording <paramref name="record"/> asks for into a new temporary file.</summary>
    public static NodeRecording Start(RecordCommand record)
    {
        var file = TemporaryFile("wav");
        return new NodeRecording(record, file);
    }

    /// <summary>Completes the WAV, uploads it (or its MP3) and reports it as <paramref name="callId"/>'s; the temporary files are gone after.</summary>
    public async Task SaveAsync(CallLegServices services, string callId)
    {
        FileStream? mp3 = null;
        try
        {
            var summary = await Recorder.CompleteAsync();
            string? formatError = null;
            if (format == RecordingFormats.Mp3)
            {
                (mp3, formatError) = await EncodeMp3Async(services, summary);
                if (formatError is not null)
                {
                    services.Logger.LogWarning("Recording {RecordingId} of {CallId} is saved as WAV: {Reason}", RecordingId, callId, formatError);
                }
            }

            var upload = mp3 ?? file;
            var saved = mp3 is null ? RecordingFormats.Wav : RecordingFormats.Mp3;
            upload.Position = 0;
            var blob = services.Recordings.GetBlobClient($"{RecordingId}.{saved}");
            await blob.UploadAsync(upload, new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = mp3 is null ? "audio/wav" : "audio/mpeg" } });
            await services.Events.PublishAsync(new RecordingSavedEvent
            {
                Id = "",
                CallId = callId,
                CommandId = CommandId,
                RecordingId = RecordingId,
                BlobUrl = blob.Uri.ToString(),
                DurationMs = (long)summary.Duration.TotalMilliseconds,
                Channels = summary.Channels,
                SizeBytes = upload.Length,
                Format = saved,
                FormatError = formatError,
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
            if (mp3 is not null)
            {
                await mp3.DisposeAsync();
            }
        }
    }

    /// <summary>The MP3 of the finished WAV in a temporary file, or null and why not.</summary>
    private async Task<(FileStream? Mp3, string? Error)> EncodeMp3Async(CallLegServices services, RecordingSummary summary)
    {
        // ffmpeg encodes hours of 8 kHz audio in seconds; the limit only stops a hung process.
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60) + (summary.Duration / 10));
        var mp3 = TemporaryFile("mp3");
        try
        {
            file.Position = 0;
            var error = await new FfmpegMp3Encoder(services.Options.Recording.FfmpegPath).EncodeAsync(file, mp3, summary.Channels, limit.Token);
            if (error is null)
            {
                return (mp3, null);
            }

            await mp3.DisposeAsync();
            return (null, error);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException)
        {
            await mp3.DisposeAsync();
            return (null, e is OperationCanceledException ? "ffmpeg took too long" : $"ffmpeg failed: {e.Message}");
        }
    }

    private static FileStream TemporaryFile(string extension)
    {
        var path = Path.Combine(Path.GetTempPath(), $"recording-{Guid.NewGuid():N}.{extension}");
        return new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.Asynchronous | FileOptions.DeleteOnClose);
    }
}
