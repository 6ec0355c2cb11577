using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.WebSockets;
using Voice.Bench.Media;
using Voice.Media.Clock;
using Voice.Media.Playback;
using Voice.Media.Rtp;
using Voice.Media.Sessions;
using Voice.Media.Streaming;

namespace Voice.Bench.Streams;

/// <summary>
/// WebSocket media fork load: N G.711 playback sessions on the media clock (as the <c>media</c> area: real RTP over
/// loopback UDP to receivers), each with a bidirectional Telnyx-framed stream of both tracks to an in-process Kestrel
/// echo server, whose returned audio is mixed into the session. For each N: CPU (% of one core), RSS, RTP loss, p99
/// pacing, WebSocket frames sent vs expected and dropped by the forks, and the echo round trip (a probe frame handed
/// to one more stream → its echo appended to the return buffer) p50/p99 while the load runs.
/// Usage: <c>streams [--seconds 10] [--sizes 100,300,500] [--phases 10] [--spin 300]</c> (the clock as the node runs it).
/// </summary>
public static class StreamsBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = BenchArguments.IntOption(args, "--seconds", 10);
        var phases = BenchArguments.IntOption(args, "--phases", 10);
        var spin = BenchArguments.IntOption(args, "--spin", 300);
        var sizes = (BenchArguments.Option(args, "--sizes") ?? "100,300,500").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToList();
        ThreadPool.SetMinThreads(64, 64);
        await using var echo = await StreamEchoEndpoint.StartAsync(FreePort());
        Console.WriteLine($"streams bench: {seconds} s per run, {phases} phase(s), {spin} µs spin, {Environment.ProcessorCount} cores; echo server in-process; load {BenchMachine.LoadAverage()}");
        Console.WriteLine("sessions  cpu%(1 core)  rss MB  rtp loss%  p99 ms  ws frames sent/expected  fork drops  echo rtt p50 ms  p99 ms");
        foreach (var n in sizes)
        {
            await RunOnceAsync(n, seconds, echo, () => new MediaClock(threads: 1, spinMicroseconds: spin, phases: phases));
        }

        return 0;
    }

    private static async Task RunOnceAsync(int sessions, int seconds, StreamEchoEndpoint echo, Func<MediaClock> newClock)
    {
        var ports = new RtpPortAllocator(20000, 59999, IPAddress.Loopback);
        var prompt = new PcmAudio(Enumerable.Range(0, 8000).Select(i => (short)(8000 * Math.Sin(2 * Math.PI * 440 * i / 8000))).ToArray(), 8000);
        var pacing = new PacingStatistics();
        var sink = new RtpCountingSink();
        var receivers = new List<RtpSocketPair>();
        var senders = new List<MediaSession>();
        var streams = new List<(MediaStreamFork Fork, MediaStreamPump Pump, ClientWebSocket Socket, Task<StreamEnd> Run)>();
        using var stop = new CancellationTokenSource();
        using var clock = newClock();
        try
        {
            for (var i = 0; i < sessions; i++)
            {
                var receiver = ports.Allocate();
                receiver.Start(sink);
                receivers.Add(receiver);
                var sockets = ports.Allocate();
                sockets.SetRemote(receiver.LocalRtp);
                var session = new MediaSession(new MediaSessionOptions { RtcpInterval = TimeSpan.FromHours(1) }, sockets);
                session.Play(new AudioPlayer(prompt, loops: 0));
                senders.Add(session);
                var fork = new MediaStreamFork(StreamTracks.Both);
                var playback = new StreamedAudioSource();
                var pump = new MediaStreamPump(new TelnyxStreamFraming(), Info(i), fork, playback);
                var socket = new ClientWebSocket();
                await socket.ConnectAsync(new Uri(echo.Url), CancellationToken.None);
                streams.Add((fork, pump, socket, pump.RunAsync(socket, stop.Token)));
                session.AddTap(fork);
                session.SetReturnAudio(playback);
                clock.Register(new PacedSessionTarget(session, pacing));
            }

            var probe = await ProbeAsync(echo);
            clock.Start();
            await Task.Delay(1000);
            pacing.Reset();
            var process = Process.GetCurrentProcess();
            var cpuBefore = process.TotalProcessorTime;
            var sentBefore = streams.Sum(s => s.Pump.FramesSent);
            var wall = Stopwatch.StartNew();
            var rtts = await probe.MeasureAsync(TimeSpan.FromSeconds(seconds));
            process.Refresh();
            var elapsed = wall.Elapsed;
            var cpu = (process.TotalProcessorTime - cpuBefore).TotalMilliseconds / elapsed.TotalMilliseconds * 100;
            var rss = process.WorkingSet64 / (1024.0 * 1024);
            var framesSent = streams.Sum(s => s.Pump.FramesSent) - sentBefore;
            var expected = (long)(sessions * elapsed.TotalSeconds * 50);
            var drops = streams.Sum(s => s.Fork.Dropped);
            var sent = senders.Sum(s => s.Counters.RtpSent);
            await Task.Delay(300);
            var loss = sent == 0 ? 100 : Math.Max(0, sent - sink.Rtp) * 100.0 / sent;
            rtts.Sort();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{sessions,8}  {cpu,12:F1}  {rss,6:F0}  {loss,9:F3}  {pacing.PercentileMicroseconds(99) / 1000.0,6:F2}  {framesSent,10}/{expected,-12}  {drops,10}  {BenchArguments.Percentile(rtts, 0.5),14:F2}  {BenchArguments.Percentile(rtts, 0.99),6:F2}"));
            await probe.DisposeAsync();
        }
        finally
        {
            await stop.CancelAsync();
            foreach (var s in streams)
            {
                s.Socket.Abort();
                await s.Run;
                s.Socket.Dispose();
            }

            foreach (var s in senders)
            {
                await s.DisposeAsync();
            }

            foreach (var r in receivers)
            {
                await r.DisposeAsync();
            }
        }
    }

    private static StreamSessionInfo Info(int index) => new()
    {
        StreamId = $"bench-{index}",
        Format = StreamAudioFormat.Pcmu8k,
        Tracks = StreamTracks.Both,
    };

    private static async Task<EchoProbe> ProbeAsync(StreamEchoEndpoint echo)
    {
        var fork = new MediaStreamFork(StreamTracks.Inbound);
        var playback = new StreamedAudioSource();
        var pump = new MediaStreamPump(new TelnyxStreamFraming(), Info(-1), fork, playback);
        var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri(echo.Url), CancellationToken.None);
        return new EchoProbe(fork, playback, socket, pump);
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>One stream outside the clock: a frame handed to its fork, timed until its echo is in the return buffer.</summary>
    private sealed class EchoProbe(MediaStreamFork fork, StreamedAudioSource playback, ClientWebSocket socket, MediaStreamPump pump) : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private Task<StreamEnd>? _run;

        public async Task<List<double>> MeasureAsync(TimeSpan duration)
        {
            _run = pump.RunAsync(socket, _stop.Token);
            var frame = new short[160];
            var rtts = new List<double>();
            var deadline = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
            while (Stopwatch.GetTimestamp() < deadline)
            {
                playback.Clear();
                var before = playback.Buffered;
                var sentAt = Stopwatch.GetTimestamp();
                fork.OnFrame(frame, frame);
                while (playback.Buffered == before && Stopwatch.GetElapsedTime(sentAt).TotalSeconds < 2)
                {
                    await Task.Yield();
                }

                rtts.Add(Stopwatch.GetElapsedTime(sentAt).TotalMilliseconds);
                await Task.Delay(100);
            }

            return rtts;
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            if (_run is not null)
            {
                await _run;
            }

            socket.Dispose();
            _stop.Dispose();
        }
    }
}
