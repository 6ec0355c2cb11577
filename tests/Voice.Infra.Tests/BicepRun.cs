namespace Voice.Infra.Tests;

/// <summary>Exit code and output of one Bicep CLI run. The CLI writes its diagnostics to standard error.</summary>
public sealed record BicepRun(int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>True when the run succeeded without a single diagnostic (no error, warning or info line).</summary>
    public bool IsClean => ExitCode == 0 && string.IsNullOrWhiteSpace(StandardError);

    public override string ToString() => $"exit {ExitCode}\n{StandardError}";
}
