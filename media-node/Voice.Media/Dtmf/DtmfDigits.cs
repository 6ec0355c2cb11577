namespace Voice.Media.Dtmf;

/// <summary>Maps DTMF characters (0-9, *, #, A-D) to RFC 4733 event codes and keypad frequencies.</summary>
public static class DtmfDigits
{
    private const string Events = "0123456789*#ABCD";
    private const string Keypad = "123A456B789C*0#D";

    /// <summary>The row (low group) frequencies in Hz.</summary>
    public static readonly double[] RowFrequencies = [697, 770, 852, 941];

    /// <summary>The column (high group) frequencies in Hz.</summary>
    public static readonly double[] ColumnFrequencies = [1209, 1336, 1477, 1633];

    /// <summary>The event code of <paramref name="digit"/> (case-insensitive), or -1 when it is not a DTMF digit.</summary>
    public static int ToEvent(char digit) => Events.IndexOf(char.ToUpperInvariant(digit), StringComparison.Ordinal);

    /// <summary>The digit of event code 0-15, or null for other events.</summary>
    public static char? FromEvent(int eventCode) => eventCode is >= 0 and < 16 ? Events[eventCode] : null;

    /// <summary>The digit at keypad row and column (0-3 each).</summary>
    public static char FromKeypad(int row, int column) => Keypad[(row * 4) + column];

    /// <summary>Row and column frequencies of a digit; false when it is not a DTMF digit.</summary>
    public static bool TryGetFrequencies(char digit, out double row, out double column)
    {
        var index = Keypad.IndexOf(char.ToUpperInvariant(digit), StringComparison.Ordinal);
        row = index < 0 ? 0 : RowFrequencies[index / 4];
        column = index < 0 ? 0 : ColumnFrequencies[index % 4];
        return index >= 0;
    }
}
