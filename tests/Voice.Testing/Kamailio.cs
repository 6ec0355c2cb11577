using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Voice.Testing;

/// <summary>What a <see cref="Kamailio"/> trunk stands between: a SIP node and one phone.</summary>
/// <param name="Port">UDP port on 127.0.0.1 that kamailio listens on.</param>
/// <param name="NodeAddress"><c>host:port</c> of the node: requests from the phone go there, R-URI user kept.</param>
/// <param name="PhoneUri">SIP URI of the phone; every other new request gets it as R-URI.</param>
/// <param name="PhonePort">The phone's SIP port: requests from it are the inbound direction.</param>
/// <param name="Credentials">When set, INVITEs towards the phone are challenged (407, qop=auth) and must authenticate.</param>
public sealed record KamailioTrunk(int Port, string NodeAddress, string PhoneUri, int PhonePort, KamailioCredentials? Credentials = null);

/// <summary>One digest account of the trunk, checked against a fixed password (no database).</summary>
public sealed record KamailioCredentials(string Realm, string Username, string Password);

/// <summary>
/// A real kamailio as a SIP trunk on loopback: a stateless record-routing proxy with its config in its own temp
/// directory (<c>kamailio -f cfg -DD -E -Y rundir</c>). New requests from the phone go to the node; the others go to
/// the phone, after a digest challenge when <see cref="KamailioTrunk.Credentials"/> are set. In-dialog requests
/// follow their Route set. Its log (stderr) is kept in <see cref="Log"/>: the config notes each challenge and
/// each authorized user there. Killed and its directory deleted on disposal.
/// </summary>
public sealed class Kamailio : IAsyncDisposable
{
    private readonly Process process;
    private readonly List<string> log = [];

    private Kamailio(string dir, Process process)
    {
        Directory = dir;
        this.process = process;
        PeerProcess.CaptureOutput(process, Keep);
    }

    public string Directory { get; }

    /// <summary>The lines kamailio logged so far.</summary>
    public IReadOnlyList<string> Log
    {
        get
        {
            lock (log)
            {
                return [.. log];
            }
        }
    }

    /// <summary>Starts kamailio and waits until it answers an OPTIONS ping; throws with its log when it does not within 10 s.</summary>
    public static async Task<Kamailio> StartAsync(KamailioTrunk trunk)
    {
        var dir = System.IO.Directory.CreateTempSubdirectory("kamailio-test-").FullName;
        var run = System.IO.Directory.CreateDirectory(Path.Combine(dir, "run")).FullName;
        var config = Path.Combine(dir, "kamailio.cfg");
        await File.WriteAllTextAsync(config, Config(trunk));
        var psi = new ProcessStartInfo("kamailio") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "-f", config, "-DD", "-E", "-Y", run, "-m", "32", "-M", "4" })
        {
            psi.ArgumentList.Add(arg);
        }

        var kamailio = new Kamailio(dir, Process.Start(psi) ?? throw new InvalidOperationException("kamailio did not start"));
        try
        {
            await kamailio.WaitUntilAnsweringAsync(trunk.Port);
            return kamailio;
        }
        catch
        {
            await kamailio.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync() => await PeerProcess.StopAsync(process, Directory);

    /// <summary>The routing script; <c>$sp</c> (source port) tells the phone's requests from the node's.</summary>
    private static string Config(KamailioTrunk trunk)
    {
        var toPhone = trunk.Credentials is { } c
            ? $$"""
                    if (is_method("INVITE")) {
                        if (!pv_auth_check("{{c.Realm}}", "{{c.Password}}", "0", "0") || $au != "{{c.Username}}") {
                            xlog("L_NOTICE", "e2e: challenged $rm to $rU\n");
                            auth_challenge("{{c.Realm}}", "1");
                            exit;
                        }
                        xlog("L_NOTICE", "e2e: authorized $au for $rU\n");
                        consume_credentials();
                    }
            """
            : "";
        return $$"""
            #!KAMAILIO
            debug=2
            log_stderror=yes
            children=1
            disable_tcp=yes
            disable_sctp=yes
            auto_aliases=no
            listen=udp:127.0.0.1:{{trunk.Port}}
            mpath="/usr/lib/x86_64-linux-gnu/kamailio/modules/"
            loadmodule "sl.so"
            loadmodule "rr.so"
            loadmodule "pv.so"
            loadmodule "maxfwd.so"
            loadmodule "textops.so"
            loadmodule "siputils.so"
            loadmodule "xlog.so"
            loadmodule "auth.so"

            request_route {
                if (!mf_process_maxfwd_header("10")) {
                    sl_send_reply("483", "Too Many Hops");
                    exit;
                }
                if (is_method("OPTIONS") && uri == myself && $rU == $null) {
                    sl_send_reply("200", "OK");
                    exit;
                }
                if (has_totag()) {
                    if (loose_route()) {
                        xlog("L_NOTICE", "e2e: in-dialog $rm from $si:$sp to $ru\n");
                        forward();
                    } else if (!is_method("ACK")) {
                        sl_send_reply("404", "Not here");
                    }
                    exit;
                }
                if ($sp == {{trunk.PhonePort}}) {
                    $ru = "sip:" + $rU + "@{{trunk.NodeAddress}}";
                } else {
            {{toPhone}}
                    $ru = "{{trunk.PhoneUri}}";
                }
                if (is_method("INVITE")) {
                    record_route();
                }
                xlog("L_NOTICE", "e2e: $rm from $si:$sp to $ru\n");
                forward();
            }
            """;
    }

    private async Task WaitUntilAnsweringAsync(int port)
    {
        using var udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var local = ((IPEndPoint)udp.Client.LocalEndPoint!).Port;
        var deadline = DateTime.UtcNow.AddSeconds(10);
        for (var attempt = 1; DateTime.UtcNow < deadline && !process.HasExited; attempt++)
        {
            var ping = Encoding.ASCII.GetBytes(
                $"OPTIONS sip:127.0.0.1:{port} SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:{local};branch=z9hG4bK-ping{attempt}\r\n" +
                $"From: <sip:probe@127.0.0.1:{local}>;tag=p{attempt}\r\nTo: <sip:127.0.0.1:{port}>\r\nCall-ID: ping{attempt}@probe\r\n" +
                "CSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n");
            await udp.SendAsync(ping, new IPEndPoint(IPAddress.Loopback, port));
            using var wait = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
            try
            {
                var answer = await udp.ReceiveAsync(wait.Token);
                if (Encoding.ASCII.GetString(answer.Buffer).StartsWith("SIP/2.0 200", StringComparison.Ordinal))
                {
                    return;
                }
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException)
            {
                // Not listening yet (ICMP port unreachable surfaces as a SocketException on Linux).
            }
        }

        throw new InvalidOperationException($"kamailio did not answer on 127.0.0.1:{port}:\n{string.Join('\n', Log.TakeLast(30))}");
    }

    private void Keep(string? line)
    {
        if (!string.IsNullOrWhiteSpace(line))
        {
            lock (log)
            {
                log.Add(line);
            }
        }
    }
}
