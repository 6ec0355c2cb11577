using Microsoft.ML.OnnxRuntime;

namespace Voice.Media.Vad;

/// <summary>
/// Silero VAD v5 over one 8 kHz stream: each 256-sample (32 ms) window is scored together with the last 32 samples
/// of the window before it (the model's context) and the recurrent state [2,1,128] the previous run returned.
/// Tensors are bound once over this instance's arrays, so a window costs one model run and no allocation.
/// </summary>
public sealed class SileroVoiceActivityDetector : IVoiceActivityDetector
{
    /// <summary>Samples per window at 8 kHz.</summary>
    public const int Window = 256;

    /// <summary>Samples of the previous window prepended as context at 8 kHz.</summary>
    public const int Context = 32;

    private const int StateLength = 2 * 1 * 128;
    private static readonly string[] InputNames = ["input", "state", "sr"];
    private static readonly string[] OutputNames = ["output", "stateN"];

    private readonly InferenceSession _session;
    private readonly float[] _input = new float[Context + Window];
    private readonly float[] _state = new float[StateLength];
    private readonly float[] _stateOut = new float[StateLength];
    private readonly float[] _probability = new float[1];
    private readonly OrtValue[] _inputs;
    private readonly OrtValue[] _outputs;
    private readonly RunOptions _runOptions = new();
    private bool _disposed;

    internal SileroVoiceActivityDetector(SileroVadModel model)
    {
        _session = model.Session;
        _inputs =
        [
            OrtValue.CreateTensorValueFromMemory(_input, [1, Context + Window]),
            OrtValue.CreateTensorValueFromMemory(_state, [2, 1, 128]),
            OrtValue.CreateTensorValueFromMemory(new long[] { 8000 }, [1]),
        ];
        _outputs =
        [
            OrtValue.CreateTensorValueFromMemory(_probability, [1, 1]),
            OrtValue.CreateTensorValueFromMemory(_stateOut, [2, 1, 128]),
        ];
    }

    /// <inheritdoc />
    public int WindowSamples => Window;

    /// <inheritdoc />
    public float Score(ReadOnlySpan<short> window)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (window.Length != Window)
        {
            throw new ArgumentException($"A Silero window at 8 kHz is {Window} samples, not {window.Length}.", nameof(window));
        }

        // The last Context samples of the previous window become this run's context.
        Array.Copy(_input, Window, _input, 0, Context);
        for (var i = 0; i < Window; i++)
        {
            _input[Context + i] = window[i] / 32768f;
        }

        _session.Run(_runOptions, InputNames, _inputs, OutputNames, _outputs);
        Array.Copy(_stateOut, _state, StateLength);
        return _probability[0];
    }

    /// <inheritdoc />
    public void Reset()
    {
        Array.Clear(_input);
        Array.Clear(_state);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        foreach (var value in _inputs)
        {
            value.Dispose();
        }

        foreach (var value in _outputs)
        {
            value.Dispose();
        }

        _runOptions.Dispose();
    }
}
