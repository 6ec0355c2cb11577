using System.Buffers;
using System.Globalization;
using System.Text;

namespace Voice.Bench.Relay;

/// <summary>
/// Bencoding (the BitTorrent encoding rtpengine's ng control protocol carries): byte strings <c>4:spam</c>,
/// integers <c>i42e</c>, lists <c>l…e</c>, dictionaries <c>d…e</c> with byte-string keys. Values map to
/// <see cref="string"/> (UTF-8: ng's strings are text), <see cref="long"/>, <see cref="List{T}"/> of object and
/// <see cref="Dictionary{TKey, TValue}"/> of string to object. The decoder reads a span, rejects malformed input
/// (leading zeros, <c>-0</c>, lengths past the end, non-string or repeated keys, nesting deeper than
/// <see cref="MaxDepth"/>, trailing bytes) and does not insist on sorted keys, which rtpengine does not write.
/// </summary>
internal static class Bencode
{
    /// <summary>Deepest nesting of lists and dictionaries the decoder accepts.</summary>
    public const int MaxDepth = 32;

    /// <summary>Encodes <paramref name="value"/>; dictionary keys are written in byte order, as bencoding requires.</summary>
    /// <exception cref="ArgumentException">A value of a type bencoding has no form for.</exception>
    public static byte[] Encode(object value)
    {
        var output = new ArrayBufferWriter<byte>(256);
        Write(output, value, 0);
        return output.WrittenSpan.ToArray();
    }

    /// <summary>Decodes exactly one value spanning all of <paramref name="data"/>; false with a reason when malformed.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> data, out object? value, out string? error)
    {
        var reader = new Reader(data);
        value = reader.ReadValue(0);
        error = reader.Error;
        if (error is null && reader.Position != data.Length)
        {
            error = $"{data.Length - reader.Position} bytes after the value";
        }

        if (error is not null)
        {
            value = null;
            return false;
        }

        return true;
    }

    private static void Write(ArrayBufferWriter<byte> output, object value, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new ArgumentException($"nesting deeper than {MaxDepth}", nameof(value));
        }

        switch (value)
        {
            case string text:
                WriteBytes(output, Encoding.UTF8.GetBytes(text));
                break;
            case byte[] bytes:
                WriteBytes(output, bytes);
                break;
            case int or long:
                WriteAscii(output, string.Create(CultureInfo.InvariantCulture, $"i{Convert.ToInt64(value, CultureInfo.InvariantCulture)}e"));
                break;
            case IReadOnlyDictionary<string, object> dictionary:
                WriteAscii(output, "d");
                foreach (var (key, item) in dictionary.OrderBy(p => Encoding.UTF8.GetBytes(p.Key), ByteOrder.Instance))
                {
                    WriteBytes(output, Encoding.UTF8.GetBytes(key));
                    Write(output, item, depth + 1);
                }

                WriteAscii(output, "e");
                break;
            case IEnumerable<object> list:
                WriteAscii(output, "l");
                foreach (var item in list)
                {
                    Write(output, item, depth + 1);
                }

                WriteAscii(output, "e");
                break;
            default:
                throw new ArgumentException($"bencoding has no form for {value?.GetType().Name ?? "null"}", nameof(value));
        }
    }

    private static void WriteBytes(ArrayBufferWriter<byte> output, ReadOnlySpan<byte> bytes)
    {
        WriteAscii(output, string.Create(CultureInfo.InvariantCulture, $"{bytes.Length}:"));
        output.Write(bytes);
    }

    private static void WriteAscii(ArrayBufferWriter<byte> output, string text) => output.Write(Encoding.ASCII.GetBytes(text));

    private sealed class ByteOrder : IComparer<byte[]>
    {
        public static readonly ByteOrder Instance = new();

        public int Compare(byte[]? x, byte[]? y) => x.AsSpan().SequenceCompareTo(y);
    }

    private ref struct Reader(ReadOnlySpan<byte> data)
    {
        private readonly ReadOnlySpan<byte> _data = data;

        public int Position { get; private set; }

        public string? Error { get; private set; }

        public object? ReadValue(int depth)
        {
            if (Position >= _data.Length)
            {
                return Fail("input ends where a value should start");
            }

            switch (_data[Position])
            {
                case (byte)'i':
                    Position++;
                    return ReadInteger((byte)'e') is { } integer ? (object)integer : null;
                case (byte)'l' or (byte)'d' when depth >= MaxDepth:
                    return Fail($"nesting deeper than {MaxDepth}");
                case (byte)'l':
                    return ReadList(depth);
                case (byte)'d':
                    return ReadDictionary(depth);
                case >= (byte)'0' and <= (byte)'9':
                    return ReadString();
                default:
                    return Fail($"unexpected byte 0x{_data[Position]:x2} at {Position}");
            }
        }

        private List<object>? ReadList(int depth)
        {
            Position++;
            var list = new List<object>();
            while (Position < _data.Length && _data[Position] != 'e')
            {
                if (ReadValue(depth + 1) is not { } item)
                {
                    return null;
                }

                list.Add(item);
            }

            return Close() ? list : null;
        }

        private Dictionary<string, object>? ReadDictionary(int depth)
        {
            Position++;
            var dictionary = new Dictionary<string, object>(StringComparer.Ordinal);
            while (Position < _data.Length && _data[Position] != 'e')
            {
                if (_data[Position] is < (byte)'0' or > (byte)'9')
                {
                    Fail($"dictionary key at {Position} is not a byte string");
                    return null;
                }

                if (ReadString() is not { } key)
                {
                    return null;
                }

                if (Position < _data.Length && _data[Position] == 'e')
                {
                    Fail($"key \"{key}\" has no value");
                    return null;
                }

                if (ReadValue(depth + 1) is not { } item)
                {
                    return null;
                }

                if (!dictionary.TryAdd(key, item))
                {
                    Fail($"key \"{key}\" appears twice");
                    return null;
                }
            }

            return Close() ? dictionary : null;
        }

        private bool Close()
        {
            if (Position >= _data.Length)
            {
                Fail("input ends inside a list or dictionary");
                return false;
            }

            Position++;
            return true;
        }

        private string? ReadString()
        {
            if (ReadInteger((byte)':') is not { } length)
            {
                return null;
            }

            if (length < 0 || length > _data.Length - Position)
            {
                Fail($"string of {length} bytes at {Position} runs past the end");
                return null;
            }

            var text = Encoding.UTF8.GetString(_data.Slice(Position, (int)length));
            Position += (int)length;
            return text;
        }

        // Digits (optionally negative) up to the terminator; canonical form only: no leading zeros, no "-0", no "+".
        private long? ReadInteger(byte terminator)
        {
            var start = Position;
            var end = _data[start..].IndexOf(terminator);
            if (end < 0)
            {
                Fail($"number at {start} has no terminating '{(char)terminator}'");
                return null;
            }

            var digits = _data.Slice(start, end);
            var negative = digits.Length > 0 && digits[0] == '-';
            var magnitude = negative ? digits[1..] : digits;
            var canonical = magnitude.Length > 0
                && magnitude.IndexOfAnyExceptInRange((byte)'0', (byte)'9') < 0
                && (magnitude[0] != '0' || magnitude.Length == 1)
                && !(negative && magnitude is [(byte)'0'])
                && !(negative && terminator == ':');
            if (!canonical || !long.TryParse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
            {
                Fail($"malformed number \"{Encoding.ASCII.GetString(digits)}\" at {start}");
                return null;
            }

            Position = start + end + 1;
            return value;
        }

        private object? Fail(string reason)
        {
            Error ??= reason;
            return null;
        }
    }
}
