using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Voice.Api.Telnyx;
using Voice.Testing;

namespace Voice.Telnyx.Tests;

/// <summary>
/// One run of the official-SDK tests (tests/telnyx-sdk/*.test.mjs, node's built-in runner) against the fixture's
/// DevHost, read from its JUnit report: each Node test's outcome by name. The run passes the base URL, the keys and a
/// webhook body signed just before it in <c>TELNYX_TEST_*</c> variables.
/// </summary>
public sealed class NodeSdkRun
{
    public static readonly string Directory = Path.Combine(RepositoryRoot.Path, "tests", "telnyx-sdk");

    private NodeSdkRun(IReadOnlyDictionary<string, string?> failures, int exitCode, string output)
    {
        Failures = failures;
        ExitCode = exitCode;
        Output = output;
    }

    /// <summary>Every test the report names, with its failure message (null when it passed).</summary>
    public IReadOnlyDictionary<string, string?> Failures { get; }

    public int ExitCode { get; }

    /// <summary>What node printed (the spec reporter), for failure messages.</summary>
    public string Output { get; }

    /// <summary>The test files, subfolders included, in path order.</summary>
    public static IReadOnlyList<string> TestFiles() =>
        System.IO.Directory.GetFiles(Directory, "*.test.mjs", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();

    public static async Task<NodeSdkRun> RunAsync(TelnyxFixture telnyx)
    {
        var report = Path.Combine(Path.GetTempPath(), "telnyx-sdk-" + Guid.NewGuid().ToString("N") + ".xml");
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = RepositoryRoot.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { "--test", "--test-concurrency=1", "--test-reporter=junit", "--test-reporter-destination=" + report, "--test-reporter=spec", "--test-reporter-destination=stdout" })
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var file in TestFiles())
        {
            start.ArgumentList.Add(file);
        }

        foreach (var (name, value) in await EnvironmentAsync(telnyx))
        {
            start.Environment[name] = value;
        }

        try
        {
            using var node = Process.Start(start)!;
            var stdout = node.StandardOutput.ReadToEndAsync();
            var stderr = node.StandardError.ReadToEndAsync();
            using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(5));
            try
            {
                await node.WaitForExitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                node.Kill(entireProcessTree: true);
                throw new TimeoutException("the Node SDK tests did not finish within 5 minutes:\n" + await stdout);
            }

            var output = await stdout + await stderr;
            if (!File.Exists(report))
            {
                throw new InvalidOperationException($"node wrote no JUnit report (exit {node.ExitCode}):\n{output}");
            }

            var failures = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (var testcase in XDocument.Load(report).Descendants("testcase"))
            {
                var name = (string)testcase.Attribute("name")!;
                var failure = testcase.Element("failure") is { } f ? ((string?)f.Attribute("message") ?? "") + "\n" + f.Value : null;
                var skipped = testcase.Element("skipped") is not null;
                if (!failures.TryAdd(name, skipped ? "skipped in node" : failure))
                {
                    failures[name] = $"two Node tests are named '{name}': names must be unique";
                }
            }

            return new NodeSdkRun(failures, node.ExitCode, output);
        }
        finally
        {
            File.Delete(report);
        }
    }

    private static async Task<Dictionary<string, string>> EnvironmentAsync(TelnyxFixture telnyx)
    {
        // A webhook signed by our signer with account A's key, fresh (the SDK refuses timestamps 300 s away).
        var body = JsonSerializer.Serialize(new
        {
            data = new
            {
                record_type = "event",
                event_type = "call.initiated",
                id = Guid.NewGuid().ToString(),
                occurred_at = DateTimeOffset.UtcNow.ToString("O"),
                payload = new { call_control_id = "v3:test", direction = "incoming", state = "parked", to = "+15550100001", from = "+15550100099" },
            },
            meta = new { attempt = 1, delivered_to = "http://127.0.0.1/webhooks" },
        });
        var key = await telnyx.Services.GetRequiredService<TelnyxSigningKeyStore>().GetOrCreateAsync(TelnyxFixture.AccountA, default);
        var signature = TelnyxWebhookSigner.Sign(key, Encoding.UTF8.GetBytes(body), DateTimeOffset.UtcNow);
        return new Dictionary<string, string>
        {
            ["TELNYX_TEST_BASE_URL"] = telnyx.BaseUrl,
            ["TELNYX_TEST_API_KEY"] = telnyx.KeyA,
            ["TELNYX_TEST_READONLY_KEY"] = telnyx.ReadOnlyKeyA,
            ["TELNYX_TEST_OTHER_ACCOUNT_KEY"] = telnyx.KeyB,
            ["TELNYX_TEST_SIGNED_BODY"] = body,
            ["TELNYX_TEST_SIGNATURE"] = signature.Signature,
            ["TELNYX_TEST_TIMESTAMP"] = signature.Timestamp,

            // The SDK reads these when a client is built without them; none may leak in from the machine.
            ["TELNYX_API_KEY"] = "",
            ["TELNYX_BASE_URL"] = "",
            ["TELNYX_PUBLIC_KEY"] = "",
        };
    }
}
