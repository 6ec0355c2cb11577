using System.Diagnostics;

namespace Voice.Testing;

/// <summary>Ends a real peer (baresip, kamailio, linphonec) a test started: kills its process tree and deletes its working directory.</summary>
public static class PeerProcess
{
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
