namespace Voice.Infra.Tests;

/// <summary>
/// Runs infra/app/media-node-start.sh (the media node's boot-time launcher) with stand-ins for curl (instance
/// metadata) and docker on PATH, and checks what it would start.
/// </summary>
public sealed class MediaNodeStartScriptTests : IDisposable
{
    private static readonly string Script = Path.Combine(Voice.Testing.RepositoryRoot.Path, "infra", "app", "media-node-start.sh");

    private readonly string folder = Directory.CreateTempSubdirectory("media-node-start-").FullName;

    public MediaNodeStartScriptTests()
    {
        var bin = Directory.CreateDirectory(Path.Combine(folder, "bin")).FullName;
        // curl stand-in: answers the instance-metadata public IP query with $FAKE_PUBLIC_IP, fails anything else
        // like curl -f does on an HTTP error.
        WriteExecutable(Path.Combine(bin, "curl"), """
            #!/bin/sh
            for arg in "$@"; do url="$arg"; done
            echo "$url" >> "$CALLS"
            case "$url" in
              *publicIpAddress*) printf '%s' "$FAKE_PUBLIC_IP" ;;
              *) exit 22 ;;
            esac
            """);
        WriteExecutable(Path.Combine(bin, "docker"), """
            #!/bin/sh
            printf '%s\n' "$@" > "$DOCKER_ARGS"
            """);
    }

    private string DockerArgs => Path.Combine(folder, "docker-args");

    private string Calls => Path.Combine(folder, "calls");

    [Fact]
    public async Task Start_script_is_valid_posix_shell()
    {
        var run = await CommandLine.RunAsync("sh", ["-n", Script]);

        Assert.True(run.IsClean, run.ToString());
    }

    [Fact]
    public async Task Node_advertises_the_public_ip_from_instance_metadata_and_runs_on_the_host_network()
    {
        var run = await StartAsync(publicIp: "203.0.113.7");

        Assert.True(run.IsClean, run.ToString());
        Assert.Equal(
            ["run", "--rm", "--name", "voice-media-node", "--network", "host", "--env-file", "/etc/voice/test.env",
             "--env", "MediaNode__Sip__AdvertisedAddress=203.0.113.7:5060", "example.test/voice-media-node:1"],
            await File.ReadAllLinesAsync(DockerArgs));
        Assert.StartsWith("http://imds.test/instance/network/interface/0/ipv4/ipAddress/0/publicIpAddress", Assert.Single(await File.ReadAllLinesAsync(Calls)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Node_does_not_start_when_no_public_ip_can_be_found()
    {
        var run = await StartAsync(publicIp: string.Empty);

        Assert.NotEqual(0, run.ExitCode);
        Assert.False(File.Exists(DockerArgs));
        Assert.Contains(await File.ReadAllLinesAsync(Calls), url => url.Contains("/identity/oauth2/token", StringComparison.Ordinal));
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private Task<CommandRun> StartAsync(string publicIp) =>
        CommandLine.RunAsync("sh", [Script], new Dictionary<string, string>
        {
            ["PATH"] = Path.Combine(folder, "bin") + ":" + Environment.GetEnvironmentVariable("PATH"),
            ["IMDS_ENDPOINT"] = "http://imds.test",
            ["ARM_ENDPOINT"] = "http://arm.test/",
            ["AZURE_CLIENT_ID"] = "00000000-0000-0000-0000-000000000001",
            ["MEDIA_NODE_IMAGE"] = "example.test/voice-media-node:1",
            ["MEDIA_NODE_ENV_FILE"] = "/etc/voice/test.env",
            ["FAKE_PUBLIC_IP"] = publicIp,
            ["DOCKER_ARGS"] = DockerArgs,
            ["CALLS"] = Calls,
        });

    private static void WriteExecutable(string path, string content)
    {
        File.WriteAllText(path, content + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }
}
