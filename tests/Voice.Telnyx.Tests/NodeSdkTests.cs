using Voice.Testing;

namespace Voice.Telnyx.Tests;

/// <summary>
/// The official Telnyx SDK (npm <c>telnyx</c> 7.24.0) against DevHost: each Node test of tests/telnyx-sdk is one test
/// case here, so the test command's summary counts every one and a failing Node test fails it. The Node tests run once
/// (the first case starts the run; the others read its report).
/// </summary>
[Collection(TelnyxCollection.Name)]
public sealed class NodeSdkTests
{
    private static readonly Lock Once = new();
    private static Task<NodeTestRun>? run;
    private readonly TelnyxFixture telnyx;

    public NodeSdkTests(TelnyxFixture telnyx)
    {
        this.telnyx = telnyx;
    }

    /// <summary>The Node tests the files declare, by name (top-level <c>test('…', …)</c> calls).</summary>
    public static TheoryData<string> DeclaredTests => new(DeclaredNames());

    [Theory]
    [MemberData(nameof(DeclaredTests))]
    public async Task Official_sdk(string test)
    {
        var outcome = await RunAsync();

        Assert.True(outcome.Failures.ContainsKey(test), $"node did not report '{test}':\n{outcome.Output}");
        Assert.True(outcome.Failures[test] is null, $"'{test}' failed: {outcome.Failures[test]}");
    }

    [Fact]
    public async Task Node_reports_exactly_the_declared_tests_and_exits_zero_only_when_all_pass()
    {
        var outcome = await RunAsync();

        // Node 20's JUnit reporter escapes these twice ("&amp;quot;"), so a name with them never matches its report.
        Assert.All(DeclaredNames(), name => Assert.True(name.IndexOfAny(['"', '&', '<', '>']) < 0, $"'{name}': keep \" & < > out of Node test names"));
        Assert.Equal(DeclaredNames().Order(), outcome.Failures.Keys.Order());
        Assert.Equal(outcome.Failures.Values.All(f => f is null), outcome.ExitCode == 0);
    }

    private static IReadOnlyList<string> DeclaredNames() => NodeTestRun.DeclaredNames(NodeSdkRun.TestFiles());

    /// <summary>The one run (a failure to run is every case's failure, not a reason to run again).</summary>
    private Task<NodeTestRun> RunAsync()
    {
        lock (Once)
        {
            return run ??= NodeSdkRun.RunAsync(telnyx);
        }
    }
}
