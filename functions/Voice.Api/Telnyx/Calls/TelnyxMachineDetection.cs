using Voice.Api.Http;
using Voice.Core.Commands;

namespace Voice.Api.Telnyx;

/// <summary>
/// A dial's or transfer's <c>answering_machine_detection</c> and <c>answering_machine_detection_config</c> as the
/// engine's <see cref="DetectMachine"/>. <c>detect</c>, <c>detect_beep</c> and <c>greeting_end</c> map one to one;
/// <c>detect_words</c> runs as <c>greeting_end</c> (the same webhooks: our detector counts words by voice activity,
/// it does not recognise them); <c>premium</c> is refused (its webhooks and results — human_residence, fax_detected
/// … — are another product); <c>disabled</c> is none. Config fields that have no counterpart are accepted and
/// ignored (<c>beep_detection_profile</c>, <c>beep_spectral_confirmation</c>, <c>beep_spectral_window_millis</c>),
/// except <c>beep_spectral_reject_fax_cng: true</c>, which is refused: a fax CNG tone would be reported as a beep.
/// </summary>
public static class TelnyxMachineDetection
{
    private static readonly string[] Modes = ["premium", "detect", "detect_beep", "detect_words", "greeting_end", "disabled"];

    /// <summary>The detection the body asks for, or null (none, or an error recorded in <paramref name="f"/>).</summary>
    public static DetectMachine? Read(BodyFields f, string commandId)
    {
        var mode = f.OneOf("answering_machine_detection", Modes);
        f.Require(mode != "premium", "answering_machine_detection", "'answering_machine_detection': premium is not supported: use detect, detect_beep, detect_words or greeting_end");
        var config = f.Nested("answering_machine_detection_config");
        if (f.Error is not null || mode is null or "disabled")
        {
            return null;
        }

        var detect = new DetectMachine
        {
            CommandId = commandId,
            Mode = mode switch
            {
                "detect" => DetectMachine.Detect,
                "detect_beep" => DetectMachine.DetectBeep,
                _ => DetectMachine.GreetingEnd,
            },
        };
        if (config is null)
        {
            return detect;
        }

        detect = detect with
        {
            TotalAnalysisTimeMs = config.WholeNumber("total_analysis_time_millis", 500, 60_000),
            AfterGreetingSilenceMs = config.WholeNumber("after_greeting_silence_millis", 100, 60_000),
            GreetingDurationMs = config.WholeNumber("greeting_duration_millis", 100, 60_000),
            InitialSilenceMs = config.WholeNumber("initial_silence_millis", 100, 60_000),
            BetweenWordsSilenceMs = config.WholeNumber("between_words_silence_millis", 32, 5_000),
            MaximumWordLengthMs = config.WholeNumber("maximum_word_length_millis", 100, 60_000),
            MaximumNumberOfWords = config.WholeNumber("maximum_number_of_words", 1, 1_000),
            SilenceThreshold = config.WholeNumber("silence_threshold", 0, 32_767),
            GreetingSilenceDurationMs = config.WholeNumber("greeting_silence_duration_millis", 100, 60_000),
            GreetingTotalAnalysisTimeMs = config.WholeNumber("greeting_total_analysis_time_millis", 500, 120_000),
            BeepMinFrequencyHz = config.WholeNumber("beep_min_frequency_hz", 100, 3_900),
            BeepMaxFrequencyHz = config.WholeNumber("beep_max_frequency_hz", 100, 3_900),
            BeepMinToneDurationMs = config.WholeNumber("beep_min_tone_duration_millis", 20, 5_000),
            BeepMinPurity = config.Number("beep_spectral_min_purity", 0.3, 1),
        };
        config.OneOf("beep_detection_profile", ["both", "freq_only"]);
        config.Flag("beep_spectral_confirmation");
        config.WholeNumber("beep_spectral_window_millis", 1, 5_000);
        config.Require(config.Flag("beep_spectral_reject_fax_cng") != true, "beep_spectral_reject_fax_cng", "'beep_spectral_reject_fax_cng': true is not supported: fax tones are not told from beeps");
        config.Require(detect.BeepMinFrequencyHz is null || detect.BeepMaxFrequencyHz is null || detect.BeepMinFrequencyHz <= detect.BeepMaxFrequencyHz,
            "beep_min_frequency_hz", "'beep_min_frequency_hz' must not exceed 'beep_max_frequency_hz'");
        return f.Error is null ? detect : null;
    }
}
