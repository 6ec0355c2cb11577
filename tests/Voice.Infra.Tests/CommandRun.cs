namespace Voice.Infra.Tests;

/// <summary>Exit code and output of one finished process. The Bicep CLI writes its diagnostics to standard error.</summary>
public sealed record CommandRun(int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>True when the run succeeded without writing anything to standard error (no diagnostic at all).</summary>
    public bool IsClean => ExitCode == 0 && string.IsNullOrWhiteSpace(StandardError);

    public override string ToString() => $"exit {ExitCode}\n{StandardError}";
}
