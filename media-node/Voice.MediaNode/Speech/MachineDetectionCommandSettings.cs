using Voice.Media.Contracts;
using Voice.Media.MachineDetection;

namespace Voice.MediaNode.Speech;

/// <summary>Reads a detect_machine command into detector settings, refusing values no detector could use.</summary>
public static class MachineDetectionCommandSettings
{
    private const int MaxMs = 60_000;

    /// <summary>The settings, or a message naming the first bad field.</summary>
    public static (MachineDetectionSettings? Settings, string? Error) Read(DetectMachineCommand command)
    {
        var reporting = command.Mode switch
        {
            MachineDetectionModes.Detect => GreetingEndReporting.None,
            MachineDetectionModes.DetectBeep => GreetingEndReporting.BeepOnly,
            MachineDetectionModes.GreetingEnd => GreetingEndReporting.All,
            _ => (GreetingEndReporting?)null,
        };
        if (reporting is null)
        {
            return (null, $"mode must be detect, detect_beep or greeting_end, not '{command.Mode}'");
        }

        var fields = new (string Name, int? Value, int Min, int Max)[]
        {
            ("total_analysis_time_ms", command.TotalAnalysisTimeMs, 500, MaxMs),
            ("after_greeting_silence_ms", command.AfterGreetingSilenceMs, 100, MaxMs),
            ("greeting_duration_ms", command.GreetingDurationMs, 100, MaxMs),
            ("initial_silence_ms", command.InitialSilenceMs, 100, MaxMs),
            ("between_words_silence_ms", command.BetweenWordsSilenceMs, 32, 5_000),
            ("maximum_word_length_ms", command.MaximumWordLengthMs, 100, MaxMs),
            ("maximum_number_of_words", command.MaximumNumberOfWords, 1, 1_000),
            ("silence_threshold", command.SilenceThreshold, 0, 32_767),
            ("greeting_silence_duration_ms", command.GreetingSilenceDurationMs, 100, MaxMs),
            ("greeting_total_analysis_time_ms", command.GreetingTotalAnalysisTimeMs, 500, 120_000),
            ("beep_min_frequency_hz", command.BeepMinFrequencyHz, 100, 3_900),
            ("beep_max_frequency_hz", command.BeepMaxFrequencyHz, 100, 3_900),
            ("beep_min_tone_duration_ms", command.BeepMinToneDurationMs, 20, 5_000),
        };
        foreach (var (name, value, min, max) in fields)
        {
            if (value is { } v && (v < min || v > max))
            {
                return (null, $"{name} must be within {min}..{max}, not {v}");
            }
        }

        if (command.BeepMinPurity is { } purity && (double.IsNaN(purity) || purity is < 0.3 or > 1))
        {
            return (null, $"beep_min_purity must be within 0.3..1, not {purity}");
        }

        var defaults = new MachineDetectionSettings();
        var beep = new BeepDetectorSettings();
        beep = beep with
        {
            MinFrequency = command.BeepMinFrequencyHz ?? beep.MinFrequency,
            MaxFrequency = command.BeepMaxFrequencyHz ?? beep.MaxFrequency,
            MinDuration = Ms(command.BeepMinToneDurationMs) ?? beep.MinDuration,
            MinPurity = command.BeepMinPurity ?? beep.MinPurity,
        };
        if (beep.MinFrequency > beep.MaxFrequency)
        {
            return (null, $"beep_min_frequency_hz ({beep.MinFrequency}) must not exceed beep_max_frequency_hz ({beep.MaxFrequency})");
        }

        return (defaults with
        {
            TotalAnalysisTime = Ms(command.TotalAnalysisTimeMs) ?? defaults.TotalAnalysisTime,
            AfterGreetingSilence = Ms(command.AfterGreetingSilenceMs) ?? defaults.AfterGreetingSilence,
            GreetingDuration = Ms(command.GreetingDurationMs) ?? defaults.GreetingDuration,
            InitialSilence = Ms(command.InitialSilenceMs) ?? defaults.InitialSilence,
            BetweenWordsSilence = Ms(command.BetweenWordsSilenceMs) ?? defaults.BetweenWordsSilence,
            MaximumWordLength = Ms(command.MaximumWordLengthMs) ?? defaults.MaximumWordLength,
            MaximumNumberOfWords = command.MaximumNumberOfWords ?? defaults.MaximumNumberOfWords,
            SilenceThreshold = command.SilenceThreshold ?? defaults.SilenceThreshold,
            GreetingSilenceDuration = Ms(command.GreetingSilenceDurationMs) ?? defaults.GreetingSilenceDuration,
            GreetingTotalAnalysisTime = Ms(command.GreetingTotalAnalysisTimeMs) ?? defaults.GreetingTotalAnalysisTime,
            GreetingEnd = reporting.Value,
            Beep = beep,
        }, null);
    }

    private static TimeSpan? Ms(int? value) => value is { } v ? TimeSpan.FromMilliseconds(v) : null;
}
