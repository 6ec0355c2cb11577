using System.Buffers;
using System.Buffers.Binary;
using System.Threading.Channels;
using Voice.Media.Playback;

namespace Voice.Media.Recording;

/// <summary>Channel layout of a recording.</summary>
public enum RecordingChannels
{
    /// <summary>One channel: caller and callee mixed.</summary>
    Mono,

    /// <summary>Two channels: caller on the left, callee on the right.</summary>
    Dual,
}

/// <summary>What a finished recording contains.</summary>
/// <param name="Duration">Recorded audio duration (paused time excluded).</param>
/// <param name="Bytes">Total bytes written including the 44-byte header.</param>
/// <param name="Channels">Channel count (1 or 2).</param>
/// <param name="DroppedFrames">Frames dropped because the destination could not keep up.</param>
public sealed record RecordingSummary(TimeSpan Duration, long Bytes, int Channels, long DroppedFrames);

/// <summary>
/// Records a call leg as a 16-bit PCM WAV into a <see cref="Stream"/> (a file or a blob upload stream from the
/// host). <see cref="WriteFrame"/> runs on the media clock thread and only copies into pooled buffers; a background
/// task writes them to the stream, so slow storage never stalls the clock (past about a minute of backlog frames
/// are dropped and counted). While paused, frames are skipped, not written as silence (as Twilio does), so the
/// file holds only recorded audio. On <see cref="CompleteAsync"/> the RIFF and data sizes are patched when the
/// stream can seek; on a non-seekable stream the header keeps the streaming placeholder size 0xFFFFFFFF (most
/// readers, including sox and <see cref="WavFile"/>, then read to the end).
/// </summary>
public sealed class WavRecorder : IAsyncDisposable
{
    private const int ChunkBytes = 16000;
    private const int MaximumBacklogChunks = 120;
    private readonly object _gate = new();
    private readonly Stream _destination;
    private readonly int _sampleRate;
    private readonly int _channels;
    private readonly long _startPosition;
    private readonly Channel<(byte[] Buffer, int Length)> _chunks = Channel.CreateUnbounded<(byte[], int)>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private readonly Task _writer;
    private byte[] _current;
    private int _currentLength;
    private long _dataBytes;
    private long _dropped;
    private int _backlog;
    private volatile bool _paused;
    private RecordingSummary? _summary;

    /// <summary>Starts a recording; the header is written first.</summary>
    public WavRecorder(Stream destination, RecordingChannels channels = RecordingChannels.Mono, int sampleRate = 8000)
    {
        _destination = destination;
        _sampleRate = sampleRate;
        _channels = channels == RecordingChannels.Dual ? 2 : 1;
        _startPosition = destination.CanSeek ? destination.Position : 0;
        _current = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        var header = new byte[WavFile.HeaderSize];
        WavFile.WriteHeader(header, sampleRate, _channels, uint.MaxValue);
        _chunks.Writer.TryWrite((header, header.Length));
        _writer = Task.Run(WriteLoopAsync);
    }

    /// <summary>True while paused.</summary>
    public bool IsPaused => _paused;

    /// <summary>Audio recorded so far.</summary>
    public TimeSpan Duration => TimeSpan.FromSeconds((double)Interlocked.Read(ref _dataBytes) / (_sampleRate * 2 * _channels));

    /// <summary>Stops writing frames until <see cref="Resume"/>. Thread-safe.</summary>
    public void Pause() => _paused = true;

    /// <summary>Resumes writing frames. Thread-safe.</summary>
    public void Resume() => _paused = false;

    /// <summary>
    /// Records one frame: what the leg received from the caller and what was sent to it (the callee side). Both
    /// spans have the frame length. Ignored while paused or after completion.
    /// </summary>
    public void WriteFrame(ReadOnlySpan<short> caller, ReadOnlySpan<short> callee)
    {
        lock (_gate)
        {
            WriteFrameLocked(caller, callee);
        }
    }

    private void WriteFrameLocked(ReadOnlySpan<short> caller, ReadOnlySpan<short> callee)
    {
        if (_paused || _summary is not null)
        {
            return;
        }

        var bytes = caller.Length * 2 * _channels;
        if (_currentLength + bytes > _current.Length)
        {
            if (!Flush())
            {
                Interlocked.Increment(ref _dropped);
                return;
            }
        }

        var span = _current.AsSpan(_currentLength, bytes);
        for (var i = 0; i < caller.Length; i++)
        {
            if (_channels == 2)
            {
                BinaryPrimitives.WriteInt16LittleEndian(span[(i * 4)..], caller[i]);
                BinaryPrimitives.WriteInt16LittleEndian(span[((i * 4) + 2)..], callee[i]);
            }
            else
            {
                BinaryPrimitives.WriteInt16LittleEndian(span[(i * 2)..], (short)Math.Clamp(caller[i] + callee[i], short.MinValue, short.MaxValue));
            }
        }

        _currentLength += bytes;
        Interlocked.Add(ref _dataBytes, bytes);
    }

    /// <summary>
    /// Writes what is buffered, fixes the header sizes (seekable streams) and flushes the stream. Idempotent.
    /// I/O errors of the destination surface here.
    /// </summary>
    public async Task<RecordingSummary> CompleteAsync()
    {
        var completing = false;
        lock (_gate)
        {
            if (_summary is null)
            {
                completing = true;
                _summary = new RecordingSummary(Duration, WavFile.HeaderSize + Interlocked.Read(ref _dataBytes), _channels, Interlocked.Read(ref _dropped));
                Flush();
                ArrayPool<byte>.Shared.Return(_current);
                _current = [];
                _chunks.Writer.TryComplete();
            }
        }

        if (completing)
        {
            await _writer;
            if (_destination.CanSeek)
            {
                var header = new byte[WavFile.HeaderSize];
                WavFile.WriteHeader(header, _sampleRate, _channels, Interlocked.Read(ref _dataBytes));
                var end = _destination.Position;
                _destination.Position = _startPosition;
                await _destination.WriteAsync(header);
                _destination.Position = end;
            }

            await _destination.FlushAsync();
        }

        await _writer;
        return _summary!;
    }

    /// <summary>Completes the recording (see <see cref="CompleteAsync"/>); does not dispose the destination.</summary>
    public async ValueTask DisposeAsync() => await CompleteAsync();

    private bool Flush()
    {
        if (_currentLength == 0)
        {
            return true;
        }

        if (Volatile.Read(ref _backlog) >= MaximumBacklogChunks)
        {
            return false;
        }

        Interlocked.Increment(ref _backlog);
        _chunks.Writer.TryWrite((_current, _currentLength));
        _current = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        _currentLength = 0;
        return true;
    }

    private async Task WriteLoopAsync()
    {
        var first = true;
        await foreach (var (buffer, length) in _chunks.Reader.ReadAllAsync())
        {
            await _destination.WriteAsync(buffer.AsMemory(0, length));
            if (!first)
            {
                Interlocked.Decrement(ref _backlog);
                ArrayPool<byte>.Shared.Return(buffer);
            }

            first = false;
        }
    }
}
