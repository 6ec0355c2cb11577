using System.Diagnostics;

namespace Voice.Testing;

/// <summary>The last step of disposing a peer process started by a test (baresip, linphonec).</summary>
public static class PeerProcesses
{
    /// <summary>Kills <paramref name="process"/> (and its children) if it still runs, then deletes its working directory.</summary>
    public static async Task KillAndDeleteAsync(Process process, string directory)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
