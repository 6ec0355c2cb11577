using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;

namespace Voice.DevHost;

/// <summary>
/// Starts DevHost's child processes (Azurite, the media-node) so that DevHost alone decides when they stop.
/// <list type="bullet">
/// <item>Each runs in its own session (util-linux <c>setsid</c>): Ctrl-C in a terminal sends SIGINT to the whole
/// foreground process group, and children in that group would stop on their own, Azurite first, while the node
/// still has hangups to report to it. Out of the group, only DevHost gets the signal and stops them in order.</item>
/// <item>Each gets a parent-death signal (util-linux <c>setpriv --pdeathsig TERM</c>): out of the terminal's session
/// the children no longer get its hangup either, so a DevHost killed hard (SIGKILL, a crash) would leave them
/// running for good. SIGTERM lets them stop gracefully.</item>
/// </list>
/// Both tools exec the program in place (setsid forks only when started as a process group leader, which a child
/// of DevHost never is), so <see cref="Process.Id"/> is the program's own id and signals reach it directly.
/// The kernel sends the parent-death signal when the <em>thread</em> that forked the child exits, not the process,
/// and thread-pool threads retire when idle (measured: a child forked from a thread that then ended got SIGTERM at
/// once). So every child is forked from one dedicated thread that lives as long as DevHost.
/// Elsewhere than Linux, or without util-linux, children start plainly (and share the terminal's Ctrl-C).
/// </summary>
public static class ChildProcess
{
    private const int SigKill = 9;
    private const int SigTerm = 15;
    private static readonly Lazy<bool> Isolated = new(() => OperatingSystem.IsLinux() && OnPath("setsid") && OnPath("setpriv"));
    private static readonly BlockingCollection<Launch> Launches = [];
    private static readonly Lazy<Thread> Launcher = new(StartLauncher);

    /// <summary>
    /// Starts <paramref name="startInfo"/> (rewritten to run through setsid and setpriv where they exist). Synchronous,
    /// as <see cref="Process.Start(ProcessStartInfo)"/> is: it waits only for the fork on the launcher thread.
    /// </summary>
    public static Process Start(ProcessStartInfo startInfo)
    {
        if (!Isolated.Value)
        {
            return Process.Start(startInfo) ?? throw new InvalidOperationException($"{startInfo.FileName} did not start");
        }

        string[] wrapper = ["setpriv", "--pdeathsig", "TERM", "--", startInfo.FileName];
        for (var i = 0; i < wrapper.Length; i++)
        {
            startInfo.ArgumentList.Insert(i, wrapper[i]);
        }

        startInfo.FileName = "setsid";
        var launch = new Launch(startInfo);
        _ = Launcher.Value;
        Launches.Add(launch);
        lock (launch)
        {
            while (!launch.Finished)
            {
                Monitor.Wait(launch);
            }
        }

        if (launch.Error is not null)
        {
            ExceptionDispatchInfo.Throw(launch.Error);
        }

        return launch.Process!;
    }

    /// <summary>Asks the process to stop (SIGTERM): the media-node ends its calls with BYE, Azurite saves its data.</summary>
    public static void Terminate(Process process) => Send(process, SigTerm);

    /// <summary>Kills the process at once (SIGKILL), without touching what it started.</summary>
    public static void KillNow(Process process) => Send(process, SigKill);

    private static void Send(Process process, int signal)
    {
        try
        {
            if (process.HasExited)
            {
                return;
            }

            if (OperatingSystem.IsWindows())
            {
                process.Kill(entireProcessTree: true);
                return;
            }

            // ESRCH (it exited meanwhile) is the only failure possible for our own child: nothing to do then.
            _ = kill(process.Id, signal);
        }
        catch (InvalidOperationException)
        {
            // Not started or already disposed: nothing to signal.
        }
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);

    private static Thread StartLauncher()
    {
        var thread = new Thread(() =>
        {
            foreach (var launch in Launches.GetConsumingEnumerable())
            {
                try
                {
                    launch.Process = Process.Start(launch.StartInfo) ?? throw new InvalidOperationException($"{launch.StartInfo.FileName} did not start");
                }
                catch (Exception e)
                {
                    launch.Error = e;
                }

                lock (launch)
                {
                    launch.Finished = true;
                    Monitor.PulseAll(launch);
                }
            }
        })
        {
            IsBackground = true,
            Name = "DevHost child launcher",
        };
        thread.Start();
        return thread;
    }

    private static bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => File.Exists(Path.Combine(dir, program)));

    /// <summary>One start handed to the launcher thread; its monitor signals the caller when it is done.</summary>
    private sealed class Launch(ProcessStartInfo startInfo)
    {
        public ProcessStartInfo StartInfo { get; } = startInfo;

        public bool Finished { get; set; }

        public Process? Process { get; set; }

        public Exception? Error { get; set; }
    }
}
