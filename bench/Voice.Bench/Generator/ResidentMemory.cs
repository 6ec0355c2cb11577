using System.Globalization;

namespace Voice.Bench.Generator;

/// <summary>A process's resident set size from <c>/proc/&lt;pid&gt;/status</c> (VmRSS).</summary>
internal static class ResidentMemory
{
    /// <summary>VmRSS in MB; NaN when the process is gone.</summary>
    public static double Megabytes(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    var kilobytes = line["VmRSS:".Length..].Trim().Split(' ')[0];
                    return long.Parse(kilobytes, CultureInfo.InvariantCulture) / 1024.0;
                }
            }
        }
        catch (IOException)
        {
        }

        return double.NaN;
    }
}
