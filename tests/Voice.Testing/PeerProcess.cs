using System.Diagnostics;

namespace Voice.Testing;

/// <summary>Ends a real peer (baresip, kamailio, linphonec) a test started: kills its process tree and deletes its working directory.</summary>
public static class PeerProcess
{
    /// <summary>Hands every line the peer writes (stdout and stderr) to <paramref name="keep"/>.</summary>
    public static void CaptureOutput(Process process, Action<string?> keep)
    {
        process.OutputDataReceived += (_, e) => keep(e.Data);
        process.ErrorDataReceived += (_, e) => keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public static async Task StopAsync(Process process, string directory)
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
