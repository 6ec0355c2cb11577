using System.Diagnostics;
using System.Text;
using System.Xml.Linq;

namespace Voice.Testing;

/// <summary>
/// One run of Node tests (node's built-in runner over <c>*.test.mjs</c> files) read from its JUnit report: each test's
/// outcome by name, so an xunit theory can make every Node test one counted case (a failing Node test fails the test
/// command; a skipped one is not counted as passing). The tests get their settings in environment variables.
/// </summary>
public sealed class NodeTestRun
{
    private NodeTestRun(IReadOnlyDictionary<string, string?> failures, int exitCode, string output)
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

    /// <summary>
    /// Set to part of a file name to run only the Node test files whose names hold it (a developer's focused run;
    /// the test command never sets it, so CI runs every file).
    /// </summary>
    public const string OnlyFilesVariable = "VOICE_NODE_TEST_FILES";

    /// <summary>The <c>*.test.mjs</c> files of <paramref name="directory"/> (not its subdirectories), in name order.</summary>
    public static IReadOnlyList<string> TestFiles(string directory)
    {
        var only = Environment.GetEnvironmentVariable(OnlyFilesVariable);
        return Directory.GetFiles(directory, "*.test.mjs")
            .Where(f => string.IsNullOrEmpty(only) || Path.GetFileName(f).Contains(only, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The names of the top-level <c>test('…', …)</c> calls in <paramref name="files"/>.</summary>
    public static IReadOnlyList<string> DeclaredNames(IEnumerable<string> files) =>
        files.SelectMany(File.ReadLines).Select(Declared).OfType<string>().ToList();

    /// <summary>Runs <paramref name="files"/> one at a time, within <paramref name="timeout"/>.</summary>
    public static async Task<NodeTestRun> RunAsync(IReadOnlyList<string> files, IReadOnlyDictionary<string, string> environment, TimeSpan timeout)
    {
        var report = Path.Combine(Path.GetTempPath(), "node-tests-" + Guid.NewGuid().ToString("N") + ".xml");
        var start = new ProcessStartInfo("node") { WorkingDirectory = RepositoryRoot.Path, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "--test", "--test-concurrency=1", "--test-reporter=junit", "--test-reporter-destination=" + report, "--test-reporter=spec", "--test-reporter-destination=stdout" })
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var file in files)
        {
            start.ArgumentList.Add(file);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        try
        {
            using var node = Process.Start(start)!;
            var stdout = node.StandardOutput.ReadToEndAsync();
            var stderr = node.StandardError.ReadToEndAsync();
            using var deadline = new CancellationTokenSource(timeout);
            try
            {
                await node.WaitForExitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                node.Kill(entireProcessTree: true);
                throw new TimeoutException($"the Node tests did not finish within {timeout.TotalMinutes} minutes:\n" + await stdout);
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

            return new NodeTestRun(failures, node.ExitCode, output);
        }
        finally
        {
            File.Delete(report);
        }
    }

    /// <summary>The name of a line <c>test('name', …)</c> (single or double quotes, <c>\'</c> escapes), else null.</summary>
    private static string? Declared(string line)
    {
        if (!line.StartsWith("test(", StringComparison.Ordinal) || line.Length < 7 || line[5] is not ('\'' or '"'))
        {
            return null;
        }

        var quote = line[5];
        var name = new StringBuilder();
        for (var i = 6; i < line.Length; i++)
        {
            if (line[i] == '\\' && i + 1 < line.Length)
            {
                name.Append(line[++i]);
            }
            else if (line[i] == quote)
            {
                return name.ToString();
            }
            else
            {
                name.Append(line[i]);
            }
        }

        return null;
    }
}
