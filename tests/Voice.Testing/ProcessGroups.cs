using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace Voice.Testing;

/// <summary>
/// Linux process plumbing for tests that signal a whole process group, as a terminal's Ctrl-C does, and then check
/// what is still running: starting a program as the leader of a group of its own (so the signal reaches nothing of
/// the test's), sending a signal to a group, and reading processes from <c>/proc</c>.
/// </summary>
public static class ProcessGroups
{
    public const int SigInt = 2;
    public const int SigKill = 9;

    /// <summary>
    /// Starts <paramref name="startInfo"/> (its file and arguments) as the leader of a new session and process group
    /// (util-linux <c>setsid</c>, which execs in place: the process id is the program's and also its group's id),
    /// with SIGINT at its default action (coreutils <c>env --default-signal</c>): a test host started in the
    /// background inherits SIGINT ignored, and so would the program, which then could not be Ctrl-C'd at all.
    /// </summary>
    public static Process StartInOwnGroup(ProcessStartInfo startInfo)
    {
        string[] wrapper = ["env", "--default-signal=INT", startInfo.FileName];
        for (var i = 0; i < wrapper.Length; i++)
        {
            startInfo.ArgumentList.Insert(i, wrapper[i]);
        }

        startInfo.FileName = "setsid";
        var process = Process.Start(startInfo) ?? throw new InvalidOperationException("setsid did not start");
        return process;
    }

    /// <summary>Sends <paramref name="signal"/> to every process of group <paramref name="group"/>; never to the test's own group.</summary>
    public static void SignalGroup(int group, int signal)
    {
        if (group <= 1 || group == GroupOf(Environment.ProcessId))
        {
            throw new InvalidOperationException($"refusing to signal process group {group}: it is not a group the test started");
        }

        if (kill(-group, signal) != 0)
        {
            throw new InvalidOperationException($"kill(-{group}, {signal}) failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    /// <summary>The process group of <paramref name="pid"/>, or 0 when it does not run.</summary>
    public static int GroupOf(int pid) => ProcessSnapshot.Read(pid)?.Group ?? 0;

    /// <summary>Every process now running whose parent is <paramref name="pid"/>.</summary>
    public static IReadOnlyList<ProcessSnapshot> ChildrenOf(int pid) => [.. All().Where(p => p.ParentId == pid)];

    /// <summary>Every process now running (zombies excluded), as far as /proc lets the test see it.</summary>
    public static IEnumerable<ProcessSnapshot> All()
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && ProcessSnapshot.Read(pid) is { IsZombie: false } process)
            {
                yield return process;
            }
        }
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);

    /// <summary>Sends <paramref name="signal"/> to one process; false when it no longer exists.</summary>
    internal static bool Signal(int pid, int signal) => kill(pid, signal) == 0;
}

/// <summary>
/// One process as /proc showed it: its start time tells it apart from a later process that reuses its id.
/// </summary>
public sealed record ProcessSnapshot(int Id, int ParentId, int Group, int Session, ulong StartTicks, bool IsZombie, string CommandLine)
{
    /// <summary>Whether this very process still runs (a zombie, exited but not yet reaped, does not).</summary>
    public bool IsRunning => Read(Id) is { IsZombie: false } now && now.StartTicks == StartTicks;

    /// <summary>The process's environment (empty when it is gone or not readable).</summary>
    public IReadOnlyDictionary<string, string> Environment
    {
        get
        {
            try
            {
                return File.ReadAllText($"/proc/{Id}/environ").Split('\0', StringSplitOptions.RemoveEmptyEntries)
                    .Select(entry => entry.Split('=', 2))
                    .Where(pair => pair.Length == 2)
                    .GroupBy(pair => pair[0], StringComparer.Ordinal)
                    .ToDictionary(group => group.Key, group => group.Last()[1], StringComparer.Ordinal);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return new Dictionary<string, string>();
            }
        }
    }

    /// <summary>Kills this process (SIGKILL) if it still runs.</summary>
    public void Kill()
    {
        if (IsRunning)
        {
            ProcessGroups.Signal(Id, ProcessGroups.SigKill);
        }
    }

    public override string ToString() => $"{Id} ({CommandLine})";

    /// <summary>The process <paramref name="pid"/> now, or null when it does not exist.</summary>
    public static ProcessSnapshot? Read(int pid)
    {
        try
        {
            // "pid (comm) state ppid pgrp session …": comm may hold spaces and parentheses, so split after the last ')'.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var commandLine = File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ').Trim();
            return new ProcessSnapshot(
                pid,
                int.Parse(fields[1], CultureInfo.InvariantCulture),
                int.Parse(fields[2], CultureInfo.InvariantCulture),
                int.Parse(fields[3], CultureInfo.InvariantCulture),
                ulong.Parse(fields[19], CultureInfo.InvariantCulture),
                fields[0] is "Z" or "X",
                commandLine);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }
}
