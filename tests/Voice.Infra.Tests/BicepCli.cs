using System.Reflection;
using System.Runtime.Versioning;

namespace Voice.Infra.Tests;

/// <summary>
/// Runs the Bicep CLI restored from the NuGet package Azure.Bicep.CommandLine.linux-x64 (its path is recorded in
/// this assembly at build time). Fails with a clear message when the package was not restored.
/// </summary>
public static class BicepCli
{
    private static readonly Lazy<string> Executable = new(Locate);

    /// <summary>Runs <c>bicep</c> with the given arguments in the repository root.</summary>
    public static Task<CommandRun> RunAsync(params string[] arguments) => CommandLine.RunAsync(Executable.Value, arguments);

    private static string Locate()
    {
        var recorded = typeof(BicepCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "BicepPath")?.Value;
        if (string.IsNullOrEmpty(recorded))
        {
            throw new InvalidOperationException("BicepPath was not recorded: is Azure.Bicep.CommandLine.linux-x64 restored?");
        }

        var path = Path.GetFullPath(recorded.Replace('\\', '/'));
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"the Bicep CLI is missing at {path}: run 'dotnet restore'.");
        }

        return OperatingSystem.IsWindows() ? path : EnsureExecutable(path);
    }

    // NuGet extracts package files without guaranteeing the execute bit for every user; when the package
    // folder cannot be changed, run a private executable copy instead.
    [UnsupportedOSPlatform("windows")]
    private static string EnsureExecutable(string path)
    {
        const UnixFileMode execute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        var mode = File.GetUnixFileMode(path);
        if ((mode & execute) == execute)
        {
            return path;
        }

        try
        {
            File.SetUnixFileMode(path, mode | execute);
            return path;
        }
        catch (UnauthorizedAccessException)
        {
            var copy = Path.Combine(AppContext.BaseDirectory, "bicep-cli", "bicep");
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(path, copy, overwrite: true);
            File.SetUnixFileMode(copy, File.GetUnixFileMode(copy) | execute | UnixFileMode.UserRead);
            return copy;
        }
    }
}
