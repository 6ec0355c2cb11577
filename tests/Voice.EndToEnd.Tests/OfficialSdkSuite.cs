using Voice.Testing;

namespace Voice.EndToEnd.Tests;

/// <summary>
/// A folder of Node tests that drive the product with a vendor's official SDK, run once per suite (a failure to run is
/// every case's failure, not a reason to run again), each Node test reported as one xunit case of the derived class.
/// </summary>
public abstract class OfficialSdkSuite
{
    private static readonly Lock Once = new();
    private static readonly Dictionary<Type, Task<NodeTestRun>> Runs = [];

    /// <summary>The folder of <c>*.test.mjs</c> files.</summary>
    protected abstract string TestDirectory { get; }

    /// <summary>What the Node tests read (base URLs, keys); the SDK's own variables set empty so none leak in from the machine.</summary>
    protected abstract IReadOnlyDictionary<string, string> Environment();

    protected async Task AssertPassedAsync(string test)
    {
        var outcome = await RunAsync();

        Assert.True(outcome.Failures.ContainsKey(test), $"node did not report '{test}':\n{outcome.Output}");
        Assert.True(outcome.Failures[test] is null, $"'{test}' failed: {outcome.Failures[test]}\n{outcome.Output}");
    }

    private Task<NodeTestRun> RunAsync()
    {
        lock (Once)
        {
            if (!Runs.TryGetValue(GetType(), out var run))
            {
                run = NodeTestRun.RunAsync(NodeTestRun.TestFiles(TestDirectory), Environment(), TimeSpan.FromMinutes(8));
                Runs[GetType()] = run;
            }

            return run;
        }
    }
}
