using Microsoft.Extensions.Options;
using Voice.MediaNode;

try
{
    await using var app = MediaNodeApp.Build(args);
    await app.RunAsync();
    return 0;
}
catch (OptionsValidationException e)
{
    await Console.Error.WriteLineAsync("media-node configuration is invalid:");
    foreach (var failure in e.Failures)
    {
        await Console.Error.WriteLineAsync("  " + failure);
    }

    return 2;
}
catch (InvalidOperationException e) when (e.Message.StartsWith("VoiceStorage", StringComparison.Ordinal))
{
    await Console.Error.WriteLineAsync("media-node configuration is invalid: " + e.Message);
    return 2;
}
