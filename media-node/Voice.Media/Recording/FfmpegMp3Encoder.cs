using System.ComponentModel;
using System.Diagnostics;

namespace Voice.Media.Recording;

/// <summary>
/// Encodes a finished WAV recording to MP3 with ffmpeg (libmp3lame) run as a child process: the WAV streams into its
/// stdin, the MP3 out of its stdout, so neither needs a file ffmpeg can see. Failure (ffmpeg missing, a non-zero
/// exit, no output) is a result, not an exception, so the host can keep the WAV; cancellation kills ffmpeg.
/// </summary>
/// <param name="executable">The ffmpeg program (a name on PATH or a path).</param>
public sealed class FfmpegMp3Encoder(string executable = "ffmpeg")
{
    // Per channel: 8 kHz speech needs little, and MPEG 2.5 (8 kHz) tops out at 160 kbit/s.
    private const int BitrateKbpsPerChannel = 32;
    private const int ErrorTailLength = 300;

    // 8 kHz MP3 is MPEG-2.5, which many decoders (NLayer among them) render with distortion; 16 kHz is MPEG-2.
    private const int EncodedRate = 16000;

    /// <summary>Encodes <paramref name="wav"/> (read from its position) into <paramref name="mp3"/>; null on success, else why not.</summary>
    public async Task<string?> EncodeAsync(Stream wav, Stream mp3, int channels, CancellationToken cancellationToken = default)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-nostdin", "-hide_banner", "-loglevel", "error", "-f", "wav", "-i", "pipe:0", "-ar", $"{EncodedRate}", "-codec:a", "libmp3lame", "-b:a", $"{BitrateKbpsPerChannel * Math.Clamp(channels, 1, 2)}k", "-f", "mp3", "pipe:1" })
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new Win32Exception($"could not start {executable}");
        }
        catch (Win32Exception e)
        {
            return $"{executable} is not available: {e.Message}";
        }

        using (process)
        {
            var before = mp3.CanSeek ? mp3.Position : 0;
            try
            {
                var errors = process.StandardError.ReadToEndAsync(cancellationToken);
                var output = process.StandardOutput.BaseStream.CopyToAsync(mp3, cancellationToken);
                await FeedAsync(wav, process.StandardInput.BaseStream, cancellationToken);
                await output;
                await process.WaitForExitAsync(cancellationToken);
                var stderr = await errors;
                if (process.ExitCode != 0)
                {
                    return $"{executable} exited with {process.ExitCode}: {Tail(stderr)}";
                }

                return mp3.CanSeek && mp3.Position == before ? $"{executable} wrote no MP3" : null;
            }
            finally
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                    await process.WaitForExitAsync(CancellationToken.None);
                }
            }
        }
    }

    private static async Task FeedAsync(Stream wav, Stream stdin, CancellationToken cancellationToken)
    {
        try
        {
            await wav.CopyToAsync(stdin, cancellationToken);
        }
        catch (IOException)
        {
            // ffmpeg closed its input early (it failed); its exit code and stderr say why.
        }
        finally
        {
            try
            {
                await stdin.DisposeAsync();
            }
            catch (IOException)
            {
                // Same: a broken pipe on close.
            }
        }
    }

    private static string Tail(string text)
    {
        var trimmed = text.Trim();
        return trimmed.Length <= ErrorTailLength ? trimmed : trimmed[^ErrorTailLength..];
    }
}
