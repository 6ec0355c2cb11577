using System.Text.Json;

namespace Voice.Infra.Tests;

/// <summary>
/// Compiles infra/main.bicep to ARM JSON once for all template tests (a build takes a few seconds) and keeps the
/// CLI run so tests can assert it was clean.
/// </summary>
public sealed class CompiledMainTemplate : IAsyncLifetime
{
    private JsonDocument? document;

    public CommandRun Build { get; private set; } = new(-1, string.Empty, string.Empty);

    public ArmTemplate Main => new((document ?? throw new InvalidOperationException("not built")).RootElement);

    public async Task InitializeAsync()
    {
        Build = await BicepCli.RunAsync("build", "infra/main.bicep", "--stdout");
        if (Build.ExitCode == 0)
        {
            document = JsonDocument.Parse(Build.StandardOutput);
        }
    }

    public Task DisposeAsync()
    {
        document?.Dispose();
        return Task.CompletedTask;
    }
}

[CollectionDefinition(Name)]
public sealed class CompiledMainTemplateCollection : ICollectionFixture<CompiledMainTemplate>
{
    public const string Name = "compiled main template";
}
