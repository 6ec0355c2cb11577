using Voice.Media.Vad;
using Voice.MediaNode.Configuration;

namespace Voice.MediaNode.Speech;

/// <summary>
/// The node's one Silero VAD model, loaded on first use and shared by every call (an ONNX Runtime session runs
/// concurrently). A missing or bad model is reported to the caller each time, not cached, so installing it
/// later needs no restart.
/// </summary>
public sealed class VadModelSource : IDisposable
{
    /// <summary>The model's path inside <c>node_modules</c>.</summary>
    public static readonly string PackagePath = System.IO.Path.Combine("node_modules", "@jjhbw", "silero-vad", "weights", "silero_vad.onnx");

    private readonly string _path;
    private readonly Lock _gate = new();
    private SileroVadModel? _model;

    /// <summary>Uses <see cref="SpeechOptions.VadModelPath"/>, or the repository's node_modules when it is empty.</summary>
    public VadModelSource(SpeechOptions options)
    {
        _path = string.IsNullOrWhiteSpace(options.VadModelPath) ? FindInRepository() : options.VadModelPath;
    }

    /// <summary>Where the model is read from.</summary>
    public string Path => _path;

    /// <summary>The loaded model, or the reason it cannot be loaded.</summary>
    public (SileroVadModel? Model, string? Error) TryGet()
    {
        lock (_gate)
        {
            if (_model is not null)
            {
                return (_model, null);
            }

            try
            {
                _model = SileroVadModel.Load(_path);
                return (_model, null);
            }
            catch (VadModelUnavailableException e)
            {
                return (null, e.Message);
            }
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_gate)
        {
            _model?.Dispose();
            _model = null;
        }
    }

    private static string FindInRepository()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, PackagePath);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return System.IO.Path.Combine(AppContext.BaseDirectory, PackagePath);
    }
}
