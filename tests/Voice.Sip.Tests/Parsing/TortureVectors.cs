namespace Voice.Sip.Tests.Parsing;

/// <summary>Loads the RFC 4475 messages copied next to the test assembly.</summary>
internal static class TortureVectors
{
    public static byte[] Load(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "TortureVectors", name + ".dat"));

    public static IEnumerable<string> AllNames() =>
        Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "TortureVectors"), "*.dat").Select(f => Path.GetFileNameWithoutExtension(f)!).Order();
}
